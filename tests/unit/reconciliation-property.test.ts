/**
 * The matcher on generated days: expected items of orders (a payment and partial refunds on one
 * reference) and payouts, a statement made from them with discrepancies planted at most one per
 * reference, and strangers nobody expects. Every item and line must come out exactly once, and
 * every planted discrepancy in its category. The same generator makes the 200,000-line day of
 * the scale test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_CONFIG, matchDay, type ExpectedItem, type MatchCategory, type MatchResult, type StatementLineLike } from '../../src/core/reconciliation/index.js';
import type { Currency } from '../../src/shared/money.js';
import { fcOptions } from '../support/fc.js';

const T0 = Date.UTC(2026, 10, 10, 16);
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const CURRENCIES: Currency[] = ['CNY', 'HKD', 'USD', 'JPY'];

const PLANTS = ['none', 'missing', 'amount_off', 'wrong_currency', 'duplicate_line', 'repeated_record', 'reference_lost'] as const;
type Plant = (typeof PLANTS)[number];

interface Entity {
  kind: 'order' | 'payout';
  /** Orders: how many partial refunds follow the payment. */
  refunds: number;
  currency: number;
  /** Offset of the movement within the day, and how much later the statement books it. */
  at: number;
  delay: number;
  plant: Plant;
  /** Which of the entity's items the plant hits (modulo their number). */
  target: number;
  /** amount_off: how many minor units the line is off; below 1000 less the refunds, so never another item's amount. */
  delta: number;
}

/** What the matcher must answer for each item and each planted line. */
interface Planted {
  items: Map<string, { category: MatchCategory; by?: 'reference' | 'amount_date' }>;
  /** Two lines for one item: one matches it, the other is a duplicate of that one. */
  doubled: Array<{ itemKey: string; lineNos: [number, number] }>;
  unknown: number[];
}

interface Day {
  expected: ExpectedItem[];
  lines: StatementLineLike[];
  planted: Planted;
}

/**
 * Every item's amount is unique (its own thousand, whatever the sign), so a planted
 * discrepancy can only be read one way; strangers' amounts lie above all of them.
 */
function buildDay(entities: readonly Entity[], strangers: number): Day {
  const expected: ExpectedItem[] = [];
  const lines: StatementLineLike[] = [];
  const planted: Planted = { items: new Map(), doubled: [], unknown: [] };
  let serial = 0;
  let lineNo = 1;
  const addLine = (fields: Omit<StatementLineLike, 'lineNo' | 'rawHash'>, rawHash?: string): number => {
    lineNo += 1;
    lines.push({ ...fields, lineNo, rawHash: rawHash ?? `raw-${lineNo}` });
    return lineNo;
  };

  entities.forEach((entity, e) => {
    const currency = CURRENCIES[entity.currency % CURRENCIES.length];
    const reference = entity.kind === 'order' ? `O${e}` : `P${e}`;
    const count = entity.kind === 'order' ? 1 + entity.refunds : 1;
    for (let k = 0; k < count; k += 1) {
      serial += 1;
      const magnitude = BigInt(serial) * 1000n + BigInt(k);
      const isPayment = entity.kind === 'order' && k === 0;
      const item: ExpectedItem = {
        key: entity.kind === 'payout' ? `payout:${reference}` : isPayment ? `order:${reference}:paid` : `order:${reference}:refund:e${k}`,
        kind: entity.kind === 'payout' ? 'payout' : isPayment ? 'payment' : 'refund',
        reference,
        amount: isPayment ? magnitude : -magnitude,
        currency,
        at: T0 + entity.at + k * HOUR_MS,
      };
      expected.push(item);
      const plant = k === entity.target % count ? entity.plant : 'none';
      const shown = { bookedAt: item.at + entity.delay, amount: item.amount, currency, reference };
      switch (plant) {
        case 'none':
          addLine(shown);
          planted.items.set(item.key, { category: 'matched', by: 'reference' });
          break;
        case 'missing':
          planted.items.set(item.key, { category: 'missing_in_statement' });
          break;
        case 'amount_off':
          addLine({ ...shown, amount: item.amount + (isPayment ? 1n : -1n) * BigInt(entity.delta) });
          planted.items.set(item.key, { category: 'amount_mismatch' });
          break;
        case 'wrong_currency':
          addLine({ ...shown, currency: CURRENCIES[(entity.currency + 1) % CURRENCIES.length] });
          planted.items.set(item.key, { category: 'currency_mismatch' });
          break;
        case 'duplicate_line':
          planted.doubled.push({ itemKey: item.key, lineNos: [addLine(shown), addLine({ ...shown, bookedAt: shown.bookedAt + entity.delay })] });
          break;
        case 'repeated_record': {
          const rawHash = `record-${item.key}`;
          planted.doubled.push({ itemKey: item.key, lineNos: [addLine(shown, rawHash), addLine(shown, rawHash)] });
          break;
        }
        case 'reference_lost':
          addLine({ ...shown, reference: serial % 2 === 0 ? '' : `CUP-${serial}` });
          planted.items.set(item.key, { category: 'matched', by: 'amount_date' });
      }
    }
  });
  for (let s = 0; s < strangers; s += 1) {
    const magnitude = 10n ** 12n + BigInt(s) * 1000n;
    planted.unknown.push(addLine({ bookedAt: T0 + ((s * 7_919_000) % DAY_MS), amount: s % 2 === 0 ? magnitude : -magnitude, currency: CURRENCIES[s % CURRENCIES.length], reference: `X${s}` }));
  }
  return { expected, lines, planted };
}

function checkDay(day: Day, result: MatchResult): void {
  // Every item and every line exactly once.
  const itemKeys = [...result.matches.map((m) => m.itemKey), ...result.exceptions.flatMap((e) => (e.itemKey === undefined ? [] : [e.itemKey]))];
  const lineNos = [...result.matches.map((m) => m.lineNo), ...result.exceptions.flatMap((e) => (e.lineNo === undefined ? [] : [e.lineNo]))];
  expect(itemKeys.length).toBe(day.expected.length);
  expect(new Set(itemKeys).size).toBe(day.expected.length);
  expect(lineNos.length).toBe(day.lines.length);
  expect(new Set(lineNos).size).toBe(day.lines.length);

  // Every plant in its category (collected, so that a failure lists them all).
  const wrong: string[] = [];
  const matchOf = new Map(result.matches.map((m) => [m.itemKey, m]));
  const exceptionOf = new Map(result.exceptions.flatMap((e) => (e.itemKey === undefined ? [] : [[e.itemKey, e] as const])));
  const lineException = new Map(result.exceptions.flatMap((e) => (e.itemKey === undefined ? [[e.lineNo!, e] as const] : [])));
  for (const [itemKey, { category, by }] of day.planted.items) {
    const got = matchOf.has(itemKey) ? `matched by ${matchOf.get(itemKey)!.by}` : exceptionOf.get(itemKey)?.category;
    const want = category === 'matched' ? `matched by ${by}` : category;
    if (got !== want) wrong.push(`${itemKey}: ${got}, planted ${want}`);
  }
  for (const { itemKey, lineNos: [first, second] } of day.planted.doubled) {
    const matched = matchOf.get(itemKey)?.lineNo;
    const other = lineException.get(matched === first ? second : first);
    if ((matched !== first && matched !== second) || other?.category !== 'duplicate' || other.duplicateOfLineNo !== matched) {
      wrong.push(`${itemKey}: lines ${first} and ${second} should be one match and one duplicate of it`);
    }
  }
  for (const lineNo of day.planted.unknown) {
    if (lineException.get(lineNo)?.category !== 'unknown_in_statement') wrong.push(`line ${lineNo}: ${lineException.get(lineNo)?.category}, planted unknown`);
  }
  expect(wrong).toEqual([]);

  // The totals agree with the lists.
  const counted = Object.values(result.totals.counts).reduce((a, b) => a + b, 0);
  expect(counted).toBe(result.matches.length + result.exceptions.length);
  for (const { currency, expectedSum, statementSum } of result.totals.byCurrency) {
    expect(expectedSum).toBe(day.expected.filter((i) => i.currency === currency).reduce((sum, i) => sum + i.amount, 0n));
    expect(statementSum).toBe(day.lines.filter((l) => l.currency === currency).reduce((sum, l) => sum + l.amount, 0n));
  }
}

/** A fixed pseudo-random sequence (linear congruential; high bits, the low ones cycle fast): next(n) is in 0..n-1. */
function sequence(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

/** A seeded permutation (Fisher-Yates). */
function shuffled<T>(values: readonly T[], seed: number): T[] {
  const next = sequence(seed);
  const out = [...values];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = next(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const entityArbitrary: fc.Arbitrary<Entity> = fc.record({
  kind: fc.oneof({ weight: 2, arbitrary: fc.constant('order' as const) }, { weight: 1, arbitrary: fc.constant('payout' as const) }),
  refunds: fc.integer({ min: 0, max: 2 }),
  currency: fc.integer({ min: 0, max: CURRENCIES.length - 1 }),
  at: fc.integer({ min: 0, max: DAY_MS - 1 }),
  delay: fc.integer({ min: 0, max: HOUR_MS }),
  plant: fc.oneof({ weight: 4, arbitrary: fc.constant('none' as const) }, { weight: 3, arbitrary: fc.constantFrom(...PLANTS) }),
  target: fc.nat({ max: 2 }),
  delta: fc.integer({ min: 1, max: 500 }),
});

describe('reconciliation: generated days', () => {
  it('accounts for every item and line once and reports every planted discrepancy in its category', () => {
    fc.assert(
      fc.property(fc.array(entityArbitrary, { maxLength: 40 }), fc.nat({ max: 6 }), fc.nat(), (entities, strangers, seed) => {
        const day = buildDay(entities, strangers);
        const result = matchDay({ expected: day.expected, lines: day.lines, config: DEFAULT_MATCH_CONFIG });
        checkDay(day, result);
        // The same content in another order gives the same result, keys included.
        expect(matchDay({ expected: shuffled(day.expected, seed), lines: shuffled(day.lines, seed + 1), config: DEFAULT_MATCH_CONFIG })).toEqual(result);
      }),
      fcOptions(300),
    );
  });

  it('matches 200,000 items against 200,000 lines in well under five seconds', () => {
    const next = sequence(20_261_111);
    const entities: Entity[] = [];
    for (let items = 0; items < 200_000; ) {
      const kind = next(10) === 0 ? 'payout' : 'order';
      const refunds = kind === 'order' && next(10) === 0 ? 1 + next(2) : 0;
      // About one reference in twenty carries a discrepancy.
      const plant = next(20) === 0 ? PLANTS[1 + next(PLANTS.length - 1)] : 'none';
      entities.push({ kind, refunds, currency: next(10) === 0 ? 1 + next(3) : 0, at: next(DAY_MS), delay: next(12 * HOUR_MS), plant, target: next(3), delta: 1 + next(500) });
      items += kind === 'order' ? 1 + refunds : 1;
    }
    const day = buildDay(entities, 1_000);

    const started = performance.now();
    const result = matchDay({ expected: day.expected, lines: day.lines, config: DEFAULT_MATCH_CONFIG });
    const elapsed = performance.now() - started;
    console.log(`reconciliation scale: ${day.expected.length} items against ${day.lines.length} lines matched in ${Math.round(elapsed)} ms`, result.totals.counts);

    expect(elapsed).toBeLessThan(5_000);
    expect(day.expected.length).toBeGreaterThanOrEqual(200_000);
    expect(day.lines.length).toBeGreaterThanOrEqual(200_000);
    checkDay(day, result);
  });
});
