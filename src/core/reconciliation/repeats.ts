/**
 * Which unpaired lines repeat another line, making them duplicates rather than unknowns: a
 * byte-identical record (the parser hashes identical records alike; the one with the lowest
 * line number is the original), or a line with the reference, currency and amount of a
 * matched line.
 */
import { sameAmount } from './buckets.js';
import { matchedBy, type Workspace } from './workspace.js';

export interface Repeat {
  /** Index of the line repeated. */
  of: number;
  how: 'identical_record' | 'matched_reference';
}

/** `unpaired`: line indexes. */
export function findRepeats(ws: Workspace, unpaired: readonly number[]): Map<number, Repeat> {
  const repeats = new Map<number, Repeat>();
  const firstRecords = firstLineOfRecords(ws, new Set(unpaired.map((line) => ws.lines[line].rawHash)));
  const matchedByGroup = new Map<number, Map<string, number>>();
  for (const line of unpaired) {
    const { rawHash, currency, amount } = ws.lines[line];
    const first = firstRecords.get(rawHash)!;
    if (first !== line) {
      repeats.set(line, { of: first, how: 'identical_record' });
      continue;
    }
    const group = ws.groups.lineGroup[line];
    if (group < 0) continue;
    let matched = matchedByGroup.get(group);
    if (!matched) matchedByGroup.set(group, (matched = firstMatchedLineByAmount(ws, group)));
    const original = matched.get(sameAmount(currency, amount));
    if (original !== undefined) repeats.set(line, { of: original, how: 'matched_reference' });
  }
  return repeats;
}

/** For each of `hashes`, the line with the lowest number that has it. */
function firstLineOfRecords(ws: Workspace, hashes: ReadonlySet<string>): Map<string, number> {
  const first = new Map<string, number>();
  for (const line of ws.lineOrder) {
    const { rawHash } = ws.lines[line];
    if (hashes.has(rawHash) && !first.has(rawHash)) first.set(rawHash, line);
  }
  return first;
}

/** The group's matched lines by currency and amount, the lowest line number of each. */
function firstMatchedLineByAmount(ws: Workspace, group: number): Map<string, number> {
  const first = new Map<string, number>();
  for (const line of ws.groups.lines(group)) {
    if (matchedBy(ws, line) === null) continue;
    const bucket = sameAmount(ws.lines[line].currency, ws.lines[line].amount);
    const known = first.get(bucket);
    if (known === undefined || ws.lines[line].lineNo < ws.lines[known].lineNo) first.set(bucket, line);
  }
  return first;
}
