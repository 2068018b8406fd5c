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
  const itemBucket = (i: number): string => bucketOf(ws.expected[i].currency, ws.expected[i].amount);
  const lineBucket = (l: number): string => bucketOf(ws.lines[l].currency, ws.lines[l].amount);
  const onPair = (item: number, line: number): void => pair(ws, item, line, outcome);
  if (items.length === 1 && lines.length === 1) {
    if (itemBucket(items[0]) === lineBucket(lines[0])) pairNearest(items, lines, toleranceMs, ws.read, onPair);
    return;
  }
  const buckets = new Map<string, { items: number[]; lines: number[] }>();
  for (const item of items) {
    const key = itemBucket(item);
    const bucket = buckets.get(key);
    if (bucket) bucket.items.push(item);
    else buckets.set(key, { items: [item], lines: [] });
  }
  for (const line of lines) buckets.get(lineBucket(line))?.lines.push(line);
  for (const bucket of buckets.values()) pairNearest(bucket.items, bucket.lines, toleranceMs, ws.read, onPair);
}
