/**
 * Staff commands: each is idempotent by its client id, checked for the actor's permission and
 * the aggregate version it was decided on, decided by the same core decider as the console,
 * and answered on its own. Every answer (accepted or rejected) is recorded, so a rejection is
 * final and never blocks the commands behind it.
 */
import { createHash } from 'node:crypto';
import type { EscrowConfig } from '../core/escrow/config.js';
import { handleOrderCommand } from '../core/escrow/handle.js';
import type { OrderState } from '../core/escrow/state.js';
import { canonicalJson } from '../shared/json.js';
import {
  commandRequestSchema,
  STAFF_COMMAND_PERMISSIONS,
  type CommandAnswer,
  type ConflictDetail,
  type StaffIdentity,
} from '../shared/api/hub.js';
import type { IdGenerator } from '../shared/ids.js';
import { can } from '../shared/permissions.js';
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
      const answer = await decide(ctx, tx, actor, request.id, request.expectedVersion, request.command);
      answers.set(request.id, answer);
      records.push({
        source: 'staff',
        id: request.id,
        bodyHash: hash,
        actorId: actor.id,
        type: request.command.type,
        aggregateId: request.command.orderId,
        status: answer.status,
        answer: JSON.stringify(answer),
        at: ctx.clock(),
      });
    }
    await tx.saveAnswers(records);
    return answers;
  });
  let next = 0;
  return parsed.map((p, i) => {
    if (p.success) return decided.get(valid[next++].request.id)!;
    const item = raw[i] as { id?: unknown } | null;
    const id = typeof item === 'object' && item !== null && typeof item.id === 'string' ? item.id.slice(0, 64) : '';
    return rejected(id, 'invalid', p.error.issues.map((issue) => `${issue.path.join('.') || 'command'}: ${issue.message}`).join('; '));
  });
}

async function decide(
  ctx: CommandContext,
  tx: HubTx,
  actor: StaffIdentity,
  id: string,
  expectedVersion: number,
  command: Parameters<typeof handleOrderCommand>[1],
): Promise<CommandAnswer> {
  const permission = STAFF_COMMAND_PERMISSIONS[command.type as keyof typeof STAFF_COMMAND_PERMISSIONS];
  if (!can(actor.role, permission)) {
    return rejected(id, 'forbidden', `the ${actor.role} role may not ${command.type} (needs ${permission})`);
  }
  const state = ((await tx.ledger.loadStates('order', [command.orderId])).get(command.orderId) as OrderState | undefined) ?? null;
  const version = state?.version ?? 0;
  if (state && version !== expectedVersion) {
    return rejected(id, 'conflict', `the order changed since this decision was made (version ${expectedVersion}, now ${version})`, await conflictDetail(ctx, command.orderId, expectedVersion, version));
  }
  const now = ctx.clock();
  const handled = handleOrderCommand(state, command, { config: ctx.config, at: now, actor: { kind: 'staff', id: actor.id, role: actor.role }, newId: ctx.newId, causationId: id });
  if (!handled.ok) return rejected(id, handled.code, handled.message);
  const appended = await appendEvents(tx, handled.events);
  if (!appended.ok) return rejected(id, appended.code, appended.message);
  return { id, status: 'accepted', seqs: appended.seqs, version: version + handled.events.length };
}

async function conflictDetail(ctx: CommandContext, orderId: string, expectedVersion: number, currentVersion: number): Promise<ConflictDetail> {
  const events = await ctx.storage.aggregateEventsAfter('order', orderId, expectedVersion, 20);
  return {
    currentVersion,
    winning: events.map((e) => {
      const body = JSON.parse(e.body) as { actor: unknown; causationId?: string };
      return { seq: e.seq, type: e.type, actor: body.actor, at: e.at, ...(body.causationId ? { causationId: body.causationId } : {}) };
    }),
  };
}
