import type { OrderState } from '../../shared/escrow/order.js';

export type { OpenDispute, OrderState, OrderStatus } from '../../shared/escrow/order.js';

export function isHoldOpen(state: OrderState): boolean {
  return state.holdTransferId !== null;
}

/** A hold is frozen while a dispute is open or a risk flag is unreviewed: it cannot release. */
export function isFrozen(state: OrderState): boolean {
  return state.dispute !== null || state.riskHoldReason !== null;
}
