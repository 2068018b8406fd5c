/**
 * evolve(state, event) -> state for the escrow order. Pure and total over the events the
 * decider emits; an event that cannot apply to the state (a replica out of step) throws an
 * EvolveError, which the ledger reports as a result code instead of guessing.
 */
import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import { assertNextVersion, EvolveError } from '../aggregates.js';
import type { OrderEventData } from '../../shared/escrow/order.js';
import { holdTransferIdOf } from './postings.js';
import type { OrderState } from './state.js';

export type OrderEvent = EventEnvelope<OrderEventData>;

export { EvolveError };

export function evolveOrder(state: OrderState | null, event: OrderEvent): OrderState {
  assertNextVersion(state, event);
  if (event.type === 'order.paid') {
    if (state) throw new EvolveError('aggregate_already_exists', `order ${event.aggregateId} already exists`);
    const d = event.data;
    return {
      orderId: event.aggregateId,
      version: 1,
      status: 'paid',
      buyerId: d.buyerId,
      merchantId: d.merchantId,
      currency: d.currency,
      amount: d.amount,
      held: d.amount,
      refunded: 0n,
      released: 0n,
      fee: 0n,
      reserve: 0n,
      feeBps: d.feeBps,
      reserveBps: d.reserveBps,
      reserveDueAt: null,
      holdTransferId: holdTransferIdOf(event),
      paidAt: event.at,
      shippingMethod: null,
      trackingNo: null,
      shippedAt: null,
      confirmDueAt: null,
      pausedRemainingMs: null,
      extensionUsed: false,
      dispute: null,
      riskHoldReason: null,
      buyerRegion: d.buyerRegion ?? null,
      shippingRegion: d.shippingRegion ?? null,
      deviceId: d.deviceId ?? null,
      shippingAddress: d.shippingAddress ?? null,
      updatedAt: event.at,
    };
  }
  if (!state) throw new EvolveError('aggregate_not_found', `order ${event.aggregateId} does not exist`);
  if (event.type === 'order.reserve_released') {
    // After the hold: the reserve kept back at release goes back to the merchant.
    if (state.reserveDueAt === null || event.data.amount !== state.reserve) throw new EvolveError('amount_mismatch', `order ${state.orderId} has no reserve of ${event.data.amount} waiting`);
    return { ...state, version: event.version, updatedAt: event.at, reserveDueAt: null };
  }
  if (state.holdTransferId === null) {
    throw new EvolveError('hold_already_resolved', `order ${state.orderId} is already ${state.status}`);
  }
  const base = { ...state, version: event.version, updatedAt: event.at };

  switch (event.type) {
    case 'order.shipped': {
      // Shipping during an open dispute starts the timer paused.
      const window = event.data.confirmDueAt - event.at;
      return {
        ...base,
        status: 'shipped',
        shippingMethod: event.data.method,
        trackingNo: event.data.trackingNo ?? null,
        shippedAt: event.at,
        confirmDueAt: state.dispute ? null : event.data.confirmDueAt,
        pausedRemainingMs: state.dispute ? window : null,
      };
    }
    case 'order.confirmation_extended':
      return { ...base, confirmDueAt: event.data.confirmDueAt, extensionUsed: true };
    case 'order.dispute_opened':
      return {
        ...base,
        confirmDueAt: null,
        pausedRemainingMs: event.data.pausedRemainingMs,
        dispute: {
          disputeId: event.data.disputeId,
          kind: event.data.kind,
          reason: event.data.reason,
          claimedAmount: event.data.claimedAmount,
          openedAt: event.at,
        },
      };
    case 'order.dispute_withdrawn':
      return { ...base, dispute: null, confirmDueAt: event.data.confirmDueAt, pausedRemainingMs: null };
    case 'order.refunded': {
      const { amount, remainingHeld } = event.data;
      if (state.held - amount !== remainingHeld) {
        throw new EvolveError('amount_mismatch', `refund of ${amount} from ${state.held} cannot leave ${remainingHeld}`);
      }
      const refunded = state.refunded + amount;
      if (remainingHeld === 0n) return resolvedState(base, 'refunded', { refunded, held: 0n });
      return { ...base, refunded, held: remainingHeld, holdTransferId: holdTransferIdOf(event) };
    }
    case 'order.released': {
      const { released, returned, seller, fee, reserve } = event.data;
      if (released + returned !== state.held || seller + fee + reserve !== released) {
        throw new EvolveError('amount_mismatch', `release of ${released} + ${returned} does not resolve the hold of ${state.held}`);
      }
      return resolvedState(base, 'released', {
        released: state.released + released,
        refunded: state.refunded + returned,
        fee: state.fee + fee,
        reserve: state.reserve + reserve,
        held: 0n,
        reserveDueAt: event.data.reserveDueAt ?? null,
      });
    }
    case 'order.risk_held':
      return { ...base, riskHoldReason: event.data.reason };
    case 'order.risk_cleared':
      return { ...base, riskHoldReason: null };
  }
}

function resolvedState(base: OrderState, status: 'released' | 'refunded', amounts: Partial<OrderState>): OrderState {
  return {
    ...base,
    ...amounts,
    status,
    holdTransferId: null,
    confirmDueAt: null,
    pausedRemainingMs: null,
    dispute: null,
    riskHoldReason: null,
  };
}
