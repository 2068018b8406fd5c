/**
 * Risk officers' decisions. Clearing a flag unfreezes the order's hold (the order decider's
 * risk_clear); keeping it leaves the hold frozen with a note; refunding as fraud refunds the
 * whole hold to the buyer and puts the buyer on the block list. List entries are added with a
 * reason and an optional expiry, and removed with a reason.
 */
import type { OrderRejection, RiskRejection } from '../../shared/escrow/codes.js';
import type { OrderEventData } from '../../shared/escrow/order.js';
import type { RiskCommand, RiskEventData, RiskListEventData } from '../../shared/escrow/risk.js';
import type { IdGenerator } from '../../shared/ids.js';
import type { EscrowConfig } from '../escrow/config.js';
import { decideOrder } from '../escrow/decide.js';
import type { OrderState } from '../escrow/state.js';
import type { StaffRef } from '../disputes/state.js';
import type { RiskFlagState, RiskListEntryState } from './state.js';

export interface RiskContext {
  now: number;
  config: EscrowConfig;
  actor: StaffRef;
  newId: IdGenerator;
}

export type RiskDecision =
  | { ok: true; flag: RiskEventData[]; order: OrderEventData[]; listEntries: Array<{ entryId: string; data: RiskListEventData }> }
  | { ok: false; code: RiskRejection | OrderRejection; message: string };

function reject(code: RiskRejection | OrderRejection, message: string): RiskDecision {
  return { ok: false, code, message };
}

function by(ctx: RiskContext) {
  return { id: ctx.actor.id, role: 'risk' as const, ...(ctx.actor.name ? { name: ctx.actor.name } : {}) };
}

export function decideRiskFlag(flag: RiskFlagState | null, order: OrderState | null, command: Extract<RiskCommand, { orderId: string }>, ctx: RiskContext): RiskDecision {
  if (!flag) return reject('flag_not_found', `order ${command.orderId} has no risk flag`);
  if (flag.status === 'cleared' || flag.status === 'fraud') return reject('flag_closed', `the flag was already ${flag.status}`);
  if (!order) return reject('order_not_found', `order ${command.orderId} does not exist`);
  const note = command.data.note;
  switch (command.type) {
    case 'risk.keep':
      if (flag.status === 'kept' && flag.note === note) return reject('status_unchanged', 'the flag is already kept with this note');
      return { ok: true, flag: [{ type: 'risk.kept', data: { by: by(ctx), note: command.data.note } }], order: [], listEntries: [] };
    case 'risk.clear': {
      // A hold resolved meanwhile (refunded by a dispute, say) has nothing left to unfreeze.
      const unfreeze = order.riskHoldReason === null ? null : decideOrder(order, { type: 'order.risk_clear', orderId: order.orderId, data: note ? { note } : {} }, ctx);
      if (unfreeze && !unfreeze.ok) return reject(unfreeze.code, unfreeze.message);
      return { ok: true, flag: [{ type: 'risk.cleared', data: { by: by(ctx), ...(note ? { note } : {}) } }], order: unfreeze?.events ?? [], listEntries: [] };
    }
    case 'risk.refund_fraud': {
      const refund = decideOrder(order, { type: 'order.refund', orderId: order.orderId, data: { amount: order.held, currency: order.currency, note: command.data.note } }, ctx);
      if (!refund.ok) return reject(refund.code, refund.message);
      const block: RiskListEventData = {
        type: 'risklist.entry_added',
        data: { list: 'block', entityType: 'buyer', value: flag.buyerId, reason: `fraud refund of order ${order.orderId}`, expiresAt: null, by: by(ctx) },
      };
      return {
        ok: true,
        flag: [{ type: 'risk.fraud_refunded', data: { by: by(ctx), note: command.data.note, buyerId: flag.buyerId, merchantId: flag.merchantId } }],
        order: refund.events,
        listEntries: [{ entryId: ctx.newId(), data: block }],
      };
    }
  }
}

export function decideRiskList(entry: RiskListEntryState | null, command: Extract<RiskCommand, { entryId: string }>, ctx: RiskContext): RiskDecision {
  if (command.type === 'risk.list_add') {
    if (entry) return reject('list_entry_exists', `list entry ${command.entryId} already exists`);
    if (command.data.expiresAt !== null && command.data.expiresAt <= ctx.now) return reject('expiry_in_past', 'the expiry must be in the future');
    return { ok: true, flag: [], order: [], listEntries: [{ entryId: command.entryId, data: { type: 'risklist.entry_added', data: { ...command.data, by: by(ctx) } } }] };
  }
  if (!entry) return reject('list_entry_not_found', `list entry ${command.entryId} does not exist`);
  if (!entry.active) return reject('list_entry_removed', 'the entry was already removed');
  return { ok: true, flag: [], order: [], listEntries: [{ entryId: command.entryId, data: { type: 'risklist.entry_removed', data: { reason: command.data.reason, by: by(ctx) } } }] };
}
