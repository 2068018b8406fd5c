/**
 * The escrow order decider: decide(state, command) -> events | rejection. Pure: no I/O, time
 * comes from the context. The console and the hub run exactly this code, so a decision the
 * console makes offline is re-checked by the hub with the same rules against the hub's state.
 */
import { MAX_AMOUNT_MINOR, splitRelease } from '../../shared/money.js';
import type { OrderRejection } from '../../shared/escrow/codes.js';
import type { OrderCommand, OrderEventData, ReleaseReason } from '../../shared/escrow/order.js';
import type { EscrowConfig } from './config.js';
import { isFrozen, isHoldOpen, type OrderState } from './state.js';

export interface DecideContext {
  /** The deciding side's clock; on the hub it is the authoritative one. */
  now: number;
  config: EscrowConfig;
}

export type Decision =
  | { ok: true; events: OrderEventData[] }
  | { ok: false; code: OrderRejection; message: string };

function reject(code: OrderRejection, message: string): Decision {
  return { ok: false, code, message };
}

function accept(...events: OrderEventData[]): Decision {
  return { ok: true, events };
}

export function decideOrder(state: OrderState | null, command: OrderCommand, ctx: DecideContext): Decision {
  if (command.type === 'order.pay') {
    if (state) return reject('order_already_exists', `order ${command.orderId} already exists`);
    const { amount, feeBps, reserveBps } = command.data;
    if (amount > MAX_AMOUNT_MINOR) return reject('amount_exceeds_maximum', 'amount exceeds the maximum');
    if (feeBps + reserveBps > 10_000) return reject('invalid_rates', 'fee and reserve together exceed 100%');
    return accept({ type: 'order.paid', data: command.data });
  }
  if (!state) return reject('order_not_found', `order ${command.orderId} does not exist`);
  const resolved = isHoldOpen(state) ? null : reject('hold_already_resolved', `the hold of order ${state.orderId} is already ${state.status}`);

  switch (command.type) {
    case 'order.ship': {
      if (resolved) return resolved;
      if (state.shippedAt !== null) return reject('order_already_shipped', 'the order is already shipped');
      const confirmDueAt = ctx.now + ctx.config.confirmWindowMs[command.data.method];
      return accept({ type: 'order.shipped', data: { ...command.data, confirmDueAt } });
    }
    case 'order.confirm':
    case 'order.auto_confirm': {
      if (resolved) return resolved;
      if (state.shippedAt === null) return reject('order_not_shipped', 'the order has not shipped');
      if (isFrozen(state)) return frozen(state);
      if (command.type === 'order.auto_confirm' && (state.confirmDueAt === null || ctx.now < state.confirmDueAt)) {
        return reject('confirmation_not_due', 'the confirmation window has not run out');
      }
      return release(state, state.held, command.type === 'order.confirm' ? 'buyer_confirmed' : 'auto_confirmed', ctx);
    }
    case 'order.extend': {
      if (resolved) return resolved;
      if (state.shippedAt === null) return reject('order_not_shipped', 'the order has not shipped');
      if (isFrozen(state)) return frozen(state);
      if (state.extensionUsed) return reject('extension_already_used', 'the buyer has already extended the window once');
      const remaining = (state.confirmDueAt ?? ctx.now) - ctx.now;
      if (remaining <= 0) return reject('confirmation_window_elapsed', 'the confirmation window has run out');
      if (remaining > ctx.config.extensionAllowedWithinMs) {
        return reject('extension_not_yet_allowed', 'the window can be extended only in its last days');
      }
      return accept({ type: 'order.confirmation_extended', data: { confirmDueAt: (state.confirmDueAt ?? ctx.now) + ctx.config.extensionMs } });
    }
    case 'order.open_dispute': {
      if (resolved) return resolved;
      const { claimedAmount, currency, ...rest } = command.data;
      if (currency !== state.currency) return currencyMismatch(state, currency);
      if (state.dispute) return reject('dispute_already_open', `dispute ${state.dispute.disputeId} is already open`);
      if (claimedAmount > state.held) return reject('refund_exceeds_held', 'the claimed amount exceeds the amount held');
      const pausedRemainingMs = state.confirmDueAt === null ? null : Math.max(0, state.confirmDueAt - ctx.now);
      return accept({ type: 'order.dispute_opened', data: { ...rest, claimedAmount, pausedRemainingMs } });
    }
    case 'order.withdraw_dispute': {
      if (resolved) return resolved;
      if (!state.dispute) return reject('no_open_dispute', 'no dispute is open on this order');
      if (state.dispute.disputeId !== command.data.disputeId) return reject('dispute_id_mismatch', 'another dispute is open on this order');
      const confirmDueAt = state.pausedRemainingMs === null ? null : ctx.now + state.pausedRemainingMs;
      return accept({ type: 'order.dispute_withdrawn', data: { disputeId: command.data.disputeId, confirmDueAt } });
    }
    case 'order.refund': {
      if (resolved) return resolved;
      if (command.data.currency !== state.currency) return currencyMismatch(state, command.data.currency);
      if (command.data.amount > state.held) return reject('refund_exceeds_held', 'the refund exceeds the amount held');
      const { amount, note } = command.data;
      return accept({ type: 'order.refunded', data: { amount, remainingHeld: state.held - amount, ...(note === undefined ? {} : { note }) } });
    }
    case 'order.release': {
      if (resolved) return resolved;
      if (command.data.currency !== state.currency) return currencyMismatch(state, command.data.currency);
      if (state.shippedAt === null) return reject('order_not_shipped', 'an unshipped order can only be refunded');
      if (state.riskHoldReason !== null) return frozen(state);
      const amount = command.data.amount ?? state.held;
      if (amount > state.held) return reject('release_exceeds_held', 'the release exceeds the amount held');
      return release(state, amount, 'staff_decision', ctx, command.data.note);
    }
    case 'order.risk_hold': {
      if (resolved) return resolved;
      if (state.riskHoldReason !== null) return reject('risk_hold_already_active', 'the order is already on risk hold');
      return accept({ type: 'order.risk_held', data: command.data });
    }
    case 'order.risk_clear': {
      if (resolved) return resolved;
      if (state.riskHoldReason === null) return reject('risk_hold_not_active', 'the order is not on risk hold');
      return accept({ type: 'order.risk_cleared', data: command.data });
    }
  }
}

function frozen(state: OrderState): Decision {
  return reject('hold_frozen', state.riskHoldReason !== null ? 'the hold is frozen by a risk flag' : 'the hold is frozen by an open dispute');
}

function currencyMismatch(state: OrderState, currency: string): Decision {
  return reject('currency_mismatch', `the order is in ${state.currency}, not ${currency}`);
}

/** Release `amount` of the hold: seller share, platform fee and rolling reserve; the rest returns. */
function release(state: OrderState, amount: bigint, reason: ReleaseReason, ctx: DecideContext, note?: string): Decision {
  const { seller, fee, reserve } = splitRelease(amount, state.feeBps, state.reserveBps);
  return accept({
    type: 'order.released',
    data: {
      reason,
      released: amount,
      returned: state.held - amount,
      seller,
      fee,
      reserve,
      ...(reserve > 0n ? { reserveDueAt: ctx.now + ctx.config.reserveHoldMs } : {}),
      ...(note === undefined ? {} : { note }),
    },
  });
}

/** The scheduler's side: a released order's reserve, once its period is over. */
export function decideReserveRelease(state: OrderState | null, now: number): Decision {
  if (!state) return reject('order_not_found', 'no such order');
  if (state.reserveDueAt === null || now < state.reserveDueAt || state.reserve === 0n) return reject('confirmation_not_due', 'no reserve is due');
  return accept({ type: 'order.reserve_released', data: { amount: state.reserve } });
}
