import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  CURRENCIES,
  formatMoney,
  MAX_AMOUNT_MINOR,
  parseAmount,
  splitRelease,
  toDecimalString,
  type Currency,
} from '../../src/shared/money.js';
import { amountSchema } from '../../src/shared/schemas.js';
import { FC_SEED, fcOptions } from '../support/fc.js';

describe('parseAmount', () => {
  it.each([
    ['12.30', 'CNY', 1230n],
    ['12.3', 'CNY', 1230n],
    ['12', 'CNY', 1200n],
    ['0.01', 'USD', 1n],
    ['0', 'EUR', 0n],
    ['1000', 'JPY', 1000n],
    ['1.234', 'KWD', 1234n],
    ['7.8', 'HKD', 780n],
    ['10000000000000.00', 'CNY', MAX_AMOUNT_MINOR],
  ] as const)('parses %s %s exactly', (text, currency, expected) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1.234', 'CNY', 'too_many_decimals'],
    ['1.5', 'JPY', 'too_many_decimals'],
    ['1.2345', 'KWD', 'too_many_decimals'],
    ['1e3', 'CNY', 'not_a_decimal'],
    ['', 'CNY', 'empty'],
    [' ', 'CNY', 'empty'],
    ['NaN', 'CNY', 'not_a_decimal'],
    ['Infinity', 'CNY', 'not_a_decimal'],
    ['12,30', 'CNY', 'not_a_decimal'],
    ['1,000.00', 'CNY', 'not_a_decimal'],
    [' 12.30', 'CNY', 'not_a_decimal'],
    ['12.', 'CNY', 'not_a_decimal'],
    ['.5', 'CNY', 'not_a_decimal'],
    ['+5', 'CNY', 'not_a_decimal'],
    ['0x10', 'CNY', 'not_a_decimal'],
    ['-5.00', 'CNY', 'negative_not_allowed'],
    ['10000000000000.01', 'CNY', 'exceeds_maximum'],
    ['99999999999999999999999999', 'JPY', 'exceeds_maximum'],
  ] as const)('rejects %j for %s with %s and a message', (text, currency, error) => {
    const result = parseAmount(text, currency);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBe(error);
      expect(result.message.length).toBeGreaterThan(5);
    }
  });

  it('rejects an unknown currency', () => {
    expect(parseAmount('1', 'XXX' as Currency)).toMatchObject({ ok: false, error: 'unknown_currency' });
  });

  it('accepts negatives only when asked (statement lines)', () => {
    expect(parseAmount('-12.30', 'CNY', { allowNegative: true })).toEqual({ ok: true, value: -1230n });
  });

  it('round-trips every amount through its decimal text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_AMOUNT_MINOR }), fc.constantFrom(...CURRENCIES), (minor, currency) => {
        expect(parseAmount(toDecimalString(minor, currency), currency)).toEqual({ ok: true, value: minor });
      }),
      fcOptions(),
    );
  });
});

describe('formatMoney', () => {
  it('formats per locale with Intl and the currency exponent', () => {
    expect(formatMoney(123456n, 'CNY', 'en')).toBe('CN¥1,234.56');
    expect(formatMoney(123456n, 'CNY', 'zh-CN')).toBe('¥1,234.56');
    expect(formatMoney(1234n, 'JPY', 'en')).toBe('¥1,234');
    expect(formatMoney(1234n, 'KWD', 'en')).toBe('KWD\u00a01.234');
    expect(formatMoney(-5n, 'USD', 'en')).toBe('-$0.05');
    expect(formatMoney(123456n, 'CNY', 'en', { symbol: false })).toBe('1,234.56');
  });

  it('never rounds large amounts through a float', () => {
    // 2^53 + 1 minor units cannot be represented as a double.
    expect(formatMoney(9007199254740993n, 'CNY', 'en', { symbol: false })).toBe('90,071,992,547,409.93');
  });
});

describe('allocate', () => {
  it('splits by weights with the largest remainder, deterministically', () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocate(5n, [3n, 7n])).toEqual([2n, 3n]);
    expect(allocate(-100n, [1n, 1n, 1n])).toEqual([-34n, -33n, -33n]);
    expect(() => allocate(1n, [])).toThrow();
    expect(() => allocate(1n, [0n, 0n])).toThrow();
  });

  it('never creates or loses a minor unit (seed printed on failure)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }),
        fc.array(fc.bigInt({ min: 0n, max: 10_000n }), { minLength: 1, maxLength: 8 }).filter((w) => w.some((x) => x > 0n)),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0n);
          parts.forEach((part, i) => {
            const exact = (total < 0n ? -total : total) * weights[i];
            const magnitude = part < 0n ? -part : part;
            // Each part is within one minor unit of its exact share.
            expect(magnitude * sum <= exact + sum && magnitude * sum + sum >= exact).toBe(true);
          });
        },
      ),
      fcOptions(),
    );
    expect(FC_SEED).toBeTypeOf('number');
  });

  it('splits a release into seller, fee and reserve that add up', () => {
    expect(splitRelease(10_000n, 60, 1000)).toEqual({ seller: 8_940n, fee: 60n, reserve: 1_000n });
    expect(splitRelease(1n, 60, 1000)).toEqual({ seller: 1n, fee: 0n, reserve: 0n });
    expect(() => splitRelease(1n, 6000, 5000)).toThrow();
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_AMOUNT_MINOR }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (amount, fee, reserve) => {
        const split = splitRelease(amount, fee, reserve);
        expect(split.seller + split.fee + split.reserve).toBe(amount);
        expect(split.seller >= 0n && split.fee >= 0n && split.reserve >= 0n).toBe(true);
      }),
      fcOptions(),
    );
  });
});

describe('amountSchema (wire format)', () => {
  it('accepts minor-unit strings and bigint, refuses numbers, floats and junk', () => {
    expect(amountSchema.parse('1230')).toBe(1230n);
    expect(amountSchema.parse(5n)).toBe(5n);
    for (const bad of [12.3, 1230, '12.30', '-1', '01', '1e3', '', (MAX_AMOUNT_MINOR + 1n).toString(), null]) {
      expect(amountSchema.safeParse(bad).success, `${String(bad)} must be refused`).toBe(false);
    }
  });
});
