/**
 * Test helper: decides order commands with the real decider against in-memory states and
 * stamps the accepted events, the way the hub does, so tests can build event streams.
 */
import { DEFAULT_ESCROW_CONFIG, type EscrowConfig } from '../../src/core/escrow/config.js';
import { decideOrder, type Decision } from '../../src/core/escrow/decide.js';
import { evolveOrder, type OrderEvent } from '../../src/core/escrow/evolve.js';
import { stampOrderEvents } from '../../src/core/escrow/stamp.js';
import type { OrderState } from '../../src/core/escrow/state.js';
import type { Actor } from '../../src/shared/escrow/envelope.js';
import type { OrderCommand } from '../../src/shared/escrow/order.js';
import { createIdGenerator, type IdGenerator } from '../../src/shared/ids.js';

export const T0 = Date.UTC(2026, 10, 11, 0, 0, 0);

export class OrderDriver {
  readonly states = new Map<string, OrderState>();
  now: number;
  readonly newId: IdGenerator;

  constructor(
    start = T0,
    readonly config: EscrowConfig = DEFAULT_ESCROW_CONFIG,
    random?: (bytes: Uint8Array<ArrayBuffer>) => void,
  ) {
    this.now = start;
    this.newId = createIdGenerator(() => this.now, random);
  }

  /** Decides and, when accepted, evolves the in-memory state; returns the decision and events. */
  run(command: OrderCommand, actor: Actor = { kind: 'marketplace' }): { decision: Decision; events: OrderEvent[] } {
    const state = this.states.get(command.orderId) ?? null;
    const decision = decideOrder(state, command, { now: this.now, config: this.config });
    if (!decision.ok) return { decision, events: [] };
    const events = stampOrderEvents(command.orderId, state?.version ?? 0, decision.events, { at: this.now, actor, newId: this.newId });
    let next = state;
    for (const event of events) next = evolveOrder(next, event);
    this.states.set(command.orderId, next!);
    return { decision, events };
  }

  /** Like run, but throws on a rejection: for building fixtures. */
  must(command: OrderCommand, actor?: Actor): OrderEvent[] {
    const { decision, events } = this.run(command, actor);
    if (!decision.ok) throw new Error(`${command.type} on ${command.orderId} rejected: ${decision.code}`);
    return events;
  }
}

/** A deterministic byte source for reproducible ids in seeded tests. */
export function seededBytes(seed: number): (bytes: Uint8Array<ArrayBuffer>) => void {
  let x = seed >>> 0 || 1;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i += 1) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 0xff;
    }
  };
}

/** A seeded xorshift generator of floats in [0, 1) for reproducible test scenarios. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}
