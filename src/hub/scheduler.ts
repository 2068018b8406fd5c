/**
 * Timers that fire from the hub's clock (the authoritative one): auto-confirmation of orders
 * whose window has run out. Consoles never fire timers; offline they only show what is due.
 */
import type { EscrowConfig } from '../core/escrow/config.js';
import { handleOrderCommand } from '../core/escrow/handle.js';
import type { OrderState } from '../core/escrow/state.js';
import { SYSTEM_ACTOR, type EventEnvelope } from '../shared/escrow/envelope.js';
import type { IdGenerator } from '../shared/ids.js';
import { appendBatch } from './append.js';
import type { HubStorage } from './storage/types.js';

export interface SchedulerContext {
  storage: HubStorage;
  clock: () => number;
  config: EscrowConfig;
  newId: IdGenerator;
}

/** Orders auto-confirmed per transaction; the scheduler loops until none is due. */
const BATCH = 500;
/** Upper bound of batches per run, so one run cannot starve the write queue. */
const MAX_BATCHES_PER_RUN = 100;

export async function runScheduler(ctx: SchedulerContext): Promise<{ autoConfirmed: number }> {
  let autoConfirmed = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
    const now = ctx.clock();
    const due = await ctx.storage.dueOrders(now, BATCH);
    if (due.length === 0) break;
    autoConfirmed += await ctx.storage.write(async (tx) => {
      const states = (await tx.ledger.loadStates('order', due)) as Map<string, OrderState>;
      const events: EventEnvelope[] = [];
      for (const orderId of due) {
        const handled = handleOrderCommand(states.get(orderId) ?? null, { type: 'order.auto_confirm', orderId }, { config: ctx.config, at: now, actor: SYSTEM_ACTOR, newId: ctx.newId });
        if (handled.ok) events.push(...handled.events);
      }
      const outcome = await appendBatch(tx, events);
      return outcome.seqs.length;
    });
    if (due.length < BATCH) break;
  }
  return { autoConfirmed };
}
