/**
 * Money: integer minor units (bigint) with an ISO 4217 currency. The only place where decimal
 * text becomes an amount and an amount becomes text. No floats are involved anywhere: parsing
 * is done on the digits, formatting hands Intl an exact decimal string.
 */

/** ISO 4217 minor-unit exponents of the currencies the service settles in. */
export const CURRENCY_EXPONENTS = {
  CNY: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  SGD: 2,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  BHD: 3,
} as const;

export type Currency = keyof typeof CURRENCY_EXPONENTS;
export const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as Currency[];
export const DEFAULT_CURRENCY: Currency = 'CNY';

/**
 * The largest amount of a single movement, in minor units (10^15: ten trillion CNY). Account
 * balances are sums of many movements and stay within SQLite's signed 64-bit INTEGER because
 * the ledger refuses a transfer that would overflow a balance (`overflows_*` codes).
 */
export const MAX_AMOUNT_MINOR = 10n ** 15n;
/** Upper bound of any stored balance or sum: SQLite INTEGER / PostgreSQL BIGINT. */
export const MAX_INT64 = 2n ** 63n - 1n;

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CURRENCY_EXPONENTS, value);
}

export function exponentOf(currency: Currency): number {
  return CURRENCY_EXPONENTS[currency];
}

export type MoneyParseError =
  | 'empty'
  | 'not_a_decimal'
  | 'too_many_decimals'
  | 'negative_not_allowed'
  | 'exceeds_maximum'
  | 'unknown_currency';

export type MoneyParseResult =
  | { ok: true; value: bigint }
  | { ok: false; error: MoneyParseError; message: string };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string ("12.30", "12", "0.5") into minor units of `currency`.
 * Rejects: empty or blank text, exponents ("1e3"), grouping or decimal commas ("12,30"),
 * NaN/Infinity, more decimals than the currency has ("1.234" CNY), negatives unless allowed,
 * and magnitudes above MAX_AMOUNT_MINOR. Leading/trailing whitespace is not trimmed on purpose:
 * a pasted value with stray characters is suspicious in a payments form.
 */
export function parseAmount(
  text: string,
  currency: Currency,
  options: { allowNegative?: boolean } = {},
): MoneyParseResult {
  if (!isCurrency(currency)) return fail('unknown_currency', `unknown currency "${String(currency)}"`);
  if (typeof text !== 'string' || text.trim() === '') return fail('empty', 'amount is empty');
  if (text.length > 40) return fail('exceeds_maximum', 'amount is too long');
  const match = DECIMAL.exec(text);
  if (!match) return fail('not_a_decimal', `"${text}" is not a decimal amount (use digits and an optional "." decimal point)`);
  const [, sign, whole, fraction = ''] = match;
  const exponent = exponentOf(currency);
  if (fraction.length > exponent) {
    return fail(
      'too_many_decimals',
      exponent === 0
        ? `${currency} has no minor unit; "${text}" has decimals`
        : `${currency} allows at most ${exponent} decimals; "${text}" has ${fraction.length}`,
    );
  }
  const magnitude = BigInt(whole + fraction.padEnd(exponent, '0'));
  if (magnitude > MAX_AMOUNT_MINOR) {
    return fail('exceeds_maximum', `"${text}" exceeds the maximum amount ${toDecimalString(MAX_AMOUNT_MINOR, currency)} ${currency}`);
  }
  if (sign === '-' && magnitude !== 0n && !options.allowNegative) {
    return fail('negative_not_allowed', `"${text}" is negative`);
  }
  return { ok: true, value: sign === '-' ? -magnitude : magnitude };
}

function fail(error: MoneyParseError, message: string): MoneyParseResult {
  return { ok: false, error, message };
}

/** Exact decimal text of an amount ("1234.50" for 123450n CNY); no grouping, no symbol. */
export function toDecimalString(minor: bigint, currency: Currency): string {
  const exponent = exponentOf(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return (negative ? '-' : '') + (exponent === 0 ? whole : `${whole}.${fraction}`);
}

export type MoneyLocale = 'zh-CN' | 'en';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Locale formatting through Intl. Intl receives the exact decimal string (Intl.NumberFormat v3
 * string input), never a Number, so no amount is ever rounded through a float.
 */
export function formatMoney(minor: bigint, currency: Currency, locale: MoneyLocale, options: { symbol?: boolean } = {}): string {
  const key = `${locale}|${currency}|${options.symbol !== false}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const exponent = exponentOf(currency);
    formatter = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
      style: options.symbol === false ? 'decimal' : 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(toDecimalString(minor, currency) as Intl.StringNumericLiteral);
}

/** Basis points: 1 bp = 0.01 %. Rates are integers so that no rate is a float either. */
export const BPS_DENOMINATOR = 10_000n;

/**
 * Splits `total` into parts proportional to integer `weights` by the largest-remainder method:
 * every part is floor(total * w / sum) plus one minor unit for the parts with the largest
 * remainders until the parts sum to `total` exactly. Ties go to the earlier part so the result
 * is deterministic. Nothing is created or lost: sum(parts) === total, always.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  if (weights.some((w) => w < 0n)) throw new RangeError('allocate weights must not be negative');
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) throw new RangeError('allocate weights must not all be zero');
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const parts = weights.map((w) => (magnitude * w) / weightSum);
  const remainders = weights.map((w, index) => ({ index, remainder: (magnitude * w) % weightSum }));
  let leftover = magnitude - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    parts[index] += 1n;
    leftover -= 1n;
  }
  return negative ? parts.map((p) => -p) : parts;
}

export interface ReleaseSplit {
  seller: bigint;
  fee: bigint;
  reserve: bigint;
}

/**
 * The three legs of a release: platform fee and rolling reserve as basis-point rates of the
 * released amount, the seller getting the rest. Fee and reserve round down (the merchant is
 * never charged a fraction of a minor unit more than the rate), the seller leg absorbs the
 * remainder, so fee + reserve + seller === amount.
 */
export function splitRelease(amount: bigint, feeBps: number, reserveBps: number): ReleaseSplit {
  if (amount < 0n) throw new RangeError('release amount must not be negative');
  if (!Number.isInteger(feeBps) || !Number.isInteger(reserveBps) || feeBps < 0 || reserveBps < 0 || feeBps + reserveBps > 10_000) {
    throw new RangeError('fee and reserve must be whole basis points summing to at most 10000');
  }
  const fee = (amount * BigInt(feeBps)) / BPS_DENOMINATOR;
  const reserve = (amount * BigInt(reserveBps)) / BPS_DENOMINATOR;
  return { seller: amount - fee - reserve, fee, reserve };
}
