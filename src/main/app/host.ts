import { verifyChain } from '../../core/audit/verify-chain.js';
import { streamAuditLog } from '../../core/audit/audit-table.js';
import { err, ok } from '../../shared/result.js';
import { createApp } from './app.js';
import type { HandlerContext } from './context.js';

const noHost = () => err('unavailable', 'this console runs without a host (tests)');
/** Violations listed by audit.verify; the count says how many there were. */
const MAX_LISTED_VIOLATIONS = 50;

export const hostApp = createApp<
  'sync.status' | 'sync.now' | 'sync.outbox' | 'sync.resync' | 'audit.list' | 'audit.verify' | 'settings.get' | 'settings.set' | 'files.pickStatement'
>({
  'sync.status': async (_input, ctx) => (ctx.host ? ok(ctx.host.syncStatus()) : noHost()),
  'sync.now': async (_input, ctx) => (ctx.host ? ok(await ctx.host.syncNow()) : noHost()),
  'sync.outbox': async ({ status, limit }, ctx) =>
    ok(
      (await ctx.store.entries(status, limit)).map((e) => ({
        id: e.id,
        type: e.type,
        aggregateId: e.aggregateId,
        createdAt: e.createdAt,
        status: e.status,
        code: e.answer?.status === 'rejected' ? e.answer.code : null,
        message: e.answer?.status === 'rejected' ? e.answer.message : e.lastError,
      })),
    ),
  'sync.resync': async (_input, ctx) => (ctx.host ? ok(await ctx.host.resync()) : noHost()),
  'audit.list': async ({ after, limit }, ctx) => {
    const entries = await ctx.store.audit.page(after, limit);
    return ok({
      entries: entries.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target ?? null, detail: e.detail, hash: e.hash })),
      head: await ctx.store.audit.head(),
    });
  },
  'audit.verify': async (_input, ctx: HandlerContext) => {
    const read = ctx.store.ledger.db.read;
    const report = await verifyChain(streamAuditLog((sql, params) => read.all(sql, params)));
    return ok({ ok: report.ok, length: report.length, violations: report.violations.slice(0, MAX_LISTED_VIOLATIONS).map((v) => `seq ${v.seq} ${v.problem}: ${v.message}`) });
  },
  'settings.get': async (_input, ctx) => (ctx.host ? ok(ctx.host.settings()) : noHost()),
  'settings.set': async (patch, ctx) => {
    if (!ctx.host) return noHost();
    if (patch.hubUrl !== undefined && ctx.session()) return err('signed_in', 'sign out before changing the hub address');
    return ctx.host.updateSettings(patch);
  },
  'files.pickStatement': async (_input, ctx) => {
    if (!ctx.host) return noHost();
    const path = await ctx.host.pickStatement();
    return ok(path ? { path } : null);
  },
});
