/**
 * The console's API: every method the renderer (or a test) can call on the main process,
 * with its input schema, output type and required permission. Outputs carry amounts as bigint
 * (the transports encode them); inputs accept the wire forms the shared schemas accept.
 */
import { z } from 'zod';
import { DISPUTE_REASONS } from '../escrow/order.js';
import { DISPUTE_STATUSES, disputeCommandSchema, type DisputeStatus } from '../escrow/dispute.js';
import { RISK_FLAG_STATUSES, RISK_LISTS, riskCommandSchema, type RiskFlagStatus } from '../escrow/risk.js';
import { APPLICATION_STATUSES, merchantCommandSchema, PAYOUT_SCHEDULES, PAYOUT_STATUSES } from '../escrow/merchant.js';
import type { Currency } from '../money.js';
import { amountSchema, epochMsSchema, externalIdSchema } from '../schemas.js';
import { method } from './contract.js';
import type { StaffIdentity } from './hub.js';

const pageLimit = z.number().int().min(1).max(500).default(50);

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

const idInput = <K extends string>(key: K) => z.strictObject({ [key]: externalIdSchema } as { [P in K]: typeof externalIdSchema });

export const consoleApi = {
  'session.current': method<{ staff: StaffIdentity | null; demo: boolean }>()(z.strictObject({}), null),

  'disputes.queue': method<Page<DisputeRow>>()(disputeQueueQuerySchema, 'orders.read'),
  'disputes.counts': method<{ byStatus: Record<string, number>; open: number; overdue: number }>()(z.strictObject({}), 'orders.read'),
  'disputes.get': method<unknown>()(idInput('disputeId'), 'orders.read'),
  'disputes.decide': method<{ id: string; expectedVersion: number }>()(z.strictObject({ command: disputeCommandSchema }), 'disputes.decide'),

  'risk.queue': method<Page<RiskRow>>()(riskQueueQuerySchema, 'risk.review'),
  'risk.get': method<unknown>()(idInput('orderId'), 'risk.review'),
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

  'payouts.list': method<unknown>()(
    z.strictObject({ status: z.enum(PAYOUT_STATUSES).optional(), merchantId: externalIdSchema.optional(), after: z.string().max(200).optional(), limit: pageLimit }),
    'finance.payouts',
  ),
  'payouts.candidates': method<unknown>()(z.strictObject({ schedule: z.enum(PAYOUT_SCHEDULES) }), 'finance.payouts'),

  'orders.get': method<unknown>()(idInput('orderId'), 'orders.read'),
  'stats.overview': method<unknown>()(z.strictObject({}), 'orders.read'),
} as const;

export type ConsoleApi = typeof consoleApi;
export type ConsoleMethod = keyof ConsoleApi;
