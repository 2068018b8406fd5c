/**
 * The hub's HTTP contract: request schemas (validated by the hub) and response types (read by
 * the console's sync client). Amounts travel as strings of minor-unit digits.
 */
import { z } from 'zod';
import { disputeCommandSchema, type DisputeCommand } from '../escrow/dispute.js';
import { riskCommandSchema, type RiskCommand } from '../escrow/risk.js';
import { merchantCommandSchema, type MerchantCommand } from '../escrow/merchant.js';
import { reconCommandSchema, type ReconCommand } from '../escrow/recon.js';
import { orderCommandSchema, type OrderCommand } from '../escrow/order.js';
import type { Permission } from '../permissions.js';
import type { Role } from '../roles.js';
import { textSchema, uuidSchema } from '../schemas.js';

export const API_VERSION = 'v1';

// ---------------------------------------------------------------------------------------------
// Sessions

export const sessionRequestSchema = z.strictObject({
  name: textSchema(64, 1),
  password: textSchema(256, 1),
});

export interface StaffIdentity {
  id: string;
  name: string;
  role: Role;
}

export interface SessionResponse {
  token: string;
  expiresAt: number;
  staff: StaffIdentity;
}

// ---------------------------------------------------------------------------------------------
// Staff commands

/** The commands staff may issue, and the permission each needs. */
export const STAFF_COMMAND_PERMISSIONS = {
  'order.refund': 'disputes.decide',
  'order.release': 'disputes.decide',
  'dispute.assign': 'disputes.decide',
  'dispute.request_info': 'disputes.decide',
  'dispute.start_review': 'disputes.decide',
  'dispute.add_note': 'disputes.decide',
  'dispute.resolve': 'disputes.decide',
  'dispute.approve': 'refunds.approve',
  'dispute.decline': 'refunds.approve',
  'risk.clear': 'risk.review',
  'risk.keep': 'risk.review',
  'risk.refund_fraud': 'risk.review',
  'risk.list_add': 'risk.lists',
  'risk.list_remove': 'risk.lists',
  'application.approve': 'merchants.review',
  'application.reject': 'merchants.review',
  'application.request_info': 'merchants.review',
  'merchant.suspend': 'merchants.review',
  'merchant.reactivate': 'merchants.review',
  'payout.create': 'finance.payouts',
  'payout.send': 'finance.payouts',
  'payout.cancel': 'finance.payouts',
  'payout.reissue': 'finance.payouts',
  'recon.resolve': 'finance.reconcile',
  'recon.approve_write_off': 'finance.reconcile',
  'recon.close': 'finance.reconcile',
  'recon.reopen': 'finance.reconcile',
} as const satisfies Record<string, Permission>;

export type StaffCommandType = keyof typeof STAFF_COMMAND_PERMISSIONS;

const orderStaffOptions = orderCommandSchema.options.filter((option) => option.shape.type.value in STAFF_COMMAND_PERMISSIONS);
type OrderStaffOption = (typeof orderStaffOptions)[number];
export type StaffCommand = Extract<OrderCommand, { type: StaffCommandType }> | DisputeCommand | RiskCommand | MerchantCommand | ReconCommand;
export const staffCommandSchema = z.discriminatedUnion('type', [
  ...(orderStaffOptions as unknown as [OrderStaffOption, ...OrderStaffOption[]]),
  ...disputeCommandSchema.options,
  ...riskCommandSchema.options,
  ...merchantCommandSchema.options,
  ...reconCommandSchema.options,
]) as unknown as z.ZodType<StaffCommand>;

export type CommandTargetKind = 'order' | 'dispute' | 'risk' | 'risklist' | 'application' | 'merchant' | 'payout' | 'recon';

/** The aggregate a staff command is decided on (its expectedVersion refers to it). */
export function commandTarget(command: StaffCommand): { kind: CommandTargetKind; id: string } {
  if ('disputeId' in command) return { kind: 'dispute', id: command.disputeId };
  if ('dayId' in command) return { kind: 'recon', id: command.dayId };
  if ('entryId' in command) return { kind: 'risklist', id: command.entryId };
  if ('applicationId' in command) return { kind: 'application', id: command.applicationId };
  if ('merchantId' in command) return { kind: 'merchant', id: command.merchantId };
  if ('payoutId' in command) return { kind: 'payout', id: command.payoutId };
  if (command.type.startsWith('risk.')) return { kind: 'risk', id: command.orderId };
  return { kind: 'order', id: command.orderId };
}

/** Most commands one request may carry. */
export const MAX_COMMAND_BATCH = 100;

export const commandRequestSchema = z.strictObject({
  /** Client-generated UUIDv7: the idempotency key. */
  id: uuidSchema,
  /** The aggregate version the command was decided on (0 for none). */
  expectedVersion: z.number().int().min(0),
  command: staffCommandSchema,
});
export type CommandRequest = z.output<typeof commandRequestSchema>;

export const commandBatchSchema = z.strictObject({
  commands: z.array(z.unknown()).min(1).max(MAX_COMMAND_BATCH),
});

/** Codes a command can be rejected with besides the decider's and the ledger's. */
export const COMMAND_REJECTIONS = ['invalid', 'forbidden', 'conflict', 'exists_with_different_body'] as const;

export type CommandAnswer =
  | { id: string; status: 'accepted'; seqs: number[]; version: number }
  | { id: string; status: 'rejected'; code: string; message: string; detail?: unknown };

/** What a `conflict` answer carries: the decision that won. */
export interface ConflictDetail {
  currentVersion: number;
  winning: Array<{ seq: number; type: string; actor: unknown; at: number; causationId?: string }>;
}

// ---------------------------------------------------------------------------------------------
// Events

export const MAX_EVENTS_PAGE = 5000;
export const MAX_WAIT_MS = 30_000;

export const eventsQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).default(1000),
  wait: z.coerce.number().int().min(0).max(MAX_WAIT_MS).default(0),
});

export interface Checkpoint {
  seq: number;
  checksum: string;
}

/** A page of the event log: events after the cursor, the next cursor, the checkpoint there. */
export interface EventsPage {
  events: unknown[];
  next: number;
  checkpoint: Checkpoint;
  head: number;
}

// ---------------------------------------------------------------------------------------------
// Marketplace intake

export type IntakeAnswer =
  | { id: string; status: 'accepted'; seqs: number[] }
  | { id: string; status: 'rejected'; code: string; message: string };

export interface ApiError {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

// ---------------------------------------------------------------------------------------------
// Audit
// ---------------------------------------------------------------------------------------------

/** A console's audit head, anchored in the hub's chain (`POST /v1/audit/heads`). */
export const auditHeadReportSchema = z.strictObject({
  consoleId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'a console id: 1 to 128 letters, digits or ._:-'),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash: 64 lowercase hex digits'),
});
export type AuditHeadReport = z.output<typeof auditHeadReportSchema>;

export const MAX_AUDIT_PAGE_API = 1000;
export const auditQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE_API).default(200),
});
