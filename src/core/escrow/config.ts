import type { ShippingMethod } from '../../shared/escrow/order.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Durations of the order lifecycle (DESIGN §4); every one is configurable per deployment. */
export interface EscrowConfig {
  /** Auto-confirm window started by shipping, per shipping method. */
  confirmWindowMs: Readonly<Record<ShippingMethod, number>>;
  /** How much one buyer extension adds to the window. */
  extensionMs: number;
  /** The buyer may extend only when at most this much of the window remains. */
  extensionAllowedWithinMs: number;
}

export const DEFAULT_ESCROW_CONFIG: EscrowConfig = Object.freeze({
  confirmWindowMs: Object.freeze({ express: 10 * DAY_MS, virtual: 3 * DAY_MS, surface: 30 * DAY_MS }),
  extensionMs: 3 * DAY_MS,
  extensionAllowedWithinMs: 3 * DAY_MS,
});
