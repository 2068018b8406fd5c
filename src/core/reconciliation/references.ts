/**
 * References: their normal form, and items and lines grouped by it. Groups are kept in typed
 * arrays (each group's members contiguous, by counting sort) rather than a map of arrays: a
 * million groups as objects cost the garbage collector more than the matching itself.
 */
import type { ExpectedItem, StatementLineLike } from './types.js';

/** Printable ASCII without spaces or lower-case letters: already in normal form. */
const NORMAL_ALREADY = /^[!-`{-~]*$/;

/**
 * The form two spellings of one reference share: NFKC (full-width letters and digits, common in
 * Chinese bank files, become their plain forms), upper case, no whitespace at all (banks wrap
 * and pad long references). An empty result means the line or item carries no reference.
 */
export function normaliseReference(reference: string): string {
  // The usual case; skipping the work keeps two million references cheap.
  if (NORMAL_ALREADY.test(reference)) return reference;
  return reference.normalize('NFKC').toUpperCase().replace(/\s+/gu, '');
}

const NO_GROUP = -1;

interface Members {
  /** The members of group g are `members[start[g]]` up to, not including, `members[start[g + 1]]`. */
  start: Int32Array;
  members: Int32Array;
}

function membersOf(groupOf: Int32Array, count: number): Members {
  const start = new Int32Array(count + 1);
  for (const group of groupOf) if (group !== NO_GROUP) start[group + 1] += 1;
  for (let group = 0; group < count; group += 1) start[group + 1] += start[group];
  const next = start.slice(0, count);
  const members = new Int32Array(start[count]);
  groupOf.forEach((group, index) => {
    if (group !== NO_GROUP) members[next[group]++] = index;
  });
  return { start, members };
}

function slice({ start, members }: Members, group: number): number[] {
  const out = new Array<number>(start[group + 1] - start[group]);
  for (let k = 0; k < out.length; k += 1) out[k] = members[start[group] + k];
  return out;
}

export class ReferenceGroups {
  readonly count: number;
  /** The group of each line; -1 for a line without a reference. */
  readonly lineGroup: Int32Array;
  readonly #items: Members;
  readonly #lines: Members;

  constructor(expected: readonly ExpectedItem[], lines: readonly StatementLineLike[]) {
    const ids = new Map<string, number>();
    const groupOf = (reference: string): number => {
      const normalised = normaliseReference(reference);
      if (normalised === '') return NO_GROUP;
      let id = ids.get(normalised);
      if (id === undefined) ids.set(normalised, (id = ids.size));
      return id;
    };
    const itemGroup = Int32Array.from(expected, (item) => groupOf(item.reference));
    this.lineGroup = Int32Array.from(lines, (line) => groupOf(line.reference));
    this.count = ids.size;
    this.#items = membersOf(itemGroup, this.count);
    this.#lines = membersOf(this.lineGroup, this.count);
  }

  items(group: number): number[] {
    return slice(this.#items, group);
  }

  lines(group: number): number[] {
    return slice(this.#lines, group);
  }

  firstItem(group: number): number {
    return this.#items.members[this.#items.start[group]];
  }

  firstLine(group: number): number {
    return this.#lines.members[this.#lines.start[group]];
  }

  itemCount(group: number): number {
    return this.#items.start[group + 1] - this.#items.start[group];
  }

  lineCount(group: number): number {
    return this.#lines.start[group + 1] - this.#lines.start[group];
  }

  /** Whether the line's reference is that of some expected item. */
  namesExpected(line: number): boolean {
    const group = this.lineGroup[line];
    return group !== NO_GROUP && this.itemCount(group) > 0;
  }
}
