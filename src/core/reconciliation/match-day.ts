/**
 * matchDay: one day of a settlement account, what the ledger expects against what the
 * statement shows, the way payment platforms reconcile.
 *
 * 1. By reference. Items and lines whose normalised references are equal form a group; within
 *    it, passes of decreasing strictness pair what is left: same currency and amount (matched),
 *    same currency and sign (amount_mismatch), same sign (currency_mismatch). Dates do not
 *    matter within a reference; several candidates pair closest in time first.
 * 2. By amount and date. Items still unpaired, and lines whose reference names no expected
 *    item (or that carry none), pair by currency and amount within `dateToleranceMs`, closest
 *    in time first. A line left over in a reference group is not offered here: it names
 *    expected items and fits none of them, which finance must see rather than have it paired
 *    with a stranger of the same amount.
 * 3. What is left: a line repeating another (byte for byte, or the reference and amount of a
 *    matched line) is a duplicate, any other an unknown; an item is missing.
 *
 * Ties at equal time distance go to the lower item key, then the lower line number, so the
 * result depends on the input's content only, never on its order.
 */
import { pairInBuckets, sameAmount, sameCurrencyAndSign, sameSign, type BucketOf } from './buckets.js';
import { report } from './report.js';
import type { MatchInput, MatchResult } from './types.js';
import { createWorkspace, isItemPaired, isLinePaired, pair, type PairOutcome, type Workspace } from './workspace.js';

const REFERENCE_PASSES: ReadonlyArray<{ bucketOf: BucketOf; outcome: PairOutcome }> = [
  { bucketOf: sameAmount, outcome: 'reference' },
  { bucketOf: sameCurrencyAndSign, outcome: 'amount_mismatch' },
  { bucketOf: sameSign, outcome: 'currency_mismatch' },
];

export function matchDay(input: MatchInput): MatchResult {
  const ws = createWorkspace(input);
  for (let group = 0; group < ws.groups.count; group += 1) matchByReference(ws, group);
  matchByAmountAndDate(ws);
  return report(ws);
}

function matchByReference(ws: Workspace, group: number): void {
  const { groups } = ws;
  if (groups.itemCount(group) === 0 || groups.lineCount(group) === 0) return;
  // Most references are seen once on each side: decided without building any list.
  if (groups.itemCount(group) === 1 && groups.lineCount(group) === 1) {
    const item = groups.firstItem(group);
    const line = groups.firstLine(group);
    const { currency, amount } = ws.expected[item];
    const shown = ws.lines[line];
    const pass = REFERENCE_PASSES.find(({ bucketOf }) => bucketOf(currency, amount) === bucketOf(shown.currency, shown.amount));
    if (pass) pair(ws, item, line, pass.outcome);
    return;
  }
  let items = groups.items(group);
  let lines = groups.lines(group);
  for (const { bucketOf, outcome } of REFERENCE_PASSES) {
    if (items.length === 0 || lines.length === 0) return;
    pairInBuckets(ws, items, lines, bucketOf, Infinity, outcome);
    items = items.filter((item) => !isItemPaired(ws, item));
    lines = lines.filter((line) => !isLinePaired(ws, line));
  }
}

function matchByAmountAndDate(ws: Workspace): void {
  const items: number[] = [];
  for (let item = 0; item < ws.expected.length; item += 1) if (!isItemPaired(ws, item)) items.push(item);
  if (items.length === 0) return;
  const lines: number[] = [];
  for (let line = 0; line < ws.lines.length; line += 1) if (!ws.groups.namesExpected(line)) lines.push(line);
  pairInBuckets(ws, items, lines, sameAmount, ws.config.dateToleranceMs, 'amount_date');
}
