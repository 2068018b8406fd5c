import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/escrow/config.js';
import {
  DEFAULT_MATCH_CONFIG,
  matchDay,
  normaliseReference,
  type ExpectedItem,
  type MatchConfig,
  type MatchResult,
  type StatementLineLike,
} from '../../src/core/reconciliation/index.js';

/** Noon, China time, on Singles' Day. */
const T0 = Date.UTC(2026, 10, 11, 4);
const HOUR_MS = 60 * 60 * 1000;
const TOLERANCE = DEFAULT_MATCH_CONFIG.dateToleranceMs;

function payment(order: string, amount = 100_00n, patch: Partial<ExpectedItem> = {}): ExpectedItem {
  return { key: `order:${order}:paid`, kind: 'payment', reference: order, amount, currency: 'CNY', at: T0, ...patch };
}

/** `size` is positive; the item carries the refund negative, as the statement shows it. */
function refund(order: string, eventId: string, size: bigint, patch: Partial<ExpectedItem> = {}): ExpectedItem {
  return { key: `order:${order}:refund:${eventId}`, kind: 'refund', reference: order, amount: -size, currency: 'CNY', at: T0, ...patch };
}

function payout(id: string, size: bigint, patch: Partial<ExpectedItem> = {}): ExpectedItem {
  return { key: `payout:${id}`, kind: 'payout', reference: id, amount: -size, currency: 'CNY', at: T0, ...patch };
}

/** A line an hour after T0 with a raw hash of its own unless given one. */
function line(lineNo: number, reference: string, amount: bigint, patch: Partial<StatementLineLike> = {}): StatementLineLike {
  return { lineNo, rawHash: `hash-${lineNo}`, bookedAt: T0 + HOUR_MS, amount, currency: 'CNY', reference, ...patch };
}

function match(expected: readonly ExpectedItem[], lines: readonly StatementLineLike[], config: MatchConfig = DEFAULT_MATCH_CONFIG): MatchResult {
  return matchDay({ expected, lines, config });
}

/** One string per outcome, for compact expectations. */
function outline(result: MatchResult): string[] {
  return [
    ...result.matches.map((m) => `matched ${m.itemKey} = line ${m.lineNo} by ${m.by}`),
    ...result.exceptions.map((e) => [e.category, e.itemKey, e.lineNo === undefined ? undefined : `line ${e.lineNo}`].filter(Boolean).join(' ')),
  ];
}

describe('reconciliation: each category', () => {
  it('matches by reference', () => {
    const result = match([payment('O1')], [line(2, 'O1', 100_00n)]);
    expect(result.matches).toEqual([{ itemKey: 'order:O1:paid', lineNo: 2, by: 'reference' }]);
    expect(result.exceptions).toEqual([]);
    expect(result.totals.counts).toEqual({ matched: 1, amount_mismatch: 0, currency_mismatch: 0, duplicate: 0, unknown_in_statement: 0, missing_in_statement: 0 });
  });

  it('matches references across case, whitespace and full-width forms', () => {
    expect(normaliseReference(' o-1 23\t')).toBe('O-123');
    expect(normaliseReference('Ｏ１２３')).toBe('O123');
    expect(normaliseReference('   ')).toBe('');
    const result = match([payment('O123'), payment('P-9')], [line(2, ' o1 23 ', 100_00n), line(3, 'ｐ－９', 100_00n)]);
    expect(outline(result)).toEqual(['matched order:O123:paid = line 2 by reference', 'matched order:P-9:paid = line 3 by reference']);
  });

  it('matches by amount and date a line whose reference names nothing expected', () => {
    const result = match([payment('O1', 88_00n)], [line(7, 'CUP 20261111 000123', 88_00n, { bookedAt: T0 + 20 * HOUR_MS })]);
    expect(result.matches).toEqual([{ itemKey: 'order:O1:paid', lineNo: 7, by: 'amount_date' }]);
  });

  it('reports an amount mismatch with both amounts and the difference', () => {
    const result = match([payment('O1', 100_00n)], [line(2, 'O1', 99_50n)]);
    expect(result.exceptions).toEqual([
      {
        key: 'amount_mismatch:order:O1:paid',
        category: 'amount_mismatch',
        itemKey: 'order:O1:paid',
        itemKind: 'payment',
        lineNo: 2,
        lineRawHash: 'hash-2',
        expectedAmount: 100_00n,
        statementAmount: 99_50n,
        difference: -50n,
        currency: 'CNY',
        reference: 'O1',
        detail: 'order:O1:paid expects 100.00 CNY; line 2 (99.50 CNY, reference "O1") shows 0.50 CNY less',
      },
    ]);
  });

  it('reports a currency mismatch with the currency the line shows', () => {
    const [exception] = match([payment('O1', 100_00n)], [line(2, 'O1', 100_00n, { currency: 'HKD' })]).exceptions;
    expect(exception).toMatchObject({ key: 'currency_mismatch:order:O1:paid', category: 'currency_mismatch', currency: 'CNY', statementCurrency: 'HKD', lineNo: 2 });
    expect(exception.difference).toBeUndefined();
  });

  it('reports a second line with the reference and amount of a matched one as a duplicate', () => {
    const result = match([payment('O1')], [line(2, 'O1', 100_00n), line(3, 'O1', 100_00n, { bookedAt: T0 + 2 * HOUR_MS })]);
    expect(outline(result)).toEqual(['matched order:O1:paid = line 2 by reference', 'duplicate line 3']);
    expect(result.exceptions[0]).toMatchObject({ key: 'duplicate:hash-3:3', duplicateOfLineNo: 2, statementAmount: 100_00n, reference: 'O1' });
    expect(result.exceptions[0].detail).toContain('repeats line 2 with the reference and amount of that matched line');
  });

  it('keeps byte-identical records apart by line number and reports the later one as a duplicate', () => {
    const twin = { rawHash: 'same', bookedAt: T0 };
    const matched = match([payment('O1')], [line(4, 'O1', 100_00n, twin), line(9, 'O1', 100_00n, twin)]);
    expect(outline(matched)).toEqual(['matched order:O1:paid = line 4 by reference', 'duplicate line 9']);
    expect(matched.exceptions[0]).toMatchObject({ key: 'duplicate:same:9', duplicateOfLineNo: 4 });
    expect(matched.exceptions[0].detail).toContain('byte for byte');

    // Neither expected: the first is unknown, the repeat a duplicate of it.
    const stray = match([], [line(9, 'X1', 5_00n, twin), line(4, 'X1', 5_00n, twin)]);
    expect(outline(stray)).toEqual(['duplicate line 9', 'unknown_in_statement line 4']);
    expect(stray.exceptions[0].duplicateOfLineNo).toBe(4);
  });

  it('reports a line nothing expects as unknown, keyed by raw hash and line number', () => {
    const result = match([], [line(5, 'ZZ9', 12_34n)]);
    expect(result.exceptions).toEqual([
      {
        key: 'unknown_in_statement:hash-5:5',
        category: 'unknown_in_statement',
        lineNo: 5,
        lineRawHash: 'hash-5',
        statementAmount: 12_34n,
        currency: 'CNY',
        reference: 'ZZ9',
        detail: 'line 5 (12.34 CNY, reference "ZZ9") matches nothing expected',
      },
    ]);
  });

  it('reports an item no line covers as missing', () => {
    const result = match([payout('P9', 500_00n)], []);
    expect(result.exceptions).toEqual([
      {
        key: 'missing_in_statement:payout:P9',
        category: 'missing_in_statement',
        itemKey: 'payout:P9',
        itemKind: 'payout',
        expectedAmount: -500_00n,
        currency: 'CNY',
        reference: 'P9',
        detail: 'no statement line shows payout:P9 (-500.00 CNY, reference "P9")',
      },
    ]);
  });

  it('answers an empty day with nothing', () => {
    expect(match([], [])).toEqual({
      matches: [],
      exceptions: [],
      totals: { counts: { matched: 0, amount_mismatch: 0, currency_mismatch: 0, duplicate: 0, unknown_in_statement: 0, missing_in_statement: 0 }, byCurrency: [] },
    });
  });
});

describe('reconciliation: precedence', () => {
  it('matches identical records when as many items expect them', () => {
    const twin = { rawHash: 'same' };
    const result = match([refund('O1', 'e1', 30_00n), refund('O1', 'e2', 30_00n)], [line(2, 'O1', -30_00n, twin), line(3, 'O1', -30_00n, twin)]);
    expect(outline(result)).toEqual(['matched order:O1:refund:e1 = line 2 by reference', 'matched order:O1:refund:e2 = line 3 by reference']);
  });

  it('an amount mismatch wins over a duplicate', () => {
    const result = match([refund('O1', 'e1', 30_00n), refund('O1', 'e2', 20_00n)], [line(2, 'O1', -30_00n), line(3, 'O1', -30_00n)]);
    expect(outline(result)).toEqual(['matched order:O1:refund:e1 = line 2 by reference', 'amount_mismatch order:O1:refund:e2 line 3']);
  });

  it('an amount mismatch wins over a currency mismatch; the other line is left unknown', () => {
    const result = match([payment('O1')], [line(2, 'O1', 100_00n, { currency: 'HKD' }), line(3, 'O1', 99_00n)]);
    expect(outline(result)).toEqual(['amount_mismatch order:O1:paid line 3', 'unknown_in_statement line 2']);
    expect(result.exceptions[1].detail).toContain('names expected items but fits none of them');
  });

  it('a reference wins over amount and date', () => {
    const result = match([payment('O1')], [line(2, 'O1', 99_00n), line(3, 'NO-SUCH', 100_00n, { bookedAt: T0 })]);
    expect(outline(result)).toEqual(['amount_mismatch order:O1:paid line 2', 'unknown_in_statement line 3']);
  });

  it('does not offer a line naming expected items to another item of its amount', () => {
    const result = match([payment('O1'), payment('O2', 50_00n)], [line(2, 'O1', 100_00n), line(3, 'O1', 50_00n)]);
    expect(outline(result)).toEqual(['matched order:O1:paid = line 2 by reference', 'unknown_in_statement line 3', 'missing_in_statement order:O2:paid']);
  });

  it('a byte-identical repeat that an item can take is matched, not a duplicate', () => {
    const twin = { rawHash: 'same' };
    const result = match([payment('O1'), payment('O2')], [line(2, 'BATCH', 100_00n, twin), line(3, 'BATCH', 100_00n, twin)]);
    expect(outline(result)).toEqual(['matched order:O1:paid = line 2 by amount_date', 'matched order:O2:paid = line 3 by amount_date']);
  });
});

describe('reconciliation: signs, refunds and currencies', () => {
  it('matches a payment and its partial refunds on one reference, the refunds negative', () => {
    const expected = [payment('O1', 100_00n), refund('O1', 'e1', 30_00n), refund('O1', 'e2', 20_00n, { at: T0 + HOUR_MS })];
    const lines = [line(2, 'O1', 100_00n), line(3, 'O1', -20_00n), line(4, 'O1', -30_00n)];
    expect(outline(match(expected, lines))).toEqual([
      'matched order:O1:paid = line 2 by reference',
      'matched order:O1:refund:e2 = line 3 by reference',
      'matched order:O1:refund:e1 = line 4 by reference',
    ]);
  });

  it('never pairs money in with money out, by reference or by amount', () => {
    const byReference = match([refund('O1', 'e1', 30_00n)], [line(2, 'O1', 30_00n)]);
    expect(outline(byReference)).toEqual(['unknown_in_statement line 2', 'missing_in_statement order:O1:refund:e1']);
    const byAmount = match([payout('P1', 30_00n)], [line(2, '', 30_00n)]);
    expect(outline(byAmount)).toEqual(['unknown_in_statement line 2', 'missing_in_statement payout:P1']);
  });

  it('pairs by amount only within one currency', () => {
    const result = match([payment('O1', 100_00n, { currency: 'USD' })], [line(2, '', 100_00n, { currency: 'HKD' })]);
    expect(outline(result)).toEqual(['unknown_in_statement line 2', 'missing_in_statement order:O1:paid']);
  });

  it('totals each currency apart, with counts, sums and the difference', () => {
    const expected = [payment('O1', 100_00n), refund('O1', 'e1', 10_00n), payment('J1', 5_000n, { currency: 'JPY' }), payment('J2', 7_000n, { currency: 'JPY' })];
    const lines = [line(2, 'O1', 100_00n), line(3, 'O1', -10_00n), line(4, 'J1', 5_000n, { currency: 'JPY' }), line(5, 'K1', 300n, { currency: 'KWD' })];
    const { totals } = match(expected, lines);
    expect(totals.counts).toEqual({ matched: 3, amount_mismatch: 0, currency_mismatch: 0, duplicate: 0, unknown_in_statement: 1, missing_in_statement: 1 });
    expect(totals.byCurrency.map(({ currency, expectedCount, expectedSum, statementCount, statementSum, difference }) => ({ currency, expectedCount, expectedSum, statementCount, statementSum, difference }))).toEqual([
      { currency: 'CNY', expectedCount: 2, expectedSum: 90_00n, statementCount: 2, statementSum: 90_00n, difference: 0n },
      { currency: 'JPY', expectedCount: 2, expectedSum: 12_000n, statementCount: 1, statementSum: 5_000n, difference: -7_000n },
      { currency: 'KWD', expectedCount: 0, expectedSum: 0n, statementCount: 1, statementSum: 300n, difference: 300n },
    ]);
    expect(totals.byCurrency[1].counts).toMatchObject({ matched: 1, missing_in_statement: 1 });
    expect(totals.byCurrency[2].counts).toMatchObject({ matched: 0, unknown_in_statement: 1 });
  });

  it('counts a currency mismatch under the currency expected', () => {
    const { totals } = match([payment('O1', 100_00n)], [line(2, 'O1', 100_00n, { currency: 'HKD' })]);
    expect(totals.byCurrency.find((t) => t.currency === 'CNY')?.counts.currency_mismatch).toBe(1);
    expect(totals.byCurrency.find((t) => t.currency === 'HKD')?.counts.currency_mismatch).toBe(0);
  });
});

describe('reconciliation: the date window', () => {
  const unreferenced = (lineNo: number, bookedAt: number): StatementLineLike => line(lineNo, '', 100_00n, { bookedAt });

  it.each([
    ['after the item', T0 + TOLERANCE, true],
    ['after the item', T0 + TOLERANCE + 1, false],
    ['before the item', T0 - TOLERANCE, true],
    ['before the item', T0 - TOLERANCE - 1, false],
  ])('a line %s at %i pairs by amount: %s', (_where, bookedAt, pairs) => {
    const result = match([payment('O1')], [unreferenced(2, bookedAt)]);
    expect(result.matches.length).toBe(pairs ? 1 : 0);
    expect(outline(result)).toEqual(pairs ? ['matched order:O1:paid = line 2 by amount_date'] : ['unknown_in_statement line 2', 'missing_in_statement order:O1:paid']);
  });

  it('defaults to two days, and takes another window from the config', () => {
    expect(TOLERANCE).toBe(2 * DAY_MS);
    const exact: MatchConfig = { dateToleranceMs: 0 };
    expect(match([payment('O1')], [unreferenced(2, T0)], exact).matches).toHaveLength(1);
    expect(match([payment('O1')], [unreferenced(2, T0 + 1)], exact).matches).toHaveLength(0);
  });

  it('ignores dates within one reference', () => {
    expect(match([payment('O1')], [line(2, 'O1', 100_00n, { bookedAt: T0 + 40 * DAY_MS })]).matches).toHaveLength(1);
  });
});

describe('reconciliation: closest in time first, ties deterministic', () => {
  it('gives a line to the closest item, not the first one', () => {
    const expected = [payment('A', 100_00n, { reference: 'RA', at: T0 }), payment('B', 100_00n, { reference: 'RB', at: T0 + 10 * HOUR_MS })];
    const result = match(expected, [line(2, '', 100_00n, { bookedAt: T0 + 6 * HOUR_MS })]);
    expect(outline(result)).toEqual(['matched order:B:paid = line 2 by amount_date', 'missing_in_statement order:A:paid']);
  });

  it('pairs the closest pair first even when that leaves another item further off', () => {
    // B and line 3 (1 h apart) pair first, then A and line 2 (4.5 h). Taking the items in time
    // order instead, A would take line 3 (4 h) and leave B line 2, 9.5 h away.
    const expected = [payment('A', 100_00n, { reference: 'RA', at: T0 }), payment('B', 100_00n, { reference: 'RB', at: T0 + 5 * HOUR_MS })];
    const lines = [line(2, '', 100_00n, { bookedAt: T0 - 4.5 * HOUR_MS }), line(3, '', 100_00n, { bookedAt: T0 + 4 * HOUR_MS })];
    expect(outline(match(expected, lines))).toEqual(['matched order:A:paid = line 2 by amount_date', 'matched order:B:paid = line 3 by amount_date']);
  });

  it('at equal distance gives the line to the lower item key', () => {
    const expected = [payment('B', 100_00n, { reference: 'RB', at: T0 + 2 * HOUR_MS }), payment('A', 100_00n, { reference: 'RA', at: T0 })];
    const result = match(expected, [line(2, '', 100_00n, { bookedAt: T0 + HOUR_MS })]);
    expect(outline(result)).toEqual(['matched order:A:paid = line 2 by amount_date', 'missing_in_statement order:B:paid']);
  });

  it('at equal distance gives the item the lower line number', () => {
    const lines = [line(8, '', 100_00n, { bookedAt: T0 + HOUR_MS }), line(3, '', 100_00n, { bookedAt: T0 - HOUR_MS })];
    expect(outline(match([payment('A', 100_00n, { reference: 'RA' })], lines))).toEqual(['matched order:A:paid = line 3 by amount_date', 'unknown_in_statement line 8']);
  });

  it('several lines of one reference: the closest in time matches, the others are duplicates', () => {
    const lines = [line(2, 'O1', 100_00n, { bookedAt: T0 + 9 * HOUR_MS }), line(3, 'O1', 100_00n, { bookedAt: T0 + 2 * HOUR_MS }), line(4, 'O1', 100_00n, { bookedAt: T0 + 5 * HOUR_MS })];
    const result = match([payment('O1')], lines);
    expect(outline(result)).toEqual(['matched order:O1:paid = line 3 by reference', 'duplicate line 2', 'duplicate line 4']);
    expect(result.exceptions.map((e) => e.duplicateOfLineNo)).toEqual([3, 3]);
  });

  it('one line fitting several items of its reference: the closest item, ties to the lower key', () => {
    const expected = [refund('O1', 'e2', 30_00n), refund('O1', 'e1', 30_00n)];
    expect(outline(match(expected, [line(2, 'O1', -30_00n)]))).toEqual(['matched order:O1:refund:e1 = line 2 by reference', 'missing_in_statement order:O1:refund:e2']);
    const later = [refund('O1', 'e2', 30_00n, { at: T0 + HOUR_MS }), refund('O1', 'e1', 30_00n)];
    expect(outline(match(later, [line(2, 'O1', -30_00n)]))).toEqual(['matched order:O1:refund:e2 = line 2 by reference', 'missing_in_statement order:O1:refund:e1']);
  });

  it('gives the same result, keys included, on every run and in any input order', () => {
    const expected = [payment('O1'), payment('O2', 50_00n), refund('O1', 'e1', 10_00n), payout('P1', 70_00n), payment('O3', 100_00n, { reference: 'R3' })];
    const lines = [
      line(2, 'O1', 100_00n),
      line(3, 'O1', 100_00n),
      line(4, 'O2', 49_00n),
      line(5, '', 100_00n),
      line(6, 'X', 1_00n, { rawHash: 'r' }),
      line(7, 'X', 1_00n, { rawHash: 'r' }),
      line(8, 'P1', -70_00n, { currency: 'USD' }),
    ];
    const first = match(expected, lines);
    expect(match(expected, lines)).toEqual(first);
    expect(match([...expected].reverse(), [...lines].reverse())).toEqual(first);
    expect(first.exceptions.map((e) => e.key)).toEqual([
      'amount_mismatch:order:O2:paid',
      'currency_mismatch:payout:P1',
      'duplicate:hash-3:3',
      'duplicate:r:7',
      'unknown_in_statement:r:6',
      'missing_in_statement:order:O1:refund:e1',
    ]);
    expect(first.matches).toEqual([
      { itemKey: 'order:O1:paid', lineNo: 2, by: 'reference' },
      { itemKey: 'order:O3:paid', lineNo: 5, by: 'amount_date' },
    ]);
  });
});

describe('reconciliation: input the matcher refuses', () => {
  it.each([
    ['a repeated item key', [payment('O1'), payment('O1')], []],
    ['a positive refund', [{ ...refund('O1', 'e1', 5_00n), amount: 5_00n }], []],
    ['a negative payment', [payment('O1', -5_00n)], []],
    ['a zero payout', [payout('P1', 0n)], []],
    ['a repeated line number', [], [line(2, 'A', 1n), line(2, 'B', 2n)]],
  ] as const)('%s', (_what, expected, lines) => {
    expect(() => match(expected, lines)).toThrow(RangeError);
  });

  it('a negative tolerance', () => {
    expect(() => match([], [], { dateToleranceMs: -1 })).toThrow(RangeError);
  });
});
