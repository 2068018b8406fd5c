import type { ShippingMethod } from '../../shared/escrow/order.js';
import type { Currency } from '../../shared/money.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Durations and thresholds of the escrow (DESIGN §4, §6); every one is configurable per deployment. */
export interface EscrowConfig {
  /** Auto-confirm window started by shipping, per shipping method. */
  confirmWindowMs: Readonly<Record<ShippingMethod, number>>;
  /** How much one buyer extension adds to the window. */
  extensionMs: number;
  /** The buyer may extend only when at most this much of the window remains. */
  extensionAllowedWithinMs: number;
  /** How long a release's rolling reserve is held before it returns to the merchant's payable. */
  reserveHoldMs: number;
  /** Dispute SLAs: how long the merchant / the buyer has to reply, and the agent to decide. */
  disputeSla: Readonly<{ merchantReplyMs: number; buyerReplyMs: number; agentDecisionMs: number }>;
  /**
   * Four-eyes: a refund or release above this amount (minor units, per currency) is only
   * proposed; a finance officer other than the proposer approves it. A currency without an
   * entry always needs approval.
   */
  fourEyesThreshold: Readonly<Partial<Record<Currency, bigint>>>;
}

export const DEFAULT_ESCROW_CONFIG: EscrowConfig = Object.freeze({
  confirmWindowMs: Object.freeze({ express: 10 * DAY_MS, virtual: 3 * DAY_MS, surface: 30 * DAY_MS }),
  extensionMs: 3 * DAY_MS,
  extensionAllowedWithinMs: 3 * DAY_MS,
  reserveHoldMs: 90 * DAY_MS,
  disputeSla: Object.freeze({ merchantReplyMs: 2 * DAY_MS, buyerReplyMs: 2 * DAY_MS, agentDecisionMs: 3 * DAY_MS }),
  // CNY 5,000.00 and roughly the same value in the other settlement currencies.
  fourEyesThreshold: Object.freeze({
    CNY: 5_000_00n,
    HKD: 5_500_00n,
    USD: 700_00n,
    EUR: 650_00n,
    GBP: 550_00n,
    SGD: 950_00n,
    JPY: 100_000n,
    KRW: 950_000n,
    KWD: 215_000n,
    BHD: 265_000n,
  }),
});

/** Whether moving `amount` out of escrow needs a second staff member's approval. */
export function needsFourEyes(config: EscrowConfig, currency: Currency, amount: bigint): boolean {
  const threshold = config.fourEyesThreshold[currency];
  return threshold === undefined || amount > threshold;
}
