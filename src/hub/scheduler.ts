/**
 * Timers that fire from the hub's clock (the authoritative one): auto-confirmation of orders
 * whose window has run out, disputes whose party did not reply in time, and rolling reserves
 * due back to their merchants. Consoles never
 * fire timers; offline they only show what is due.
 */
import { replyDeadlinePassed } from '../core/disputes/decide.js';
import type { DisputeState } from '../core/disputes/state.js';
import type { EscrowConfig } from '../core/escrow/config.js';
import { decideReserveRelease } from '../core/escrow/decide.js';
import { handleOrderCommand } from '../core/escrow/handle.js';
import { stampOrderEvents } from '../core/escrow/stamp.js';
import type { OrderState } from '../core/escrow/state.js';
import { SYSTEM_ACTOR, type EventEnvelope } from '../shared/escrow/envelope.js';
import type { IdGenerator } from '../shared/ids.js';
import { appendBatch } from './append.js';
import type { HubStorage, HubTx } from './storage/types.js';

export interface SchedulerContext {
  storage: HubStorage;
  clock: () => number;
  config: EscrowConfig;
  newId: IdGenerator;
}

/** Aggregates handled per transaction; the scheduler loops until none is due. */
const BATCH = 500;
/** Upper bound of batches per run, so one run cannot starve the write queue. */
const MAX_BATCHES_PER_RUN = 100;

type Timer = (ctx: SchedulerContext, tx: HubTx, due: string[], now: number) => Promise<EventEnvelope[]>;

const autoConfirm: Timer = async (ctx, tx, due, now) => {
  const states = (await tx.ledger.loadStates('order', due)) as Map<string, OrderState>;
  return due.flatMap((orderId) => {
    const handled = handleOrderCommand(states.get(orderId) ?? null, { type: 'order.auto_confirm', orderId }, { config: ctx.config, at: now, actor: SYSTEM_ACTOR, newId: ctx.newId });
    return handled.ok ? handled.events : [];
  });
};

const reserveRelease: Timer = async (ctx, tx, due, now) => {
  const states = (await tx.ledger.loadStates('order', due)) as Map<string, OrderState>;
  return due.flatMap((orderId) => {
    const state = states.get(orderId) ?? null;
    const decision = decideReserveRelease(state, now);
    return decision.ok ? stampOrderEvents(orderId, state!.version, decision.events, { at: now, actor: SYSTEM_ACTOR, newId: ctx.newId }) : [];
  });
};

const replyDeadline: Timer = async (ctx, tx, due, now) => {
  const states = (await tx.ledger.loadStates('dispute', due)) as Map<string, DisputeState>;
  return due.flatMap((disputeId) => {
    const dispute = states.get(disputeId);
    if (!dispute) return [];
    return replyDeadlinePassed(dispute, now, ctx.config).map(
      (data, i) => ({ id: ctx.newId(), aggregateId: disputeId, version: dispute.version + i + 1, at: now, actor: SYSTEM_ACTOR, ...data }) as EventEnvelope,
    );
  });
};

async function runTimer(ctx: SchedulerContext, find: (now: number) => Promise<string[]>, timer: Timer): Promise<number> {
  let fired = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
    const now = ctx.clock();
    const due = await find(now);
    if (due.length === 0) break;
    fired += await ctx.storage.write(async (tx) => (await appendBatch(tx, await timer(ctx, tx, due, now))).seqs.length);
    if (due.length < BATCH) break;
  }
  return fired;
}

export interface SchedulerRun {
  autoConfirmed: number;
  disputesDue: number;
  reservesReleased: number;
}

export async function runScheduler(ctx: SchedulerContext): Promise<SchedulerRun> {
  const autoConfirmed = await runTimer(ctx, (now) => ctx.storage.dueOrders(now, BATCH), autoConfirm);
  const disputesDue = await runTimer(ctx, (now) => ctx.storage.dueDisputes(now, BATCH), replyDeadline);
  const reservesReleased = await runTimer(ctx, (now) => ctx.storage.dueReserves(now, BATCH), reserveRelease);
  return { autoConfirmed, disputesDue, reservesReleased };
}
