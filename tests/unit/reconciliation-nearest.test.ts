/**
 * pairNearest's chain-and-heap algorithm against the rule it implements, done the slow way:
 * repeatedly the unpaired pair with the smallest (distance, item tie, line tie) within the
 * tolerance. Times are drawn from a few instants so that ties are common.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairNearest, type TimedSide } from '../../src/core/reconciliation/nearest.js';
import { fcOptions } from '../support/fc.js';

interface Side {
  at: number[];
  tie: (string | number)[];
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function slowPairs(items: Side, lines: Side, tolerance: number): string[] {
  const itemFree = items.at.map(() => true);
  const lineFree = lines.at.map(() => true);
  const distance = (i: number, l: number): number => Math.abs(items.at[i] - lines.at[l]);
  const order = ([i, l]: [number, number], [j, m]: [number, number]): number =>
    distance(i, l) - distance(j, m) || compare(items.tie[i], items.tie[j]) || compare(lines.tie[l], lines.tie[m]);
  const pairs: string[] = [];
  for (;;) {
    let best: [number, number] | null = null;
    for (let i = 0; i < items.at.length; i += 1) {
      for (let l = 0; l < lines.at.length; l += 1) {
        if (!itemFree[i] || !lineFree[l] || distance(i, l) > tolerance) continue;
        if (best === null || order([i, l], best) < 0) best = [i, l];
      }
    }
    if (best === null) return pairs.sort();
    itemFree[best[0]] = false;
    lineFree[best[1]] = false;
    pairs.push(`${best[0]}-${best[1]}`);
  }
}

function fastPairs(items: Side, lines: Side, tolerance: number): string[] {
  const read = (side: Side): TimedSide => ({ at: (i) => side.at[i], tie: (i) => side.tie[i] });
  const pairs: string[] = [];
  pairNearest(
    items.at.map((_, i) => i),
    lines.at.map((_, l) => l),
    tolerance,
    { item: read(items), line: read(lines) },
    (i, l) => pairs.push(`${i}-${l}`),
  );
  return pairs.sort();
}

const instant = fc.integer({ min: 0, max: 12 }).map((n) => n * 5);
const itemSide = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 9 })
  .chain((keys) => fc.tuple(fc.constant(keys), fc.array(instant, { minLength: keys.length, maxLength: keys.length })))
  .map(([tie, at]): Side => ({ tie, at }));
const lineSide = fc
  .uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 9 })
  .chain((numbers) => fc.tuple(fc.constant(numbers), fc.array(instant, { minLength: numbers.length, maxLength: numbers.length })))
  .map(([tie, at]): Side => ({ tie, at }));

describe('reconciliation: pairing closest in time first', () => {
  it('pairs exactly as the rule says, ties included', () => {
    fc.assert(
      fc.property(itemSide, lineSide, fc.constantFrom(0, 5, 12, 30, Infinity), (items, lines, tolerance) => {
        expect(fastPairs(items, lines, tolerance)).toEqual(slowPairs(items, lines, tolerance));
      }),
      fcOptions(1000),
    );
  });

  it('handles many elements at one instant without trying every pair', () => {
    const n = 50_000;
    const same: Side = { at: Array.from({ length: n }, () => 0), tie: Array.from({ length: n }, (_, i) => `k${String(i).padStart(6, '0')}`) };
    const lines: Side = { at: Array.from({ length: n }, (_, l) => l % 7), tie: Array.from({ length: n }, (_, l) => l + 1) };
    const started = performance.now();
    expect(fastPairs(same, lines, 10)).toHaveLength(n);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
