/**
 * Amounts, drawn as integers only: a price band (in whole yuan) by segment, converted to the
 * merchant's currency by an integer ratio, then given a shop price ending (9.90, 99.00, ¥1,980)
 * in the currency's minor units (ISO 4217 exponent from src/shared/money.ts).
 */
import { exponentOf, MAX_AMOUNT_MINOR } from '../shared/money.js';
import type { Segment } from './catalog.js';
import type { Random } from './random.js';

/** The currencies the simulated marketplace sells in. */
export type SimCurrency = 'CNY' | 'HKD' | 'USD' | 'JPY';

type Band = readonly [bigint, bigint];

/** What one order costs, in whole yuan, by segment: weighted bands. */
const ORDER_BANDS: Record<Segment, ReadonlyArray<readonly [Band, number]>> = {
  c2c: [[[5n, 49n], 30], [[50n, 199n], 45], [[200n, 999n], 20], [[1_000n, 4_999n], 5]],
  b2c: [[[29n, 199n], 40], [[200n, 999n], 40], [[1_000n, 7_999n], 20]],
  b2b: [[[2_000n, 19_999n], 50], [[20_000n, 199_999n], 40], [[200_000n, 999_999n], 10]],
};

/** What a merchant expects to sell in a month, in whole yuan, by segment. */
const MONTHLY_VOLUME_BANDS: Record<Segment, Band> = {
  c2c: [2_000n, 50_000n],
  b2c: [100_000n, 5_000_000n],
  b2b: [1_000_000n, 50_000_000n],
};

/** Units of each currency per yuan, as a fraction (about 1.08 HKD, 0.14 USD, 21 JPY). */
const PER_YUAN: Record<SimCurrency, readonly [bigint, bigint]> = {
  CNY: [1n, 1n],
  HKD: [108n, 100n],
  USD: [14n, 100n],
  JPY: [21n, 1n],
};

function minorUnit(currency: SimCurrency): bigint {
  return 10n ** BigInt(exponentOf(currency));
}

function yuanToMajor(yuan: bigint, currency: SimCurrency): bigint {
  const [num, den] = PER_YUAN[currency];
  const major = (yuan * num) / den;
  return major < 1n ? 1n : major;
}

/** The price a shop would print near `minor`: whole amounts with the usual endings. */
function shopPrice(random: Random, minor: bigint, currency: SimCurrency): bigint {
  const unit = minorUnit(currency);
  let major = minor / unit;
  if (major < 1n) major = 1n;
  // Large prices are round; so is the yen, which has no minor unit.
  if (major >= 10_000n || (unit === 1n && major >= 100n)) major -= major % 10n;
  if (unit === 1n || major >= 10_000n) return major * unit;
  const cents = random.weighted<bigint>([[0n, 45], [90n, 15], [99n, 20], [50n, 10], [BigInt(random.int(1, 98)), 10]]);
  return major * unit - (cents === 0n ? 0n : unit) + cents;
}

/** A merchant's typical order, in its currency's minor units. */
export function usualOrderAmount(random: Random, segment: Segment, currency: SimCurrency): bigint {
  const [lo, hi] = random.weighted(ORDER_BANDS[segment]);
  return shopPrice(random, yuanToMajor(random.bigint(lo, hi), currency) * minorUnit(currency), currency);
}

/** One order of a merchant whose typical order is `usual`: 60 % .. 160 % of it. */
export function orderAmountNear(random: Random, usual: bigint, currency: SimCurrency): bigint {
  return clamp(shopPrice(random, (usual * BigInt(random.int(60, 160))) / 100n, currency));
}

/** `factor` times the typical order, for the planted amount anomalies. */
export function multipleOf(usual: bigint, factor: number): bigint {
  return clamp(usual * BigInt(factor));
}

export function expectedMonthlyVolume(random: Random, segment: Segment, currency: SimCurrency): bigint {
  const [lo, hi] = MONTHLY_VOLUME_BANDS[segment];
  const major = yuanToMajor(random.bigint(lo, hi), currency);
  const roundTo = major >= 10_000n ? 1_000n : major >= 1_000n ? 100n : 1n;
  return clamp((major - (major % roundTo)) * minorUnit(currency));
}

function clamp(amount: bigint): bigint {
  return amount < 1n ? 1n : amount > MAX_AMOUNT_MINOR ? MAX_AMOUNT_MINOR : amount;
}
