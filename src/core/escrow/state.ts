import type { Currency } from '../../shared/money.js';
import type { DisputeKind, DisputeReason, ShippingMethod } from '../../shared/escrow/order.js';

export type OrderStatus = 'paid' | 'shipped' | 'released' | 'refunded';

export interface OpenDispute {
  disputeId: string;
  kind: DisputeKind;
  reason: DisputeReason;
  claimedAmount: bigint;
  openedAt: number;
}

/**
 * The state of one escrow order, folded from its events. `held` is always
 * amount - refunded - released; it is stored rather than derived so that queries can use it
 * and the verifier can check the identity.
 */
export interface OrderState {
  orderId: string;
  /** Number of events applied; commands carry the version they were decided on. */
  version: number;
  status: OrderStatus;
  buyerId: string;
  merchantId: string;
  currency: Currency;
  amount: bigint;
  held: bigint;
  refunded: bigint;
  released: bigint;
  fee: bigint;
  reserve: bigint;
  feeBps: number;
  reserveBps: number;
  /** When the reserve held back at release returns to the merchant; null when none is waiting. */
  reserveDueAt: number | null;
  /** The pending transfer currently holding the money; null once the hold is resolved. */
  holdTransferId: string | null;
  paidAt: number;
  shippingMethod: ShippingMethod | null;
  trackingNo: string | null;
  shippedAt: number | null;
  /** When the auto-confirm timer fires; null before shipping, while paused and once resolved. */
  confirmDueAt: number | null;
  /** Time left on the timer while a dispute pauses it. */
  pausedRemainingMs: number | null;
  extensionUsed: boolean;
  dispute: OpenDispute | null;
  riskHoldReason: string | null;
  buyerRegion: string | null;
  shippingRegion: string | null;
  deviceId: string | null;
  shippingAddress: string | null;
  updatedAt: number;
}

export function isHoldOpen(state: OrderState): boolean {
  return state.holdTransferId !== null;
}

/** A hold is frozen while a dispute is open or a risk flag is unreviewed: it cannot release. */
export function isFrozen(state: OrderState): boolean {
  return state.dispute !== null || state.riskHoldReason !== null;
}
