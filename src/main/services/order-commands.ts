/**
 * Staff decisions on orders, made in the console: checked here first (permission, then the
 * same core decider the hub runs), then queued in the outbox for the hub, which decides again
 * with its own state and clock. Works offline: the decision waits as "pending sync".
 *
 * Decisions queued earlier on the same order (not yet answered) are replayed over the local
 * state first, so a second offline decision is made on top of the first and carries the
 * version the order will have once the first is accepted.
 */
import type { EscrowConfig } from '../../core/escrow/config.js';
import { evolveOrder } from '../../core/escrow/evolve.js';
import { handleOrderCommand } from '../../core/escrow/handle.js';
import type { OrderState } from '../../core/escrow/state.js';
import { commandRequestSchema, STAFF_COMMAND_PERMISSIONS, type CommandRequest, type StaffCommand, type StaffIdentity } from '../../shared/api/hub.js';
import type { IdGenerator } from '../../shared/ids.js';
import { can } from '../../shared/permissions.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { ConsoleStore } from '../store/console-store.js';

export interface DecisionContext {
  store: ConsoleStore;
  clock: () => number;
  newId: IdGenerator;
  config: EscrowConfig;
}

export interface Queued {
  id: string;
  expectedVersion: number;
}

/** The order as it will be once the decisions already queued for it are accepted. */
async function predictedOrder(ctx: DecisionContext, orderId: string): Promise<OrderState | null> {
  let state = await ctx.store.ledger.order(orderId);
  const pending = (await ctx.store.ledger.db.read.all<{ request: string; created_at: number; actor_id: string }>(
    "SELECT request, created_at, actor_id FROM outbox WHERE aggregate_id = ? AND status = 'pending' ORDER BY seq",
    [orderId],
  )) as Array<{ request: string; created_at: number; actor_id: string }>;
  for (const entry of pending) {
    const request = commandRequestSchema.parse(JSON.parse(entry.request));
    const handled = handleOrderCommand(state, request.command, { config: ctx.config, at: entry.created_at, actor: { kind: 'system' }, newId: ctx.newId });
    if (!handled.ok) continue;
    for (const event of handled.events) state = evolveOrder(state, event);
  }
  return state;
}

export async function decideOrderCommand(ctx: DecisionContext, actor: StaffIdentity, command: StaffCommand): Promise<Result<Queued>> {
  const permission = STAFF_COMMAND_PERMISSIONS[command.type];
  if (!can(actor.role, permission)) return err('forbidden', `the ${actor.role} role may not ${command.type}`);
  const state = await predictedOrder(ctx, command.orderId);
  const now = ctx.clock();
  const handled = handleOrderCommand(state, command, { config: ctx.config, at: now, actor: { kind: 'staff', id: actor.id, role: actor.role }, newId: ctx.newId });
  if (!handled.ok) return err(handled.code, handled.message);
  const request: CommandRequest = { id: ctx.newId(), expectedVersion: state?.version ?? 0, command };
  await ctx.store.queue(request, actor.id, now);
  return ok({ id: request.id, expectedVersion: request.expectedVersion });
}
