/**
 * Which unpaired lines repeat another line, making them duplicates rather than unknowns: a
 * byte-identical record (the parser hashes identical records alike; the earliest is the
 * original), or a line with the reference, currency and amount of a matched line.
 */
import { sameAmount } from './buckets.js';
import { isLineMatched, type ReferenceGroup, type Workspace } from './workspace.js';

export interface Repeat {
  /** Index of the line repeated. */
  of: number;
  how: 'identical_record' | 'matched_reference';
}

export function findRepeats(ws: Workspace, groups: ReadonlyMap<string, ReferenceGroup>, unpaired: readonly number[]): Map<number, Repeat> {
  const repeats = new Map<number, Repeat>();
  const firstRecords = firstLineOfRecords(ws, new Set(unpaired.map((line) => ws.lines[line].rawHash)));
  const matchedByAmount = new Map<ReferenceGroup, Map<string, number>>();
  for (const line of unpaired) {
    const first = firstRecords.get(ws.lines[line].rawHash)!;
    if (first !== line) {
      repeats.set(line, { of: first, how: 'identical_record' });
      continue;
    }
    const group = groups.get(ws.lineRefs[line]);
    if (!group) continue;
    let matched = matchedByAmount.get(group);
    if (!matched) matchedByAmount.set(group, (matched = firstMatchedLineByAmount(ws, group)));
    const original = matched.get(sameAmount(ws.lines[line].currency, ws.lines[line].amount));
    if (original !== undefined) repeats.set(line, { of: original, how: 'matched_reference' });
  }
  return repeats;
}

/** For each of `hashes`, the line with the lowest number that has it. */
function firstLineOfRecords(ws: Workspace, hashes: ReadonlySet<string>): Map<string, number> {
  const first = new Map<string, number>();
  ws.lines.forEach(({ rawHash, lineNo }, line) => {
    if (!hashes.has(rawHash)) return;
    const known = first.get(rawHash);
    if (known === undefined || lineNo < ws.lines[known].lineNo) first.set(rawHash, line);
  });
  return first;
}

/** The group's matched lines by currency and amount, the lowest line number of each. */
function firstMatchedLineByAmount(ws: Workspace, group: ReferenceGroup): Map<string, number> {
  const first = new Map<string, number>();
  for (const line of group.lines) {
    if (!isLineMatched(ws, line)) continue;
    const bucket = sameAmount(ws.lines[line].currency, ws.lines[line].amount);
    const known = first.get(bucket);
    if (known === undefined || ws.lines[line].lineNo < ws.lines[known].lineNo) first.set(bucket, line);
  }
  return first;
}
