/**
 * Pairing by bucket: items and lines are pairable only within one bucket (same amount and
 * currency, say), and within a bucket they pair closest in time first (see nearest.ts).
 */
import type { Currency } from '../../shared/money.js';
import { pairNearest } from './nearest.js';
import { pair, type PairOutcome, type Workspace } from './workspace.js';

export type BucketOf = (currency: Currency, amount: bigint) => string;

function sign(amount: bigint): string {
  return amount > 0n ? '+' : amount < 0n ? '-' : '0';
}

export const sameAmount: BucketOf = (currency, amount) => `${currency} ${amount}`;
export const sameCurrencyAndSign: BucketOf = (currency, amount) => `${currency} ${sign(amount)}`;
/** Money in never pairs with money out, whatever else differs. */
export const sameSign: BucketOf = (_currency, amount) => sign(amount);

export function pairInBuckets(
  ws: Workspace,
  items: readonly number[],
  lines: readonly number[],
  bucketOf: BucketOf,
  toleranceMs: number,
  outcome: PairOutcome,
): void {
  const onPair = (item: number, line: number): void => pair(ws, item, line, outcome);
  const { expected: all, lines: statement } = ws;
  const buckets = new Map<string, { items: number[]; lines: number[] }>();
  for (const index of items) {
    const key = bucketOf(all[index].currency, all[index].amount);
    const bucket = buckets.get(key);
    if (bucket) bucket.items.push(index);
    else buckets.set(key, { items: [index], lines: [] });
  }
  for (const index of lines) buckets.get(bucketOf(statement[index].currency, statement[index].amount))?.lines.push(index);
  for (const bucket of buckets.values()) pairNearest(bucket.items, bucket.lines, toleranceMs, ws.read, onPair);
}
