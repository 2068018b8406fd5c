/**
 * Thresholds and weights of the risk rules. Every number is configurable per deployment and
 * editable in the console's backtest; the defaults below are starting points, each with the
 * reasoning behind it. Counts include the order being scored.
 */
import { exponentOf, type Currency } from '../../shared/money.js';
import { DAY_MS } from '../escrow/config.js';
import type { ListEntityType, RiskLevel } from './types.js';

export const HOUR_MS = 60 * 60 * 1000;

/**
 * A graded rule gives half its weight (rounded up) when its measure reaches `threshold` and
 * its whole weight at `fullAt`, linearly between: one notch above the threshold is a hint,
 * far above it is a case. A weight of 0 disables the rule.
 */
export interface GradedRule {
  threshold: number;
  fullAt: number;
  weight: number;
}

export interface VolumeThreshold {
  threshold: bigint;
  fullAt: bigint;
}

export interface RiskConfig {
  /** A score at or above `elevatedAt` holds the order for review. */
  readonly levels: Readonly<{ elevatedAt: number; highestAt: number }>;
  /** The window of `buyerOrdersInWindow` (used by whoever computes the features, and in reasons). */
  readonly velocityWindowMs: number;
  /** The window of `merchantHistory` (for whoever computes the features). */
  readonly merchantHistoryWindowMs: number;
  /** Measured in the buyer's orders within the velocity window. */
  readonly buyerVelocity: Readonly<GradedRule>;
  readonly amountAnomaly: Readonly<{
    /** Below this many orders the merchant's median and p90 are too noisy to call anything unusual. */
    minHistoryOrders: number;
    /** Fires from this percentage of the merchant's median amount ... */
    medianPercent: number;
    /** ... or of its 90th percentile, whichever is lower. */
    p90Percent: number;
    /** Full weight from this percentage of the median. */
    fullAtMedianPercent: number;
    weight: number;
  }>;
  readonly newMerchantVolume: Readonly<{
    /** A merchant first seen less than this long ago is new. */
    windowMs: number;
    /** High volume means several sales, not one large first sale. */
    minOrders: number;
    /** Volume since first seen (this order included), in minor units of each currency. */
    volume: Readonly<Record<Currency, Readonly<VolumeThreshold>>>;
    weight: number;
  }>;
  readonly shippingRegionMismatch: Readonly<{ weight: number }>;
  /** Measured in the buyer's disputes not decided against the merchant. */
  readonly repeatDisputer: Readonly<GradedRule>;
  readonly allowList: Readonly<{
    /** Which kinds of allow-list entry vouch for an order. */
    appliesTo: readonly ListEntityType[];
    /** An allow-listed order's score is capped just below this level. */
    capBelow: Exclude<RiskLevel, 'normal'>;
  }>;
}

/** Whole units of `currency` in minor units, so thresholds read as prices. */
function major(units: bigint, currency: Currency): bigint {
  return units * 10n ** BigInt(exponentOf(currency));
}

function volume(currency: Currency, threshold: bigint, fullAt: bigint): Readonly<VolumeThreshold> {
  return Object.freeze({ threshold: major(threshold, currency), fullAt: major(fullAt, currency) });
}

export const DEFAULT_RISK_CONFIG: RiskConfig = Object.freeze({
  levels: Object.freeze({ elevatedAt: 65, highestAt: 75 }),
  velocityWindowMs: HOUR_MS,
  merchantHistoryWindowMs: 90 * DAY_MS,
  // An ordinary buyer pays a handful of orders a day; a heavy one may pay several in the
  // Singles' Day midnight rush. Five in an hour is worth points, eight (70) hold the order on
  // their own, and a takeover placing a dozen in minutes reaches the highest level at nine.
  buyerVelocity: Object.freeze({ threshold: 5, fullAt: 9, weight: 80 }),
  // Ordinary orders vary within about 0.5x..2x of a merchant's median; 5x the median (or 3x
  // its p90, for merchants whose prices spread widely) is unusual, 20x is on its own enough
  // for the highest level. Twenty orders give a median and a p90 worth comparing with.
  amountAnomaly: Object.freeze({ minHistoryOrders: 20, medianPercent: 500, p90Percent: 300, fullAtMedianPercent: 2000, weight: 80 }),
  // Bust-out merchants sell as much as they can before the first complaints arrive, which is
  // within a week (the express confirmation window is ten days). About ten thousand yuan in
  // the first week is notable for a new small shop; fifty thousand holds its orders. The
  // other currencies use round figures of about the same value.
  newMerchantVolume: Object.freeze({
    windowMs: 7 * DAY_MS,
    minOrders: 3,
    volume: Object.freeze({
      CNY: volume('CNY', 10_000n, 50_000n),
      HKD: volume('HKD', 11_000n, 55_000n),
      USD: volume('USD', 1_500n, 7_000n),
      EUR: volume('EUR', 1_300n, 6_500n),
      GBP: volume('GBP', 1_100n, 5_500n),
      SGD: volume('SGD', 1_900n, 9_500n),
      JPY: volume('JPY', 200_000n, 1_000_000n),
      KRW: volume('KRW', 2_000_000n, 10_000_000n),
      KWD: volume('KWD', 450n, 2_200n),
      BHD: volume('BHD', 550n, 2_700n),
    }),
    weight: 80,
  }),
  // Buyers send gifts (about one order in a hundred goes elsewhere), so a different region
  // alone must not hold an order; together with any other rule at its threshold it does.
  shippingRegionMismatch: Object.freeze({ weight: 40 }),
  // Two open or failed claims are rare for an honest buyer; four hold on their own.
  repeatDisputer: Object.freeze({ threshold: 2, fullAt: 4, weight: 80 }),
  // Staff vouch for a buyer or a device (a known corporate account, a verified phone); a
  // merchant is vouched for through onboarding instead. Vouching keeps orders out of review
  // but never past a block.
  allowList: Object.freeze({ appliesTo: Object.freeze(['buyer', 'device'] as const), capBelow: 'elevated' as const }),
});
