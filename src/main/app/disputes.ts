import type { AttachmentFile } from '../../shared/api/views.js';
import { err, ok, type Result } from '../../shared/result.js';
import { attachmentOfDispute } from '../attachments/message-refs.js';
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

/** Opens a file only as an attachment of the dispute asked about: the case is the permission. */
async function caseAttachment(ctx: HandlerContext, disputeId: string, sha256: string): Promise<Result<AttachmentFile>> {
  const ref = await attachmentOfDispute(ctx.store.ledger.db.read, disputeId, sha256);
  if (!ref) return err('not_found', `dispute ${disputeId} has no attachment ${sha256} on this console`);
  if (!ctx.attachments) return err('attachment_unavailable', 'this console keeps no evidence files');
  const got = await ctx.attachments.get(sha256);
  if (!got.ok) return got;
  const file = got.value;
  // The hub matched the file to the message at intake; a difference here means a wrong copy.
  if (file.mime !== ref.mime || file.size !== ref.size) {
    return err('attachment_corrupt', `the file is ${file.mime}, ${file.size} bytes, but the message lists ${ref.mime}, ${ref.size} bytes`);
  }
  return ok({ sha256, name: ref.name, mime: file.mime, size: file.size, base64: Buffer.from(file.bytes).toString('base64'), fetched: file.fetched });
}

export const disputesApp = createApp<'disputes.queue' | 'disputes.counts' | 'disputes.get' | 'disputes.attachment' | 'disputes.decide' | 'staff.directory'>({
  'disputes.queue': async (query, ctx) => ok(await disputeQueue(ctx.store.ledger.db.read, query, ctx.session()!.id, ctx.now())),
  'disputes.counts': async (_input, ctx) => ok(await disputeCounts(ctx.store.ledger.db.read, ctx.now())),
  'disputes.get': async ({ disputeId }, ctx) => {
    const detail = await disputeDetail(ctx.store.ledger.db.read, disputeId);
    return detail ? ok(detail) : err('not_found', `no dispute ${disputeId} on this console`);
  },
  'disputes.attachment': ({ disputeId, sha256 }, ctx) => caseAttachment(ctx, disputeId, sha256),
  'disputes.decide': ({ command }, ctx) => decide(ctx, command),
  'staff.directory': async (_input, ctx) => ok(await ctx.store.staffDirectory()),
});
