/**
 * Row shapes of the ledger tables, shared by the SQLite and PostgreSQL stores (same column
 * names in both). Both hand 64-bit integers back as decimal strings (SQLite through
 * CAST(... AS TEXT), pg for int8), which are turned into bigint here and nowhere else.
 */
import type { Currency } from '../../shared/money.js';
import { canonicalJson } from '../../shared/json.js';
import type { DisputeKind, DisputeReason, ShippingMethod } from '../../shared/escrow/order.js';
import type { AccountKind } from './accounts.js';
import type { OrderState, OrderStatus } from '../escrow/state.js';
import type { AccountRecord, TransferCode, TransferKind, TransferRecord } from './transfer.js';
import type { SqlValue } from '../db/sqlite.js';
import type { AggregateKindName } from '../aggregates.js';
import type { RecordState } from '../records/kind.js';
import type { DisputeState, Proposal } from '../disputes/state.js';
import type { DisputeStatus } from '../../shared/escrow/dispute.js';
import type { ListEntityType, RiskFlagStatus, RiskList } from '../../shared/escrow/risk.js';
import type { RiskFlagState, RiskListEntryState } from '../riskreview/state.js';
import type { ApplicationState, MerchantState, PayoutState } from '../merchants/state.js';
import type { ReconDayState, Resolution } from '../recondays/day.js';
import type { ApplicationStatus, PayoutSchedule, PayoutStatus } from '../../shared/escrow/merchant.js';
import { merchantApplicationSchema } from '../../shared/escrow/records.js';

type Row = Record<string, unknown>;

export interface TableShape<T> {
  table: string;
  key: string;
  columns: readonly string[];
  /** Columns that never change once written: an upsert leaves them (and their indexes) alone. */
  immutableColumns?: ReadonlySet<string>;
  /** Columns holding 64-bit amounts, selected as text. */
  bigintColumns: ReadonlySet<string>;
  toRow(value: T): SqlValue[];
  fromRow(row: Row): T;
}

/** SELECT list with 64-bit columns cast to text (SQLite) or left as is (pg returns text). */
export function selectList<T>(shape: TableShape<T>, castToText: boolean): string {
  return shape.columns.map((c) => (castToText && shape.bigintColumns.has(c) ? `CAST(${c} AS TEXT) AS ${c}` : c)).join(', ');
}

function big(value: unknown): bigint {
  if (typeof value === 'string' || typeof value === 'bigint') return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TypeError(`expected a 64-bit integer column, got ${typeof value}`);
}

function bigOrNull(value: unknown): bigint | null {
  return value === null || value === undefined ? null : big(value);
}

function int(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : (value as number);
  if (!Number.isSafeInteger(n)) throw new TypeError(`expected an integer column, got ${String(value)}`);
  return n;
}

function intOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : int(value);
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export const accountShape: TableShape<AccountRecord> = {
  table: 'accounts',
  key: 'id',
  columns: ['id', 'kind', 'owner', 'currency', 'flags', 'debits_pending', 'debits_posted', 'credits_pending', 'credits_posted'],
  bigintColumns: new Set(['debits_pending', 'debits_posted', 'credits_pending', 'credits_posted']),
  toRow: (a) => [a.id, a.kind, a.owner, a.currency, a.flags, a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted],
  fromRow: (r) => ({
    id: String(r.id),
    kind: r.kind as AccountKind,
    owner: textOrNull(r.owner),
    currency: r.currency as Currency,
    flags: int(r.flags),
    debitsPending: big(r.debits_pending),
    debitsPosted: big(r.debits_posted),
    creditsPending: big(r.credits_pending),
    creditsPosted: big(r.credits_posted),
  }),
};

export type StoredTransfer = TransferRecord & { seq: number };

export const transferShape: TableShape<StoredTransfer> = {
  table: 'transfers',
  key: 'id',
  columns: ['id', 'seq', 'event_id', 'kind', 'debit_account_id', 'credit_account_id', 'amount', 'currency', 'pending_id', 'order_id', 'code', 'at'],
  bigintColumns: new Set(['amount']),
  toRow: (t) => [t.id, t.seq, t.eventId, t.kind, t.debitAccountId, t.creditAccountId, t.amount, t.currency, t.pendingId, t.orderId, t.code, t.at],
  fromRow: (r) => ({
    id: String(r.id),
    seq: int(r.seq),
    eventId: String(r.event_id),
    kind: r.kind as TransferKind,
    debitAccountId: String(r.debit_account_id),
    creditAccountId: String(r.credit_account_id),
    amount: big(r.amount),
    currency: r.currency as Currency,
    pendingId: textOrNull(r.pending_id),
    orderId: textOrNull(r.order_id),
    code: r.code as TransferCode,
    at: int(r.at),
  }),
};

export const orderShape: TableShape<OrderState> = {
  table: 'orders',
  key: 'order_id',
  immutableColumns: new Set([
    'buyer_id', 'merchant_id', 'currency', 'amount', 'fee_bps', 'reserve_bps', 'paid_at', 'buyer_region', 'shipping_region',
    'device_id', 'shipping_address',
  ]),
  columns: [
    'order_id', 'version', 'status', 'buyer_id', 'merchant_id', 'currency', 'amount', 'held', 'refunded', 'released',
    'fee', 'reserve', 'fee_bps', 'reserve_bps', 'hold_transfer_id', 'paid_at', 'shipping_method', 'tracking_no',
    'shipped_at', 'confirm_due_at', 'paused_remaining_ms', 'extension_used', 'dispute_id', 'dispute_kind',
    'dispute_reason', 'dispute_claimed', 'dispute_opened_at', 'risk_hold_reason', 'buyer_region', 'shipping_region',
    'device_id', 'shipping_address', 'updated_at', 'reserve_due_at',
  ],
  bigintColumns: new Set(['amount', 'held', 'refunded', 'released', 'fee', 'reserve', 'dispute_claimed']),
  toRow: (o) => [
    o.orderId, o.version, o.status, o.buyerId, o.merchantId, o.currency, o.amount, o.held, o.refunded, o.released,
    o.fee, o.reserve, o.feeBps, o.reserveBps, o.holdTransferId, o.paidAt, o.shippingMethod, o.trackingNo,
    o.shippedAt, o.confirmDueAt, o.pausedRemainingMs, o.extensionUsed ? 1 : 0, o.dispute?.disputeId ?? null,
    o.dispute?.kind ?? null, o.dispute?.reason ?? null, o.dispute?.claimedAmount ?? null, o.dispute?.openedAt ?? null,
    o.riskHoldReason, o.buyerRegion, o.shippingRegion, o.deviceId, o.shippingAddress, o.updatedAt, o.reserveDueAt,
  ],
  fromRow: (r) => ({
    orderId: String(r.order_id),
    version: int(r.version),
    status: r.status as OrderStatus,
    buyerId: String(r.buyer_id),
    merchantId: String(r.merchant_id),
    currency: r.currency as Currency,
    amount: big(r.amount),
    held: big(r.held),
    refunded: big(r.refunded),
    released: big(r.released),
    fee: big(r.fee),
    reserve: big(r.reserve),
    feeBps: int(r.fee_bps),
    reserveBps: int(r.reserve_bps),
    reserveDueAt: intOrNull(r.reserve_due_at),
    holdTransferId: textOrNull(r.hold_transfer_id),
    paidAt: int(r.paid_at),
    shippingMethod: textOrNull(r.shipping_method) as ShippingMethod | null,
    trackingNo: textOrNull(r.tracking_no),
    shippedAt: intOrNull(r.shipped_at),
    confirmDueAt: intOrNull(r.confirm_due_at),
    pausedRemainingMs: intOrNull(r.paused_remaining_ms),
    extensionUsed: int(r.extension_used) === 1,
    dispute:
      r.dispute_id === null || r.dispute_id === undefined
        ? null
        : {
            disputeId: String(r.dispute_id),
            kind: r.dispute_kind as DisputeKind,
            reason: r.dispute_reason as DisputeReason,
            claimedAmount: bigOrNull(r.dispute_claimed) ?? 0n,
            openedAt: int(r.dispute_opened_at),
          },
    riskHoldReason: textOrNull(r.risk_hold_reason),
    buyerRegion: textOrNull(r.buyer_region),
    shippingRegion: textOrNull(r.shipping_region),
    deviceId: textOrNull(r.device_id),
    shippingAddress: textOrNull(r.shipping_address),
    updatedAt: int(r.updated_at),
  }),
};

export interface StoredEvent {
  seq: number;
  id: string;
  kind: AggregateKindName;
  aggregateId: string;
  version: number;
  type: string;
  at: number;
  body: string;
  bodyHash: string;
}

export const eventShape: TableShape<StoredEvent> = {
  table: 'events',
  key: 'id',
  columns: ['seq', 'id', 'kind', 'aggregate_id', 'version', 'type', 'at', 'body', 'body_hash'],
  bigintColumns: new Set(),
  toRow: (e) => [e.seq, e.id, e.kind, e.aggregateId, e.version, e.type, e.at, e.body, e.bodyHash],
  fromRow: (r) => ({
    seq: int(r.seq),
    id: String(r.id),
    kind: r.kind as AggregateKindName,
    aggregateId: String(r.aggregate_id),
    version: int(r.version),
    type: String(r.type),
    at: int(r.at),
    body: String(r.body),
    bodyHash: String(r.body_hash),
  }),
};

/** Records (applications, statement lines, confirmations) in the generic aggregates table. */
export const recordShape: TableShape<RecordState> = {
  table: 'aggregates',
  key: 'kind, id',
  columns: ['kind', 'id', 'version', 'type', 'at', 'state'],
  bigintColumns: new Set(),
  toRow: (r) => ['record', r.id, r.version, r.type, r.at, canonicalJson(r.data)],
  fromRow: (r) => ({ id: String(r.id), version: int(r.version), type: String(r.type), at: int(r.at), data: JSON.parse(String(r.state)) as unknown }),
};

export const disputeShape: TableShape<DisputeState> = {
  table: 'disputes',
  key: 'dispute_id',
  columns: [
    'dispute_id', 'version', 'order_id', 'buyer_id', 'merchant_id', 'currency', 'held_at_open', 'kind', 'reason', 'claimed_amount',
    'status', 'opened_at', 'deadline_at', 'assignee_id', 'assignee_name', 'proposal', 'refund_amount', 'release_amount', 'messages',
    'last_message_at', 'updated_at',
  ],
  immutableColumns: new Set(['order_id', 'buyer_id', 'merchant_id', 'currency', 'held_at_open', 'kind', 'reason', 'claimed_amount', 'opened_at']),
  bigintColumns: new Set(['held_at_open', 'claimed_amount', 'refund_amount', 'release_amount']),
  toRow: (d) => [
    d.disputeId, d.version, d.orderId, d.buyerId, d.merchantId, d.currency, d.heldAtOpen, d.kind, d.reason, d.claimedAmount,
    d.status, d.openedAt, d.deadlineAt, d.assignee?.id ?? null, d.assignee?.name ?? null, d.proposal ? canonicalJson(d.proposal) : null,
    d.refundAmount, d.releaseAmount, d.messages, d.lastMessageAt, d.updatedAt,
  ],
  fromRow: (r) => ({
    disputeId: String(r.dispute_id),
    version: int(r.version),
    orderId: String(r.order_id),
    buyerId: String(r.buyer_id),
    merchantId: String(r.merchant_id),
    currency: r.currency as Currency,
    heldAtOpen: big(r.held_at_open),
    kind: r.kind as DisputeKind,
    reason: r.reason as DisputeReason,
    claimedAmount: big(r.claimed_amount),
    status: r.status as DisputeStatus,
    openedAt: int(r.opened_at),
    deadlineAt: intOrNull(r.deadline_at),
    assignee: r.assignee_id === null || r.assignee_id === undefined ? null : { id: String(r.assignee_id), role: 'agent', ...(r.assignee_name ? { name: String(r.assignee_name) } : {}) },
    proposal: r.proposal === null || r.proposal === undefined ? null : proposalFromJson(String(r.proposal)),
    refundAmount: big(r.refund_amount),
    releaseAmount: big(r.release_amount),
    messages: int(r.messages),
    lastMessageAt: intOrNull(r.last_message_at),
    updatedAt: int(r.updated_at),
  }),
};

function proposalFromJson(text: string): Proposal {
  const p = JSON.parse(text) as Omit<Proposal, 'refundAmount' | 'releaseAmount'> & { refundAmount: string; releaseAmount: string };
  return { ...p, refundAmount: BigInt(p.refundAmount), releaseAmount: BigInt(p.releaseAmount) };
}

export const riskFlagShape: TableShape<RiskFlagState> = {
  table: 'risk_flags',
  key: 'order_id',
  columns: [
    'order_id', 'version', 'buyer_id', 'merchant_id', 'amount', 'currency', 'score', 'level', 'findings', 'status', 'flagged_at',
    'reviewed_by_id', 'reviewed_by_name', 'reviewed_at', 'note',
  ],
  immutableColumns: new Set(['buyer_id', 'merchant_id', 'amount', 'currency', 'score', 'level', 'findings', 'flagged_at']),
  bigintColumns: new Set(['amount']),
  toRow: (f) => [
    f.orderId, f.version, f.buyerId, f.merchantId, f.amount, f.currency, f.score, f.level, JSON.stringify(f.findings), f.status, f.flaggedAt,
    f.reviewedBy?.id ?? null, f.reviewedBy?.name ?? null, f.reviewedAt, f.note,
  ],
  fromRow: (r) => ({
    orderId: String(r.order_id),
    version: int(r.version),
    buyerId: String(r.buyer_id),
    merchantId: String(r.merchant_id),
    amount: big(r.amount),
    currency: r.currency as Currency,
    score: int(r.score),
    level: r.level as RiskFlagState['level'],
    findings: JSON.parse(String(r.findings)) as RiskFlagState['findings'],
    status: r.status as RiskFlagStatus,
    flaggedAt: int(r.flagged_at),
    reviewedBy: r.reviewed_by_id === null || r.reviewed_by_id === undefined ? null : { id: String(r.reviewed_by_id), role: 'risk', ...(r.reviewed_by_name ? { name: String(r.reviewed_by_name) } : {}) },
    reviewedAt: intOrNull(r.reviewed_at),
    note: textOrNull(r.note),
  }),
};

export const riskListShape: TableShape<RiskListEntryState> = {
  table: 'risk_list',
  key: 'entry_id',
  columns: ['entry_id', 'version', 'list', 'entity_type', 'value', 'reason', 'expires_at', 'active', 'added_by_id', 'added_by_name', 'added_at', 'removed_at'],
  immutableColumns: new Set(['list', 'entity_type', 'value', 'reason', 'expires_at', 'added_by_id', 'added_by_name', 'added_at']),
  bigintColumns: new Set(),
  toRow: (e) => [e.entryId, e.version, e.list, e.entityType, e.value, e.reason, e.expiresAt, e.active ? 1 : 0, e.addedBy.id, e.addedBy.name ?? null, e.addedAt, e.removedAt],
  fromRow: (r) => ({
    entryId: String(r.entry_id),
    version: int(r.version),
    list: r.list as RiskList,
    entityType: r.entity_type as ListEntityType,
    value: String(r.value),
    reason: String(r.reason),
    expiresAt: intOrNull(r.expires_at),
    active: int(r.active) === 1,
    addedBy: { id: String(r.added_by_id), role: 'risk', ...(r.added_by_name ? { name: String(r.added_by_name) } : {}) },
    addedAt: int(r.added_at),
    removedAt: intOrNull(r.removed_at),
  }),
};

export const applicationShape: TableShape<ApplicationState> = {
  table: 'applications',
  key: 'application_id',
  columns: ['application_id', 'version', 'merchant_id', 'legal_name', 'entity_type', 'segment', 'status', 'application', 'received_at', 'requested', 'decided_by_id', 'decided_by_name', 'decided_at', 'decision'],
  bigintColumns: new Set(),
  toRow: (a) => [
    a.applicationId, a.version, a.merchantId, a.application.legalName, a.application.entityType, a.application.segment, a.status, canonicalJson(a.application), a.receivedAt,
    a.requested ? JSON.stringify(a.requested) : null, a.decidedBy?.id ?? null, a.decidedBy?.name ?? null, a.decidedAt, a.decision,
  ],
  fromRow: (r) => ({
    applicationId: String(r.application_id),
    version: int(r.version),
    merchantId: String(r.merchant_id),
    status: r.status as ApplicationStatus,
    application: merchantApplicationSchema.parse(JSON.parse(String(r.application))),
    receivedAt: int(r.received_at),
    requested: r.requested === null || r.requested === undefined ? null : (JSON.parse(String(r.requested)) as ApplicationState['requested']),
    decidedBy: r.decided_by_id === null || r.decided_by_id === undefined ? null : { id: String(r.decided_by_id), role: 'onboarding', ...(r.decided_by_name ? { name: String(r.decided_by_name) } : {}) },
    decidedAt: intOrNull(r.decided_at),
    decision: textOrNull(r.decision),
  }),
};

export const merchantShape: TableShape<MerchantState> = {
  table: 'merchants',
  key: 'merchant_id',
  columns: ['merchant_id', 'version', 'status', 'application_id', 'legal_name', 'tier', 'payout_schedule', 'reserve_bps', 'bank_account', 'activated_at', 'suspended_reason'],
  bigintColumns: new Set(),
  toRow: (m) => [m.merchantId, m.version, m.status, m.applicationId, m.legalName, m.tier, m.payoutSchedule, m.reserveBps, JSON.stringify(m.bankAccount), m.activatedAt, m.suspendedReason],
  fromRow: (r) => ({
    merchantId: String(r.merchant_id),
    version: int(r.version),
    status: r.status as MerchantState['status'],
    applicationId: String(r.application_id),
    legalName: String(r.legal_name),
    tier: String(r.tier),
    payoutSchedule: r.payout_schedule as PayoutSchedule,
    reserveBps: int(r.reserve_bps),
    bankAccount: JSON.parse(String(r.bank_account)) as MerchantState['bankAccount'],
    activatedAt: int(r.activated_at),
    suspendedReason: textOrNull(r.suspended_reason),
  }),
};

export const payoutShape: TableShape<PayoutState> = {
  table: 'payouts',
  key: 'payout_id',
  columns: ['payout_id', 'version', 'merchant_id', 'currency', 'amount', 'status', 'hold_transfer_id', 'created_at', 'sent_at', 'settled_at', 'failure_reason', 'reissue_of', 'reissued_as'],
  immutableColumns: new Set(['merchant_id', 'currency', 'amount', 'created_at', 'reissue_of']),
  bigintColumns: new Set(['amount']),
  toRow: (p) => [p.payoutId, p.version, p.merchantId, p.currency, p.amount, p.status, p.holdTransferId, p.createdAt, p.sentAt, p.settledAt, p.failureReason, p.reissueOf, p.reissuedAs],
  fromRow: (r) => ({
    payoutId: String(r.payout_id),
    version: int(r.version),
    merchantId: String(r.merchant_id),
    currency: r.currency as Currency,
    amount: big(r.amount),
    status: r.status as PayoutStatus,
    holdTransferId: textOrNull(r.hold_transfer_id),
    createdAt: int(r.created_at),
    sentAt: intOrNull(r.sent_at),
    settledAt: intOrNull(r.settled_at),
    failureReason: textOrNull(r.failure_reason),
    reissueOf: textOrNull(r.reissue_of),
    reissuedAs: textOrNull(r.reissued_as),
  }),
};

export const reconDayShape: TableShape<ReconDayState> = {
  table: 'recon_days',
  key: 'day_id',
  columns: ['day_id', 'version', 'closed', 'closed_at', 'resolutions'],
  bigintColumns: new Set(),
  toRow: (d) => [d.dayId, d.version, d.closed ? 1 : 0, d.closedAt, canonicalJson(d.resolutions)],
  fromRow: (r) => ({
    dayId: String(r.day_id),
    version: int(r.version),
    closed: int(r.closed) === 1,
    closedAt: intOrNull(r.closed_at),
    resolutions: Object.fromEntries(
      Object.entries(JSON.parse(String(r.resolutions)) as Record<string, Resolution & { amount: string | null }>).map(([key, res]) => [key, { ...res, amount: res.amount === null ? null : BigInt(res.amount) }]),
    ),
  }),
};

/** The ON CONFLICT clause that updates every column a row may change (not its immutable ones). */
export function upsertSuffix<T>(shape: TableShape<T>): string {
  const updates = shape.columns.filter((c) => !shape.key.split(', ').includes(c) && !shape.immutableColumns?.has(c)).map((c) => `${c} = excluded.${c}`);
  return `ON CONFLICT (${shape.key}) DO UPDATE SET ${updates.join(', ')}`;
}

/** Where each aggregate kind keeps its state: the table, the key column, how to tell a row's id. */
export interface KindTable<S> {
  shape: TableShape<S>;
  /** The WHERE prefix selecting a state by id (the generic table also selects by kind). */
  keyColumn: string;
  idOf(state: S): string;
  upsert: string;
}

function kindTable<S>(shape: TableShape<S>, keyColumn: string, idOf: (state: S) => string): KindTable<S> {
  return { shape, keyColumn, idOf, upsert: upsertSuffix(shape) };
}

export const KIND_TABLES: { [K in AggregateKindName]: KindTable<KindStates[K]> } = {
  order: kindTable(orderShape, 'order_id', (o) => o.orderId),
  dispute: kindTable(disputeShape, 'dispute_id', (d) => d.disputeId),
  risk: kindTable(riskFlagShape, 'order_id', (f) => f.orderId),
  risklist: kindTable(riskListShape, 'entry_id', (e) => e.entryId),
  application: kindTable(applicationShape, 'application_id', (a) => a.applicationId),
  merchant: kindTable(merchantShape, 'merchant_id', (m) => m.merchantId),
  payout: kindTable(payoutShape, 'payout_id', (p) => p.payoutId),
  recon: kindTable(reconDayShape, 'day_id', (d) => d.dayId),
  record: kindTable(recordShape, "kind = 'record' AND id", (r) => r.id),
};

interface KindStates {
  order: OrderState;
  dispute: DisputeState;
  risk: RiskFlagState;
  risklist: RiskListEntryState;
  application: ApplicationState;
  merchant: MerchantState;
  payout: PayoutState;
  recon: ReconDayState;
  record: RecordState;
}
