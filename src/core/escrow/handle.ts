/**
 * Decide and stamp in one step: what the hub does for every command and the console does to
 * check a decision locally before queueing it.
 */
import type { OrderRejection } from '../../shared/escrow/codes.js';
import type { OrderCommand } from '../../shared/escrow/order.js';
import { decideOrder, type DecideContext } from './decide.js';
import type { OrderEvent } from './evolve.js';
import { stampOrderEvents, type StampMeta } from './stamp.js';
import type { OrderState } from './state.js';

export type Handled = { ok: true; events: OrderEvent[] } | { ok: false; code: OrderRejection; message: string };

export function handleOrderCommand(state: OrderState | null, command: OrderCommand, ctx: Omit<DecideContext, 'now'> & StampMeta): Handled {
  const decision = decideOrder(state, command, { now: ctx.at, config: ctx.config });
  if (!decision.ok) return decision;
  return { ok: true, events: stampOrderEvents(command.orderId, state?.version ?? 0, decision.events, ctx) };
}
