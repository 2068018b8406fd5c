/**
 * The console's API: every method the renderer (or a test) can call on the main process,
 * with its input schema, output type and required permission. Outputs carry amounts as bigint
 * (the transports encode them); inputs accept the wire forms the shared schemas accept.
 */
import { z } from 'zod';
import { DISPUTE_REASONS } from '../escrow/order.js';
import { DISPUTE_STATUSES, disputeCommandSchema, sha256HexSchema, type DisputeStatus } from '../escrow/dispute.js';
import { RISK_FLAG_STATUSES, RISK_LISTS, riskCommandSchema, type RiskFlagStatus } from '../escrow/risk.js';
import { APPLICATION_STATUSES, merchantCommandSchema, PAYOUT_SCHEDULES, PAYOUT_STATUSES } from '../escrow/merchant.js';
import { RECON_KINDS, reconCommandSchema, reconDayIdSchema, STATEMENT_FORMATS } from '../escrow/recon.js';
import type { Currency } from '../money.js';
import { amountSchema, currencySchema, epochMsSchema, externalIdSchema, hubUrlSchema } from '../schemas.js';
import { method } from './contract.js';
import type { StaffIdentity } from './hub.js';
import type { AttachmentFile, DayView, DisputeDetail, ImportResult, MorningStats, OrderDetail, RematchResult, RiskDetail } from './views.js';

const pageLimit = z.number().int().min(1).max(500).default(50);
const mappingNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, 'a mapping name: letters, digits, space, . _ -, at most 64');

export const disputeQueueQuerySchema = z.strictObject({
  /** 'open' (default): every status still being worked; or one status. */
  status: z.union([z.literal('open'), z.enum(DISPUTE_STATUSES)]).default('open'),
  reason: z.enum(DISPUTE_REASONS).optional(),
  overdue: z.boolean().optional(),
  /** 'me', 'unassigned', or a staff id. */
  assignee: z.string().max(64).optional(),
  merchantId: externalIdSchema.optional(),
  minAmount: amountSchema.optional(),
  maxAmount: amountSchema.optional(),
  /** Only disputes in this currency: amounts in minor units compare within one currency only. */
  currency: currencySchema.optional(),
  openedFrom: epochMsSchema.optional(),
  openedTo: epochMsSchema.optional(),
  /** Keyset cursor from the previous page. */
  after: z.string().max(200).optional(),
  limit: pageLimit,
});
export type DisputeQueueQuery = z.output<typeof disputeQueueQuerySchema>;

export interface DisputeRow {
  disputeId: string;
  orderId: string;
  merchantId: string;
  buyerId: string;
  reason: string;
  kind: string;
  status: DisputeStatus;
  claimedAmount: bigint;
  heldAtOpen: bigint;
  currency: Currency;
  openedAt: number;
  deadlineAt: number | null;
  overdue: boolean;
  assigneeId: string | null;
  assigneeName: string | null;
  hasProposal: boolean;
  /** Decisions of this console not yet answered by the hub. */
  pendingSync: number;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface TimelineEntry {
  seq: number;
  at: number;
  type: string;
  actor: unknown;
  data: unknown;
}

export interface MovementRow {
  id: string;
  kind: string;
  code: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: bigint;
  currency: Currency;
  at: number;
}

export interface PendingDecision {
  id: string;
  type: string;
  /** The case the command is about (a dispute, an order, an application, ...). */
  aggregateId: string;
  createdAt: number;
  status: 'pending' | 'accepted' | 'rejected';
  code: string | null;
  message: string | null;
}

export const riskQueueQuerySchema = z.strictObject({
  level: z.enum(['elevated', 'highest']).optional(),
  /** 'unreviewed': open and kept flags (the default). */
  status: z.union([z.literal('unreviewed'), z.enum(RISK_FLAG_STATUSES)]).default('unreviewed'),
  after: z.string().max(200).optional(),
  limit: pageLimit,
});

export interface RiskRow {
  orderId: string;
  buyerId: string;
  merchantId: string;
  amount: bigint;
  currency: Currency;
  score: number;
  level: string;
  status: RiskFlagStatus;
  rules: string[];
  flaggedAt: number;
  pendingSync: number;
}

export const backtestInputSchema = z.strictObject({
  elevatedAt: z.number().int().min(1).max(100).optional(),
  highestAt: z.number().int().min(1).max(100).optional(),
  velocityThreshold: z.number().int().min(1).max(1000).optional(),
  amountMedianPercent: z.number().int().min(100).max(100_000).optional(),
  /** Limit the history to orders paid since (epoch ms). */
  since: epochMsSchema.optional(),
});


export type SyncState = 'online' | 'offline' | 'catching_up' | 'unauthenticated' | 'drift';

/** What the status bar shows. */
export interface SyncStatus {
  state: SyncState;
  cursor: number;
  head: number;
  pending: number;
  lastError: string | null;
  lastSyncAt: number | null;
  drift: { seq: number; local: string; hub: string } | null;
}

export interface SearchHit {
  kind: 'order' | 'dispute' | 'merchant' | 'buyer' | 'application' | 'payout';
  id: string;
  /** What the hit is, as facts the screen words in the staff member's language. */
  facts: SearchHitFacts;
  /** The screen that opens it: e.g. `orders/O123`, `disputes/D9`, `merchants/M1`. */
  route: string;
}

/** The facts of a hit its kind has (an order: amount, status, buyer, merchant; a buyer: orders, latest). */
export interface SearchHitFacts {
  /** The status code of the order, dispute, merchant, application or payout. */
  status?: string;
  /** Legal name of a merchant or an application. */
  name?: string;
  /** Dispute reason code. */
  reason?: string;
  amount?: bigint;
  currency?: Currency;
  orderId?: string;
  buyerId?: string;
  merchantId?: string;
  /** A buyer's number of orders (its hit opens the latest, `orderId`). */
  orders?: number;
}

/** One calendar day (China Standard Time) of the overview charts, in one currency. */
export interface DayFigures {
  day: string;
  paid: bigint;
  released: bigint;
  refunded: bigint;
  fees: bigint;
  orders: number;
  disputesOpened: number;
  flagsRaised: number;
  payoutsPaid: bigint;
}

export interface AuditEntryView {
  seq: number;
  at: number;
  actor: unknown;
  action: string;
  target: string | null;
  detail: unknown;
  hash: string;
}

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface ConsoleSettings {
  language: Language;
  /** null: demo mode (an embedded hub seeded by the simulator). */
  hubUrl: string | null;
  dataDir: string;
  demo: boolean;
  /** Minutes of inactivity before the console locks. */
  idleLockMinutes: number;
}

const MAX_SERIES_DAYS = 366;

const idInput = <K extends string>(key: K) => z.strictObject({ [key]: externalIdSchema } as { [P in K]: typeof externalIdSchema });

export const consoleApi = {
  'session.current': method<{ staff: StaffIdentity | null; demo: boolean; locked: boolean }>()(z.strictObject({}), null),
  /** Signs in at the hub, or offline with the credentials cached at the last hub sign-in here. */
  'session.signIn': method<{ staff: StaffIdentity; offline: boolean }>()(z.strictObject({ name: z.string().min(1).max(64), password: z.string().min(1).max(256) }), null),
  'session.signOut': method<{ signedOut: boolean }>()(z.strictObject({}), null),
  'session.lock': method<{ locked: boolean }>()(z.strictObject({ reason: z.enum(['idle', 'manual']).default('manual') }), null),
  'session.unlock': method<StaffIdentity>()(z.strictObject({ password: z.string().min(1).max(256) }), null),

  'disputes.queue': method<Page<DisputeRow>>()(disputeQueueQuerySchema, 'orders.read'),
  'disputes.counts': method<{ byStatus: Record<string, number>; open: number; overdue: number }>()(z.strictObject({}), 'orders.read'),
  'disputes.get': method<DisputeDetail>()(idInput('disputeId'), 'orders.read'),
  /**
   * Agents' decisions and finance's four-eyes approvals: each command's own permission
   * (STAFF_COMMAND_PERMISSIONS: dispute.resolve needs disputes.decide, dispute.approve needs
   * refunds.approve) is checked by the staff-command handler in the main process.
   */
  /** An attachment of this dispute's messages (never any other file), for preview. */
  'disputes.attachment': method<AttachmentFile>()(z.strictObject({ disputeId: externalIdSchema, sha256: sha256HexSchema }), 'orders.read'),
  'disputes.decide': method<{ id: string; expectedVersion: number }>()(z.strictObject({ command: disputeCommandSchema }), 'orders.read'),
  /** The staff directory cached from the hub at the last sync (assignees for disputes). */
  'staff.directory': method<StaffIdentity[]>()(z.strictObject({}), 'orders.read'),

  'risk.queue': method<Page<RiskRow>>()(riskQueueQuerySchema, 'risk.review'),
  'risk.get': method<RiskDetail>()(idInput('orderId'), 'risk.review'),
  'risk.decide': method<{ id: string; expectedVersion: number }>()(z.strictObject({ command: riskCommandSchema }), 'risk.review'),
  'risk.lists': method<unknown>()(z.strictObject({ list: z.enum(RISK_LISTS).optional(), activeOnly: z.boolean().default(true) }), 'risk.lists'),
  'risk.backtest': method<unknown>()(backtestInputSchema, 'risk.review'),

  'merchants.pipeline': method<unknown>()(
    z.strictObject({ status: z.enum(APPLICATION_STATUSES).optional(), after: z.string().max(200).optional(), limit: pageLimit }),
    'merchants.review',
  ),
  'merchants.application': method<unknown>()(idInput('applicationId'), 'merchants.review'),
  'merchants.decide': method<{ id: string; expectedVersion: number }>()(z.strictObject({ command: merchantCommandSchema }), 'orders.read'),
  'merchants.profile': method<unknown>()(idInput('merchantId'), 'orders.read'),
  /** Onboarded merchants by id, in keyset pages (`after`: the last merchant id of the previous page). */
  'merchants.list': method<unknown>()(
    z.strictObject({ status: z.enum(['active', 'suspended']).optional(), after: externalIdSchema.optional(), limit: pageLimit }),
    'orders.read',
  ),

  'payouts.list': method<unknown>()(
    z.strictObject({ status: z.enum(PAYOUT_STATUSES).optional(), merchantId: externalIdSchema.optional(), after: z.string().max(200).optional(), limit: pageLimit }),
    'finance.payouts',
  ),
  'payouts.candidates': method<unknown>()(z.strictObject({ schedule: z.enum(PAYOUT_SCHEDULES) }), 'finance.payouts'),

  /** Imports a statement file chosen on this machine; progress is pushed as `recon.import.progress`. */
  'recon.import': method<ImportResult>()(
    z.strictObject({
      path: z.string().min(2).max(4096).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'an absolute file path'),
      format: z.enum(STATEMENT_FORMATS).optional(),
      mapping: mappingNameSchema.optional(),
    }),
    'finance.reconcile',
  ),
  'recon.cancelImport': method<{ cancelled: boolean }>()(z.strictObject({}), 'finance.reconcile'),
  'recon.saveMapping': method<unknown>()(z.strictObject({ name: mappingNameSchema, mapping: z.record(z.string(), z.unknown()) }), 'finance.reconcile'),
  'recon.days': method<unknown>()(
    z.strictObject({ kind: z.enum(RECON_KINDS).optional(), before: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), limit: pageLimit }),
    'finance.reconcile',
  ),
  'recon.day': method<DayView>()(z.strictObject({ dayId: reconDayIdSchema }), 'finance.reconcile'),
  /** Matches a day again (after sync brought new movements); a closed day is left as it was. */
  'recon.reconcile': method<RematchResult>()(z.strictObject({ dayId: reconDayIdSchema }), 'finance.reconcile'),
  /** The day's exceptions and resolutions as CSV, for the bank or the auditors (audited). */
  'recon.export': method<{ fileName: string; csv: string }>()(z.strictObject({ dayId: reconDayIdSchema }), 'finance.reconcile'),
  'recon.decide': method<{ id: string; expectedVersion: number }>()(z.strictObject({ command: reconCommandSchema }), 'finance.reconcile'),

  'orders.get': method<OrderDetail>()(idInput('orderId'), 'orders.read'),
  /** Orders, disputes, merchants, buyers, applications, payouts by id or name prefix. */
  'search.global': method<{ items: SearchHit[] }>()(z.strictObject({ q: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(50).default(20) }), 'orders.read'),
  'stats.series': method<{ currency: Currency; days: DayFigures[] }>()(
    z
      .strictObject({ from: epochMsSchema, to: epochMsSchema, currency: currencySchema.default('CNY') })
      .refine((r) => r.to > r.from && r.to - r.from <= MAX_SERIES_DAYS * 86_400_000, `a range of 1 to ${MAX_SERIES_DAYS} days`),
    'orders.read',
  ),

  'sync.status': method<SyncStatus>()(z.strictObject({}), 'sync.use'),
  /** Pushes and pulls until caught up (or the hub is out of reach). */
  'sync.now': method<SyncStatus>()(z.strictObject({}), 'sync.use'),
  'sync.outbox': method<PendingDecision[]>()(z.strictObject({ status: z.enum(['pending', 'accepted', 'rejected', 'all']).default('pending'), limit: pageLimit }), 'sync.use'),
  /** Rebuilds the local ledger from the hub after a drift alarm (queued decisions kept). */
  'sync.resync': method<SyncStatus>()(z.strictObject({}), 'sync.use'),

  'audit.list': method<{ entries: AuditEntryView[]; head: { seq: number; hash: string } | null }>()(
    z.strictObject({ after: z.number().int().min(0).default(0), limit: pageLimit }),
    'audit.read',
  ),
  'audit.verify': method<{ ok: boolean; length: number; violations: string[] }>()(z.strictObject({}), 'audit.read'),

  'settings.get': method<ConsoleSettings>()(z.strictObject({}), null),
  /** The hub address changes only while nobody is signed in. */
  'settings.set': method<ConsoleSettings>()(
    z.strictObject({
      language: z.enum(LANGUAGES).optional(),
      hubUrl: z.union([hubUrlSchema, z.null()]).optional(),
      idleLockMinutes: z.number().int().min(1).max(240).optional(),
    }),
    null,
  ),
  /** Electron: the native file dialog; answers the chosen statement's path (null: cancelled). */
  'files.pickStatement': method<{ path: string } | null>()(z.strictObject({}), 'finance.reconcile'),
  'stats.overview': method<MorningStats>()(z.strictObject({}), 'orders.read'),
} as const;

export type ConsoleApi = typeof consoleApi;
export type ConsoleMethod = keyof ConsoleApi;
