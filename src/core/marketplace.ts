/**
 * What each marketplace event asks of the escrow: an order command (decided by the order
 * decider, actor: marketplace) or a record to append as received.
 */
import type { OrderCommand } from '../shared/escrow/order.js';
import type { RecordEventData } from '../shared/escrow/records.js';
import type { MarketplaceEvent } from '../shared/marketplace.js';

export function toOrderCommand(e: MarketplaceEvent): OrderCommand | null {
  switch (e.type) {
    case 'order.paid': {
      const { id: _id, type: _type, orderId, ...data } = e;
      return { type: 'order.pay', orderId, data };
    }
    case 'order.shipped':
      return { type: 'order.ship', orderId: e.orderId, data: { method: e.method, ...(e.trackingNo === undefined ? {} : { trackingNo: e.trackingNo }) } };
    case 'order.confirmed':
      return { type: 'order.confirm', orderId: e.orderId };
    case 'order.extension_requested':
      return { type: 'order.extend', orderId: e.orderId };
    case 'dispute.opened': {
      const { id: _id, type: _type, orderId, ...data } = e;
      return { type: 'order.open_dispute', orderId, data };
    }
    case 'dispute.withdrawn':
      return { type: 'order.withdraw_dispute', orderId: e.orderId, data: { disputeId: e.disputeId } };
    default:
      return null;
  }
}

export function toRecord(e: MarketplaceEvent): { aggregateId: string; payload: RecordEventData } | null {
  return e.type === 'bank.statement_line' ? { aggregateId: e.line.lineId, payload: { type: 'statement.line_received', data: e.line } } : null;
}

/** The aggregate a marketplace event is about, by kind: what a batch preloads. */
export function intakeTargets(e: MarketplaceEvent): Array<{ kind: 'order' | 'dispute' | 'application' | 'payout' | 'record'; id: string }> {
  switch (e.type) {
    case 'merchant.applied':
      return [{ kind: 'application', id: e.application.applicationId }];
    case 'payout.confirmed':
      return [{ kind: 'payout', id: e.confirmation.payoutId }];
    case 'bank.statement_line':
      return [{ kind: 'record', id: e.line.lineId }];
    default:
      return 'disputeId' in e ? [{ kind: 'order', id: e.orderId }, { kind: 'dispute', id: e.disputeId }] : [{ kind: 'order', id: e.orderId }];
  }
}
