/**
 * Staff commands, decided once for the hub and the console: the permission of the actor's
 * role, the version of the target aggregate, the four-eyes rule, then the aggregate's decider.
 * The result is the stamped events to append (possibly on several aggregates: a dispute
 * resolution also moves the order's money; a fraud refund also blocks the buyer).
 */
import {
  STAFF_COMMAND_PERMISSIONS,
  commandTarget,
  type CommandRequest,
  type CommandTargetKind,
  type StaffCommand,
  type StaffIdentity,
} from '../../shared/api/hub.js';
import type { Actor, DomainEventData, EventEnvelope } from '../../shared/escrow/envelope.js';
import type { IdGenerator } from '../../shared/ids.js';
import { can } from '../../shared/permissions.js';
import { decideDispute } from '../disputes/decide.js';
import type { DisputeState, StaffRef } from '../disputes/state.js';
import { needsFourEyes, type EscrowConfig } from '../escrow/config.js';
import { handleOrderCommand } from '../escrow/handle.js';
import type { OrderState } from '../escrow/state.js';
import type { LedgerPort } from '../ledger/apply.js';
import { decideRiskFlag, decideRiskList } from '../riskreview/decide.js';
import { checkApplication } from '../kyb/requirements.js';
import type { ScreeningEntry } from '../kyb/name-screening.js';
import { accountId, balanceViews } from '../ledger/accounts.js';
import { decideApplication, decideMerchant, decidePayout, type MerchantDecision } from '../merchants/decide.js';
import type { ApplicationState, MerchantState, PayoutState } from '../merchants/state.js';
import { decideReconDay, type ReconDayState } from '../recondays/day.js';
import type { Currency } from '../../shared/money.js';
import type { RiskFlagState, RiskListEntryState } from '../riskreview/state.js';

/** Where the deciding side reads the current states (the hub's storage, the console's replica). */
export interface StateReader {
  order(id: string): Promise<OrderState | null>;
  dispute(id: string): Promise<DisputeState | null>;
  riskFlag(orderId: string): Promise<RiskFlagState | null>;
  riskListEntry(entryId: string): Promise<RiskListEntryState | null>;
  application(id: string): Promise<ApplicationState | null>;
  merchant(id: string): Promise<MerchantState | null>;
  payout(id: string): Promise<PayoutState | null>;
  reconDay(id: string): Promise<ReconDayState | null>;
  /** A merchant's available balance (payable, not held back by pending payouts). */
  available(merchantId: string, currency: Currency): Promise<bigint>;
  /** Legal names on the screening list, for applications. */
  screeningList(): Promise<ScreeningEntry[]>;
  staff(id: string): Promise<StaffRef | null>;
}

export function readTarget(reader: StateReader, kind: CommandTargetKind, id: string): Promise<{ version: number } | null> {
  switch (kind) {
    case 'order':
      return reader.order(id);
    case 'dispute':
      return reader.dispute(id);
    case 'risk':
      return reader.riskFlag(id);
    case 'risklist':
      return reader.riskListEntry(id);
    case 'application':
      return reader.application(id);
    case 'merchant':
      return reader.merchant(id);
    case 'payout':
      return reader.payout(id);
    case 'recon':
      return reader.reconDay(id);
  }
}

export interface CommandContext {
  now: number;
  config: EscrowConfig;
  newId: IdGenerator;
}

type Rejected = { ok: false; code: string; message: string; currentVersion?: number };
export type Handled = { ok: true; events: EventEnvelope[]; target: { kind: CommandTargetKind; id: string; version: number } } | Rejected;

interface Stamp {
  at: number;
  actor: Actor;
  newId: IdGenerator;
  causationId: string;
}

/** Envelopes for one aggregate's new events, versions counting on from `fromVersion`. */
function stamp(aggregateId: string, fromVersion: number, payloads: readonly DomainEventData[], meta: Stamp): EventEnvelope[] {
  return payloads.map((data, i) => ({ id: meta.newId(), aggregateId, version: fromVersion + i + 1, at: meta.at, actor: meta.actor, causationId: meta.causationId, ...data }) as EventEnvelope);
}

export async function handleStaffCommand(reader: StateReader, actor: StaffIdentity, request: CommandRequest, ctx: CommandContext): Promise<Handled> {
  const { command } = request;
  const permission = STAFF_COMMAND_PERMISSIONS[command.type];
  if (!can(actor.role, permission)) return { ok: false, code: 'forbidden', message: `the ${actor.role} role may not ${command.type} (needs ${permission})` };
  const target = commandTarget(command);
  const current = await readTarget(reader, target.kind, target.id);
  const version = current?.version ?? 0;
  if (current && version !== request.expectedVersion) {
    return { ok: false, code: 'conflict', message: `the ${target.kind} changed since this decision was made (version ${request.expectedVersion}, now ${version})`, currentVersion: version };
  }
  const meta: Stamp = { at: ctx.now, actor: { kind: 'staff', id: actor.id, role: actor.role }, newId: ctx.newId, causationId: request.id };
  const staffRef: StaffRef = { id: actor.id, name: actor.name, role: actor.role };
  const events = await decide(reader, command, staffRef, ctx, meta);
  if (!Array.isArray(events)) return events;
  const own = events.filter((e) => e.aggregateId === target.id && (target.kind === 'risklist' ? e.type.startsWith('risklist.') : e.type.startsWith(`${target.kind}.`))).length;
  return { ok: true, events, target: { ...target, version: version + own } };
}

async function decide(reader: StateReader, command: StaffCommand, actor: StaffRef, ctx: CommandContext, meta: Stamp): Promise<EventEnvelope[] | Rejected> {
  const decideCtx = { now: ctx.now, config: ctx.config, actor, newId: ctx.newId };
  if ('disputeId' in command) {
    const dispute = await reader.dispute(command.disputeId);
    const order = dispute ? await reader.order(dispute.orderId) : null;
    const assigneeId = command.type === 'dispute.assign' ? command.data.assigneeId : null;
    const assignee = assigneeId ? await reader.staff(assigneeId) : null;
    const decision = decideDispute(dispute, order, command, { ...decideCtx, staff: (id) => (id === assigneeId ? assignee : null) });
    if (!decision.ok) return { ok: false, code: decision.code, message: decision.message };
    return [...stamp(command.disputeId, dispute!.version, decision.dispute, meta), ...(order ? stamp(order.orderId, order.version, decision.order, meta) : [])];
  }
  if ('dayId' in command) {
    const day = await reader.reconDay(command.dayId);
    const decision = decideReconDay(day, command, decideCtx);
    if (!decision.ok) return { ok: false, code: decision.code, message: decision.message };
    const events = stamp(command.dayId, day?.version ?? 0, decision.events, meta);
    if (!decision.payoutReissue) return events;
    // Paying a failed payout again is the payout's own decision, taken in the same breath.
    const { payoutId, newPayoutId, reason } = decision.payoutReissue;
    const reissued = await decide(reader, { type: 'payout.reissue', payoutId, data: { newPayoutId, reason } }, actor, ctx, meta);
    return Array.isArray(reissued) ? [...events, ...reissued] : reissued;
  }
  if ('applicationId' in command) {
    const app = await reader.application(command.applicationId);
    const merchant = app ? await reader.merchant(app.merchantId) : null;
    const checks = app && command.type === 'application.approve' ? checkApplication(app.application, { blockList: await reader.screeningList(), now: ctx.now }) : [];
    return emitted(reader, decideApplication(app, merchant, checks, command, decideCtx), meta);
  }
  if ('merchantId' in command) return emitted(reader, decideMerchant(await reader.merchant(command.merchantId), command, decideCtx), meta);
  if ('payoutId' in command) {
    const payout = await reader.payout(command.payoutId);
    const merchantId = command.type === 'payout.create' ? command.data.merchantId : payout?.merchantId;
    const currency = command.type === 'payout.create' ? command.data.currency : payout?.currency;
    const merchant = merchantId ? await reader.merchant(merchantId) : null;
    const available = merchantId && currency ? await reader.available(merchantId, currency) : 0n;
    return emitted(reader, decidePayout(payout, merchant, available, command, decideCtx), meta);
  }
  if ('entryId' in command) {
    const entry = await reader.riskListEntry(command.entryId);
    const decision = decideRiskList(entry, command, decideCtx);
    if (!decision.ok) return { ok: false, code: decision.code, message: decision.message };
    return decision.listEntries.flatMap(({ entryId, data }) => stamp(entryId, entry?.version ?? 0, [data], meta));
  }
  if (command.type.startsWith('risk.')) {
    const riskCommand = command as Extract<StaffCommand, { type: 'risk.clear' | 'risk.keep' | 'risk.refund_fraud' }>;
    const flag = await reader.riskFlag(riskCommand.orderId);
    const order = await reader.order(riskCommand.orderId);
    const decision = decideRiskFlag(flag, order, riskCommand, decideCtx);
    if (!decision.ok) return { ok: false, code: decision.code, message: decision.message };
    return [
      ...stamp(riskCommand.orderId, flag!.version, decision.flag, meta),
      ...(order ? stamp(order.orderId, order.version, decision.order, meta) : []),
      ...decision.listEntries.flatMap(({ entryId, data }) => stamp(entryId, 0, [data], meta)),
    ];
  }
  const orderCommand = command as Extract<StaffCommand, { type: 'order.refund' | 'order.release' }>;
  const order = await reader.order(orderCommand.orderId);
  // A direct refund or release may not bypass the four-eyes rule of dispute resolutions.
  if (order) {
    const amount = orderCommand.data.amount ?? order.held;
    if (needsFourEyes(ctx.config, order.currency, amount)) {
      return { ok: false, code: 'approval_required', message: `moving ${amount} needs a second approval: resolve it through the dispute, where finance approves it` };
    }
  }
  const handled = handleOrderCommand(order, orderCommand, { config: ctx.config, ...meta });
  return handled.ok ? handled.events : { ok: false, code: handled.code, message: handled.message };
}

/** Stamps the events of a merchant-domain decision, each aggregate counting on from its own version. */
async function emitted(reader: StateReader, decision: MerchantDecision, meta: Stamp): Promise<EventEnvelope[] | Rejected> {
  if (!decision.ok) return { ok: false, code: decision.code, message: decision.message };
  const versions = new Map<string, number>();
  const out: EventEnvelope[] = [];
  for (const e of decision.events) {
    const key = `${e.kind}/${e.id}`;
    if (!versions.has(key)) versions.set(key, (await readTarget(reader, e.kind, e.id))?.version ?? 0);
    const version = versions.get(key)!;
    out.push(...stamp(e.id, version, [e.data], meta));
    versions.set(key, version + 1);
  }
  return out;
}

/** A state reader over a ledger port (the hub's transaction, the console's read connection). */
export function portReader(port: LedgerPort, lookups: { staff: (id: string) => Promise<StaffRef | null>; screeningList: () => Promise<ScreeningEntry[]> }): StateReader {
  const one = async <S>(kind: CommandTargetKind, id: string): Promise<S | null> => ((await port.loadStates(kind, [id])).get(id) as S | undefined) ?? null;
  return {
    order: (id) => one<OrderState>('order', id),
    dispute: (id) => one<DisputeState>('dispute', id),
    riskFlag: (id) => one<RiskFlagState>('risk', id),
    riskListEntry: (id) => one<RiskListEntryState>('risklist', id),
    application: (id) => one<ApplicationState>('application', id),
    merchant: (id) => one<MerchantState>('merchant', id),
    payout: (id) => one<PayoutState>('payout', id),
    reconDay: (id) => one<ReconDayState>('recon', id),
    async available(merchantId, currency) {
      const [payable] = await port.loadAccounts([accountId('merchant_payable', currency, merchantId)]);
      return payable ? balanceViews(payable.flags, payable).available : 0n;
    },
    ...lookups,
  };
}
