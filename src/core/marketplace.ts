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
  switch (e.type) {
    case 'merchant.applied':
      return { aggregateId: e.application.applicationId, payload: { type: 'merchant.application_received', data: e.application } };
    case 'bank.statement_line':
      return { aggregateId: e.line.lineId, payload: { type: 'statement.line_received', data: e.line } };
    case 'payout.confirmed':
      return { aggregateId: e.confirmation.payoutId, payload: { type: 'payout.bank_confirmed', data: e.confirmation } };
    default:
      return null;
  }
}
