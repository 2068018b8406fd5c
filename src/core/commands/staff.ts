/**
 * Staff commands, decided once for the hub and the console: the permission of the actor's
 * role, the version of the target aggregate, the four-eyes rule, then the aggregate's decider.
 * The result is the stamped events to append (possibly on two aggregates: a dispute resolution
 * also moves the order's money).
 */
import { STAFF_COMMAND_PERMISSIONS, commandTarget, type CommandRequest, type StaffCommand, type StaffIdentity } from '../../shared/api/hub.js';
import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import type { IdGenerator } from '../../shared/ids.js';
import { can } from '../../shared/permissions.js';
import { decideDispute } from '../disputes/decide.js';
import type { DisputeState, StaffRef } from '../disputes/state.js';
import { needsFourEyes, type EscrowConfig } from '../escrow/config.js';
import { handleOrderCommand } from '../escrow/handle.js';
import { stampOrderEvents } from '../escrow/stamp.js';
import type { OrderState } from '../escrow/state.js';

/** Where the deciding side reads the current states (the hub's storage, the console's replica). */
export interface StateReader {
  order(id: string): Promise<OrderState | null>;
  dispute(id: string): Promise<DisputeState | null>;
  staff(id: string): Promise<StaffRef | null>;
}

export interface CommandContext {
  now: number;
  config: EscrowConfig;
  newId: IdGenerator;
}

export type Handled =
  | { ok: true; events: EventEnvelope[]; target: { kind: 'order' | 'dispute'; id: string; version: number } }
  | { ok: false; code: string; message: string; currentVersion?: number };

export async function handleStaffCommand(reader: StateReader, actor: StaffIdentity, request: CommandRequest, ctx: CommandContext): Promise<Handled> {
  const { command } = request;
  const permission = STAFF_COMMAND_PERMISSIONS[command.type];
  if (!can(actor.role, permission)) return { ok: false, code: 'forbidden', message: `the ${actor.role} role may not ${command.type} (needs ${permission})` };
  const target = commandTarget(command);
  const current = target.kind === 'order' ? await reader.order(target.id) : await reader.dispute(target.id);
  const version = current?.version ?? 0;
  if (current && version !== request.expectedVersion) {
    return { ok: false, code: 'conflict', message: `the ${target.kind} changed since this decision was made (version ${request.expectedVersion}, now ${version})`, currentVersion: version };
  }
  const meta = { at: ctx.now, actor: { kind: 'staff' as const, id: actor.id, role: actor.role }, newId: ctx.newId, causationId: request.id };
  const events = target.kind === 'order' ? decideOnOrder(current as OrderState | null, command, ctx, meta) : await decideOnDispute(reader, current as DisputeState | null, command, actor, ctx, meta);
  if (!Array.isArray(events)) return events;
  const ownEvents = events.filter((e) => e.aggregateId === target.id && e.type.startsWith(`${target.kind}.`)).length;
  return { ok: true, events, target: { ...target, version: version + ownEvents } };
}

type Meta = Parameters<typeof stampOrderEvents>[3];

function decideOnOrder(order: OrderState | null, command: StaffCommand, ctx: CommandContext, meta: Meta): EventEnvelope[] | Extract<Handled, { ok: false }> {
  const orderCommand = command as Extract<StaffCommand, { type: 'order.refund' | 'order.release' }>;
  // A direct refund or release may not bypass the four-eyes rule of dispute resolutions.
  if (order && (orderCommand.type === 'order.refund' || orderCommand.type === 'order.release')) {
    const amount = orderCommand.data.amount ?? order.held;
    if (needsFourEyes(ctx.config, order.currency, amount)) {
      return { ok: false, code: 'approval_required', message: `moving ${amount} needs a second approval: resolve it through the dispute, where finance approves it` };
    }
  }
  const handled = handleOrderCommand(order, orderCommand, { config: ctx.config, ...meta });
  return handled.ok ? handled.events : { ok: false, code: handled.code, message: handled.message };
}

async function decideOnDispute(
  reader: StateReader,
  dispute: DisputeState | null,
  command: StaffCommand,
  actor: StaffIdentity,
  ctx: CommandContext,
  meta: Meta,
): Promise<EventEnvelope[] | Extract<Handled, { ok: false }>> {
  const disputeCommand = command as Extract<StaffCommand, { disputeId: string }>;
  const order = dispute ? await reader.order(dispute.orderId) : null;
  const assigneeId = disputeCommand.type === 'dispute.assign' ? disputeCommand.data.assigneeId : null;
  const assignee = assigneeId ? await reader.staff(assigneeId) : null;
  const decision = decideDispute(dispute, order, disputeCommand, {
    now: ctx.now,
    config: ctx.config,
    actor: { id: actor.id, name: actor.name, role: actor.role },
    newId: ctx.newId,
    staff: (id) => (id === assigneeId ? assignee : null),
  });
  if (!decision.ok) return { ok: false, code: decision.code, message: decision.message };
  const disputeEvents = decision.dispute.map(
    (data, i) => ({ id: meta.newId(), aggregateId: disputeCommand.disputeId, version: dispute!.version + i + 1, at: meta.at, actor: meta.actor, causationId: meta.causationId, ...data }) as EventEnvelope,
  );
  const orderEvents = order ? stampOrderEvents(order.orderId, order.version, decision.order, meta) : [];
  return [...disputeEvents, ...orderEvents];
}
