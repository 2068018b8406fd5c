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
import { createWorkspace, isItemPaired, isLinePaired, type PairOutcome, type ReferenceGroup, type Workspace } from './workspace.js';

const REFERENCE_PASSES: ReadonlyArray<{ bucketOf: BucketOf; outcome: PairOutcome }> = [
  { bucketOf: sameAmount, outcome: 'reference' },
  { bucketOf: sameCurrencyAndSign, outcome: 'amount_mismatch' },
  { bucketOf: sameSign, outcome: 'currency_mismatch' },
];

export function matchDay(input: MatchInput): MatchResult {
  const ws = createWorkspace(input);
  const groups = groupByReference(ws);
  for (const group of groups.values()) matchByReference(ws, group);
  matchByAmountAndDate(ws, groups);
  return report(ws, groups);
}

/** Items and lines by normalised reference; those without one are in no group. */
function groupByReference(ws: Workspace): Map<string, ReferenceGroup> {
  const groups = new Map<string, ReferenceGroup>();
  const groupOf = (reference: string): ReferenceGroup => {
    let group = groups.get(reference);
    if (!group) groups.set(reference, (group = { items: [], lines: [] }));
    return group;
  };
  ws.itemRefs.forEach((reference, item) => {
    if (reference !== '') groupOf(reference).items.push(item);
  });
  ws.lineRefs.forEach((reference, line) => {
    if (reference !== '') groupOf(reference).lines.push(line);
  });
  return groups;
}

function matchByReference(ws: Workspace, group: ReferenceGroup): void {
  let items = group.items;
  let lines = group.lines;
  for (const { bucketOf, outcome } of REFERENCE_PASSES) {
    if (items.length === 0 || lines.length === 0) return;
    pairInBuckets(ws, items, lines, bucketOf, Infinity, outcome);
    items = items.filter((item) => !isItemPaired(ws, item));
    lines = lines.filter((line) => !isLinePaired(ws, line));
  }
}

function matchByAmountAndDate(ws: Workspace, groups: ReadonlyMap<string, ReferenceGroup>): void {
  const items: number[] = [];
  for (let item = 0; item < ws.expected.length; item += 1) if (!isItemPaired(ws, item)) items.push(item);
  if (items.length === 0) return;
  const lines: number[] = [];
  for (let line = 0; line < ws.lines.length; line += 1) {
    const reference = ws.lineRefs[line];
    if (reference === '' || groups.get(reference)!.items.length === 0) lines.push(line);
  }
  pairInBuckets(ws, items, lines, sameAmount, ws.config.dateToleranceMs, 'amount_date');
}
