/**
 * Pairing the items and lines of one bucket closest in time first: repeatedly the unpaired
 * (item, line) pair with the smallest time distance, ties to the lower item tie and then the
 * lower line tie, as long as the distance is within the tolerance.
 *
 * Done naively that is quadratic; here it costs O(n log n). Items, and lines, of one instant
 * are a group whose best member is its first unpaired one in tie order. In the time-ordered
 * chain of groups the closest pair is always between neighbours: a group strictly between an
 * item group and a line group is strictly closer to one of them (no two groups of one side
 * share an instant). So a heap holds one candidate per neighbouring item/line group pair;
 * pairing moves a group's head on (its candidates are refreshed when they surface, since their
 * priority can only have grown) or empties it (it leaves the chain and its neighbours become
 * neighbours).
 */
import { MinHeap } from './min-heap.js';

/** How to read an element of one side, named by its index in the caller's array. */
export interface TimedSide {
  at(index: number): number;
  /** Orders elements at equal distance, lower first; unique within the side. */
  tie(index: number): string | number;
}

type Side = 'item' | 'line';

interface Group {
  readonly side: Side;
  readonly at: number;
  /** In tie order; members before `head` are paired. */
  readonly members: number[];
  head: number;
  prev: Group | null;
  next: Group | null;
}

interface Candidate {
  readonly distance: number;
  readonly itemTie: string | number;
  readonly lineTie: string | number;
  readonly item: Group;
  readonly line: Group;
}

function compareTies(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return a.distance - b.distance || compareTies(a.itemTie, b.itemTie) || compareTies(a.lineTie, b.lineTie);
}

function exhausted(group: Group): boolean {
  return group.head >= group.members.length;
}

/** The elements of one side grouped by instant, in time order. */
function groupsByInstant(indexes: readonly number[], side: Side, read: TimedSide): Group[] {
  const sorted = [...indexes].sort((a, b) => read.at(a) - read.at(b) || compareTies(read.tie(a), read.tie(b)));
  const groups: Group[] = [];
  for (const index of sorted) {
    const at = read.at(index);
    const last = groups.at(-1);
    if (last?.at === at) last.members.push(index);
    else groups.push({ side, at, members: [index], head: 0, prev: null, next: null });
  }
  return groups;
}

/** Both sides' groups merged into one doubly linked chain in time order. */
function chain(items: Group[], lines: Group[]): Group[] {
  const merged: Group[] = [];
  let i = 0;
  let l = 0;
  while (i < items.length || l < lines.length) {
    const takeItem = l >= lines.length || (i < items.length && items[i].at <= lines[l].at);
    merged.push(takeItem ? items[i++] : lines[l++]);
  }
  for (let k = 1; k < merged.length; k += 1) {
    merged[k - 1].next = merged[k];
    merged[k].prev = merged[k - 1];
  }
  return merged;
}

export function pairNearest(
  items: readonly number[],
  lines: readonly number[],
  toleranceMs: number,
  read: { item: TimedSide; line: TimedSide },
  onPair: (item: number, line: number) => void,
): void {
  if (items.length === 0 || lines.length === 0) return;
  // Most buckets hold one of each (a reference seen once); they need no machinery.
  if (items.length === 1 && lines.length === 1) {
    if (Math.abs(read.item.at(items[0]) - read.line.at(lines[0])) <= toleranceMs) onPair(items[0], lines[0]);
    return;
  }

  const heap = new MinHeap<Candidate>(compareCandidates);
  const candidate = (item: Group, line: Group): Candidate => ({
    distance: Math.abs(item.at - line.at),
    itemTie: read.item.tie(item.members[item.head]),
    lineTie: read.line.tie(line.members[line.head]),
    item,
    line,
  });
  const offer = (a: Group | null, b: Group | null): void => {
    if (!a || !b || a.side === b.side || exhausted(a) || exhausted(b)) return;
    const next = a.side === 'item' ? candidate(a, b) : candidate(b, a);
    if (next.distance <= toleranceMs) heap.push(next);
  };
  const unlink = (group: Group): void => {
    if (group.prev) group.prev.next = group.next;
    if (group.next) group.next.prev = group.prev;
    offer(group.prev, group.next);
  };

  for (const group of chain(groupsByInstant(items, 'item', read.item), groupsByInstant(lines, 'line', read.line))) {
    offer(group, group.next);
  }
  for (let top = heap.pop(); top; top = heap.pop()) {
    // An emptied group has left the chain; its candidates are void.
    if (exhausted(top.item) || exhausted(top.line)) continue;
    const current = candidate(top.item, top.line);
    if (compareCandidates(current, top) !== 0) {
      heap.push(current);
      continue;
    }
    onPair(top.item.members[top.item.head], top.line.members[top.line.head]);
    top.item.head += 1;
    top.line.head += 1;
    if (exhausted(top.item)) unlink(top.item);
    if (exhausted(top.line)) unlink(top.line);
    offer(top.item, top.line);
  }
}
