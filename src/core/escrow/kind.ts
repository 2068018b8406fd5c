import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import type { OrderEventData } from '../../shared/escrow/order.js';
import type { AggregateKind } from '../aggregates.js';
import { evolveOrder, type OrderEvent } from './evolve.js';
import { orderAccountFootprint, orderPostings } from './postings.js';
import type { OrderState } from './state.js';

function asOrderEvent(event: EventEnvelope): OrderEvent {
  return event as EventEnvelope<OrderEventData>;
}

export const orderKind: AggregateKind<OrderState> = {
  name: 'order',
  owns: (type) => type.startsWith('order.'),
  evolve: (state, event) => evolveOrder(state, asOrderEvent(event)),
  postings: (before, event) => orderPostings(before, asOrderEvent(event)),
  accountFootprint(state, event) {
    const e = asOrderEvent(event);
    const owner = state ?? (e.type === 'order.paid' ? e.data : null);
    return owner ? orderAccountFootprint(owner.merchantId, owner.currency) : [];
  },
  openHolds: (state) => (state.holdTransferId ? [state.holdTransferId] : []),
};
