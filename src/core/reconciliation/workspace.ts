/**
 * The matcher's working state for one run: the input checked, grouped by reference, and who is
 * paired with whom. Items and lines are named by their index in the input arrays.
 */
import type { MatchConfig } from './config.js';
import type { TimedSide } from './nearest.js';
import { ReferenceGroups } from './references.js';
import type { ExpectedItem, ExpectedKind, Match, MatchInput, StatementLineLike } from './types.js';

/** How an item and a line were paired: matched (by reference or by amount and date), or a mismatch of one reference. */
export type PairOutcome = 'reference' | 'amount_date' | 'amount_mismatch' | 'currency_mismatch';

const UNPAIRED = -1;

export interface Workspace {
  readonly expected: readonly ExpectedItem[];
  readonly lines: readonly StatementLineLike[];
  readonly config: MatchConfig;
  readonly groups: ReferenceGroups;
  /** Line indexes in line number order. */
  readonly lineOrder: Uint32Array;
  readonly lineOfItem: Int32Array;
  readonly itemOfLine: Int32Array;
  /** By item index: how it was paired. */
  readonly outcomes: (PairOutcome | undefined)[];
  readonly read: { item: TimedSide; line: TimedSide };
}

export function createWorkspace({ expected, lines, config }: MatchInput): Workspace {
  if (!(config.dateToleranceMs >= 0)) throw new RangeError(`dateToleranceMs must be zero or more, not ${config.dateToleranceMs}`);
  checkItems(expected);
  checkLines(lines);
  return {
    expected,
    lines,
    config,
    groups: new ReferenceGroups(expected, lines),
    lineOrder: orderByLineNo(lines),
    lineOfItem: new Int32Array(expected.length).fill(UNPAIRED),
    itemOfLine: new Int32Array(lines.length).fill(UNPAIRED),
    outcomes: new Array<PairOutcome | undefined>(expected.length).fill(undefined),
    read: {
      item: { at: (i) => expected[i].at, tie: (i) => expected[i].key },
      line: { at: (l) => lines[l].bookedAt, tie: (l) => lines[l].lineNo },
    },
  };
}

export function pair(ws: Workspace, item: number, line: number, outcome: PairOutcome): void {
  ws.lineOfItem[item] = line;
  ws.itemOfLine[line] = item;
  ws.outcomes[item] = outcome;
}

export function isItemPaired(ws: Workspace, item: number): boolean {
  return ws.lineOfItem[item] !== UNPAIRED;
}

export function isLinePaired(ws: Workspace, line: number): boolean {
  return ws.itemOfLine[line] !== UNPAIRED;
}

/** How the line was matched; null when it is not (unpaired, or paired as a mismatch). */
export function matchedBy(ws: Workspace, line: number): Match['by'] | null {
  const item = ws.itemOfLine[line];
  const outcome = item === UNPAIRED ? undefined : ws.outcomes[item];
  return outcome === 'reference' || outcome === 'amount_date' ? outcome : null;
}

/** The sign each kind of item has on a statement. */
const SIGN_OF_KIND: Record<ExpectedKind, 1n | -1n> = { payment: 1n, refund: -1n, payout: -1n };

/*
 * Input the matcher could only answer wrongly is refused: keys and line numbers are what the
 * result names things by (line numbers are checked as they are ordered), an item signed against
 * its kind would pair with the wrong side of the statement, and a time that is not a number
 * breaks the date window. These are bugs of whoever built the input, hence thrown.
 */

function checkItems(expected: readonly ExpectedItem[]): void {
  const keys = new Set<string>();
  for (const item of expected) {
    if (item.key === '' || keys.has(item.key)) throw new RangeError(`expected item key "${item.key}" is empty or not unique`);
    keys.add(item.key);
    if (item.amount * SIGN_OF_KIND[item.kind] <= 0n) throw new RangeError(`expected ${item.kind} ${item.key} has amount ${item.amount}: a ${item.kind} is ${SIGN_OF_KIND[item.kind] > 0n ? 'positive' : 'negative'}`);
    if (!Number.isFinite(item.at)) throw new RangeError(`expected item ${item.key} has no valid time`);
  }
}

function checkLines(lines: readonly StatementLineLike[]): void {
  for (const line of lines) if (!Number.isFinite(line.bookedAt)) throw new RangeError(`line ${line.lineNo} has no valid booking time`);
}

/**
 * Line indexes sorted by line number, refusing a number seen twice. Sorting the numbers alone
 * (a typed array sorts natively) and placing each line by binary search is several times
 * faster on a million lines than sorting indexes with a comparator.
 */
function orderByLineNo(lines: readonly StatementLineLike[]): Uint32Array {
  const sorted = Float64Array.from(lines, (line) => line.lineNo).sort();
  for (let k = 0; k < sorted.length; k += 1) {
    if (!Number.isFinite(sorted[k])) throw new RangeError(`line number ${sorted[k]} is not a number`);
    if (k > 0 && sorted[k] === sorted[k - 1]) throw new RangeError(`line number ${sorted[k]} appears twice: number the lines of merged files apart`);
  }
  const order = new Uint32Array(lines.length);
  lines.forEach((line, index) => {
    order[rankOf(sorted, line.lineNo)] = index;
  });
  return order;
}

function rankOf(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
