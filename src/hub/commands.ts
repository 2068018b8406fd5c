/**
 * Staff commands: each is idempotent by its client id, checked for the actor's permission and
 * the aggregate version it was decided on, decided by the same core decider as the console,
 * and answered on its own. Every answer (accepted or rejected) is recorded, so a rejection is
 * final and never blocks the commands behind it.
 */
import { createHash } from 'node:crypto';
import type { AuditFields } from '../core/audit/chain.js';
import type { EscrowConfig } from '../core/escrow/config.js';
import { handleStaffCommand, portReader, type StateReader } from '../core/commands/staff.js';
import { readScreeningList } from '../core/risk/history-seed.js';
import { canonicalJson } from '../shared/json.js';
import {
  commandRequestSchema,
  commandTarget,
  type CommandAnswer,
  type CommandRequest,
  type CommandTargetKind,
  type ConflictDetail,
  type StaffIdentity,
} from '../shared/api/hub.js';
import type { IdGenerator } from '../shared/ids.js';
import { appendEvents } from './append.js';
import type { AnswerRecord, HubStorage, HubTx } from './storage/types.js';

export interface CommandContext {
  storage: HubStorage;
  clock: () => number;
  config: EscrowConfig;
  newId: IdGenerator;
}

export function bodyHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function rejected(id: string, code: string, message: string, detail?: unknown): CommandAnswer {
  return detail === undefined ? { id, status: 'rejected', code, message } : { id, status: 'rejected', code, message, detail };
}

/**
 * Answers a batch of raw (not yet validated) commands, in order, each on its own, in one
 * transaction. Invalid ones are answered without being recorded: they have no trustworthy id.
 */
export async function processCommands(ctx: CommandContext, actor: StaffIdentity, raw: readonly unknown[]): Promise<CommandAnswer[]> {
  const parsed = raw.map((item) => commandRequestSchema.safeParse(item));
  const valid = parsed.flatMap((p) => (p.success ? [{ request: p.data, hash: bodyHash(p.data) }] : []));
  // Invalid ones are answered without being kept for idempotency (no trustworthy id), but audited.
  const invalidAnswers = new Map<number, CommandAnswer & { status: 'rejected' }>();
  const invalid = parsed.flatMap((p, i) => {
    if (p.success) return [];
    const item = raw[i] as { id?: unknown } | null;
    const id = typeof item === 'object' && item !== null && typeof item.id === 'string' ? item.id.slice(0, 64) : '';
    const answer = { id, status: 'rejected' as const, code: 'invalid', message: p.error.issues.map((issue) => `${issue.path.join('.') || 'command'}: ${issue.message}`).join('; ') };
    invalidAnswers.set(i, answer);
    return [{ id, answer }];
  });
  const decided = await ctx.storage.write(async (tx) => {
    const prior = await tx.findAnswers('staff', valid.map((v) => v.request.id));
    const answers = new Map<string, CommandAnswer>();
    const records: AnswerRecord[] = [];
    for (const { request, hash } of valid) {
      const earlier = prior.get(request.id) ?? records.find((r) => r.id === request.id);
      if (earlier) {
        answers.set(request.id, earlier.bodyHash === hash ? (JSON.parse(earlier.answer) as CommandAnswer) : rejected(request.id, 'exists_with_different_body', 'a different command was already sent with this id'));
        continue;
      }
      const answer = await decide(ctx, tx, actor, request);
      answers.set(request.id, answer);
      records.push({
        source: 'staff',
        id: request.id,
        bodyHash: hash,
        actorId: actor.id,
        type: request.command.type,
        aggregateId: commandTarget(request.command).id,
        status: answer.status,
        answer: JSON.stringify(answer),
        at: ctx.clock(),
      });
    }
    await tx.saveAnswers(records);
    await tx.appendAudit([...records.map((r) => answerAudit(actor, r, answers.get(r.id)!)), ...invalid.map((i) => invalidAudit(actor, i.id, i.answer, ctx.clock()))]);
    return answers;
  });
  let next = 0;
  return parsed.map((p, i) => (p.success ? decided.get(valid[next++].request.id)! : invalidAnswers.get(i)!));
}

/** The audit entry of a decided command: who, what, on which aggregate, and the outcome. */
function answerAudit(actor: StaffIdentity, record: AnswerRecord, answer: CommandAnswer): AuditFields {
  return {
    at: record.at,
    actor: { id: actor.id, role: actor.role },
    action: answer.status === 'accepted' ? 'command.accepted' : 'command.rejected',
    target: `command:${record.id}`,
    detail: { type: record.type, aggregateId: record.aggregateId, ...(answer.status === 'rejected' ? { code: answer.code } : { seqs: answer.seqs.length }) },
  };
}

function invalidAudit(actor: StaffIdentity, id: string, answer: CommandAnswer & { status: 'rejected' }, at: number): AuditFields {
  return {
    at,
    actor: { id: actor.id, role: actor.role },
    action: 'command.rejected',
    ...(id ? { target: `command:${id}` } : {}),
    detail: { code: answer.code, message: answer.message.slice(0, 500) },
  };
}

/** The hub's states, read inside the write transaction. */
function hubReader(tx: HubTx): StateReader {
  return portReader(tx.ledger, {
    async staff(id) {
      const staff = await tx.findStaffById(id);
      return staff && !staff.disabled ? { id: staff.id, name: staff.name, role: staff.role } : null;
    },
    screeningList: () => readScreeningList(tx.query),
  });
}

async function decide(ctx: CommandContext, tx: HubTx, actor: StaffIdentity, request: CommandRequest): Promise<CommandAnswer> {
  const handled = await handleStaffCommand(hubReader(tx), actor, request, { now: ctx.clock(), config: ctx.config, newId: ctx.newId });
  if (!handled.ok) {
    if (handled.code !== 'conflict') return rejected(request.id, handled.code, handled.message);
    const target = commandTarget(request.command);
    return rejected(request.id, 'conflict', handled.message, await conflictDetail(ctx, target.kind, target.id, request.expectedVersion, handled.currentVersion ?? 0));
  }
  const appended = await appendEvents(tx, handled.events);
  if (!appended.ok) return rejected(request.id, appended.code, appended.message);
  return { id: request.id, status: 'accepted', seqs: appended.seqs, version: handled.target.version };
}

async function conflictDetail(ctx: CommandContext, kind: CommandTargetKind, id: string, expectedVersion: number, currentVersion: number): Promise<ConflictDetail> {
  const events = await ctx.storage.aggregateEventsAfter(kind, id, expectedVersion, 20);
  return {
    currentVersion,
    winning: events.map((e) => {
      const body = JSON.parse(e.body) as { actor: unknown; causationId?: string };
      return { seq: e.seq, type: e.type, actor: body.actor, at: e.at, ...(body.causationId ? { causationId: body.causationId } : {}) };
    }),
  };
}
