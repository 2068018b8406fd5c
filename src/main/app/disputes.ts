import { err, ok } from '../../shared/result.js';
import { disputeDetail } from '../services/details.js';
import { disputeCounts, disputeQueue } from '../services/queues.js';
import { decideStaffCommand } from '../services/staff-commands.js';
import { createApp } from './app.js';
import type { HandlerContext } from './context.js';

/** Decides a staff command locally and queues it for the hub. */
export async function decide(ctx: HandlerContext, command: Parameters<typeof decideStaffCommand>[2]) {
  const staff = ctx.session()!;
  const result = await decideStaffCommand({ store: ctx.store, clock: ctx.now, newId: ctx.newId, config: ctx.config }, staff, command);
  if (result.ok) ctx.queued();
  return result;
}

export const disputesApp = createApp<'disputes.queue' | 'disputes.counts' | 'disputes.get' | 'disputes.decide' | 'staff.directory'>({
  'disputes.queue': async (query, ctx) => ok(await disputeQueue(ctx.store.ledger.db.read, query, ctx.session()!.id, ctx.now())),
  'disputes.counts': async (_input, ctx) => ok(await disputeCounts(ctx.store.ledger.db.read, ctx.now())),
  'disputes.get': async ({ disputeId }, ctx) => {
    const detail = await disputeDetail(ctx.store.ledger.db.read, disputeId);
    return detail ? ok(detail) : err('not_found', `no dispute ${disputeId} on this console`);
  },
  'disputes.decide': ({ command }, ctx) => decide(ctx, command),
  'staff.directory': async (_input, ctx) => ok(await ctx.store.staffDirectory()),
});
