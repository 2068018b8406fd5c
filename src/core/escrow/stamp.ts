import type { Actor, EventEnvelope } from '../../shared/escrow/envelope.js';
import type { OrderEventData } from '../../shared/escrow/order.js';
import type { IdGenerator } from '../../shared/ids.js';
import type { OrderEvent } from './evolve.js';

export interface StampMeta {
  at: number;
  actor: Actor;
  newId: IdGenerator;
  causationId?: string;
}

/** Puts decided event payloads into envelopes: ids, consecutive aggregate versions, time, actor. */
export function stampOrderEvents(orderId: string, fromVersion: number, events: readonly OrderEventData[], meta: StampMeta): OrderEvent[] {
  return events.map(
    (data, i) =>
      ({
        id: meta.newId(),
        aggregateId: orderId,
        version: fromVersion + i + 1,
        at: meta.at,
        actor: meta.actor,
        ...(meta.causationId === undefined ? {} : { causationId: meta.causationId }),
        ...data,
      }) as EventEnvelope<OrderEventData>,
  );
}
