/**
 * The dispute aggregate: a buyer's dispute or refund request on an order, worked by support
 * agents through SLA-bound statuses to a resolution that moves the held money. Resolutions above
 * the four-eyes threshold are only proposed; a finance officer approves or declines them.
 */
import { z } from 'zod';
import { ROLES } from '../roles.js';
import {
  amountSchema,
  currencySchema,
  epochMsSchema,
  externalIdSchema,
  longTextSchema,
  positiveAmountSchema,
  shortTextSchema,
  textSchema,
  uuidSchema,
} from '../schemas.js';
import { DISPUTE_KINDS, DISPUTE_REASONS } from './order.js';
import type { DisputeKind, DisputeReason } from './order.js';
import type { Currency } from '../money.js';

export const DISPUTE_STATUSES = [
  'open',
  'awaiting_merchant',
  'awaiting_buyer',
  'under_review',
  'resolved_refund_full',
  'resolved_refund_partial',
  'resolved_release',
  'resolved_split',
  'withdrawn',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const OPEN_DISPUTE_STATUSES: readonly DisputeStatus[] = ['open', 'awaiting_merchant', 'awaiting_buyer', 'under_review'];

export const RESOLUTIONS = ['refund_full', 'refund_partial', 'release', 'split'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const RESOLVED_STATUS: Record<Resolution, DisputeStatus> = {
  refund_full: 'resolved_refund_full',
  refund_partial: 'resolved_refund_partial',
  release: 'resolved_release',
  split: 'resolved_split',
};

/** The kinds of file a party may attach: photos and PDF documents, nothing executable. */
export const ATTACHMENT_MIMES = ['image/png', 'image/jpeg', 'application/pdf'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];
/** The largest file a party may attach. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lowercase hex digits');

/** A file attached to a dispute, stored by the SHA-256 of its bytes. */
export const attachmentRefSchema = z.strictObject({
  sha256: sha256HexSchema,
  name: shortTextSchema,
  mime: z.enum(ATTACHMENT_MIMES),
  size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
});
export type AttachmentRef = z.output<typeof attachmentRefSchema>;

const staffRefSchema = z.strictObject({ id: externalIdSchema, name: shortTextSchema.optional(), role: z.enum(ROLES) });

// ---------------------------------------------------------------------------------------------
// Commands (staff)

export const disputeCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('dispute.assign'),
    disputeId: externalIdSchema,
    /** null unassigns. */
    data: z.strictObject({ assigneeId: externalIdSchema.nullable() }),
  }),
  z.strictObject({
    type: z.literal('dispute.request_info'),
    disputeId: externalIdSchema,
    data: z.strictObject({ from: z.enum(['merchant', 'buyer']), note: shortTextSchema.optional() }),
  }),
  z.strictObject({ type: z.literal('dispute.start_review'), disputeId: externalIdSchema, data: z.strictObject({}) }),
  z.strictObject({ type: z.literal('dispute.add_note'), disputeId: externalIdSchema, data: z.strictObject({ text: textSchema(4000, 1) }) }),
  z.strictObject({
    type: z.literal('dispute.resolve'),
    disputeId: externalIdSchema,
    data: z.strictObject({
      resolution: z.enum(RESOLUTIONS),
      /** refund_partial: the amount refunded; split: the buyer's share. */
      refundAmount: amountSchema.optional(),
      /** split: the merchant's share. */
      releaseAmount: amountSchema.optional(),
      currency: currencySchema,
      note: shortTextSchema.optional(),
    }),
  }),
  z.strictObject({ type: z.literal('dispute.approve'), disputeId: externalIdSchema, data: z.strictObject({ proposalId: uuidSchema, note: shortTextSchema.optional() }) }),
  z.strictObject({ type: z.literal('dispute.decline'), disputeId: externalIdSchema, data: z.strictObject({ proposalId: uuidSchema, note: shortTextSchema }) }),
]);
export type DisputeCommand = z.output<typeof disputeCommandSchema>;

// ---------------------------------------------------------------------------------------------
// Events

const movement = {
  resolution: z.enum(RESOLUTIONS),
  refundAmount: amountSchema,
  releaseAmount: amountSchema,
  note: shortTextSchema.optional(),
};

export const disputeEventDataSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('dispute.opened'),
    data: z.strictObject({
      orderId: externalIdSchema,
      buyerId: externalIdSchema,
      merchantId: externalIdSchema,
      currency: currencySchema,
      /** What was held on the order when the dispute opened. */
      heldAtOpen: positiveAmountSchema,
      kind: z.enum(DISPUTE_KINDS),
      reason: z.enum(DISPUTE_REASONS),
      claimedAmount: positiveAmountSchema,
      message: longTextSchema.optional(),
      deadlineAt: epochMsSchema,
    }),
  }),
  z.strictObject({
    type: z.literal('dispute.message_added'),
    data: z.strictObject({
      from: z.enum(['buyer', 'merchant']),
      text: longTextSchema,
      trackingNo: shortTextSchema.optional(),
      attachments: z.array(attachmentRefSchema).max(10),
    }),
  }),
  z.strictObject({
    type: z.literal('dispute.status_changed'),
    data: z.strictObject({
      status: z.enum(['awaiting_merchant', 'awaiting_buyer', 'under_review']),
      deadlineAt: epochMsSchema,
      /** What moved it: an agent, a reply that came in, or a deadline that passed. */
      cause: z.enum(['agent', 'reply', 'deadline']),
      note: shortTextSchema.optional(),
    }),
  }),
  z.strictObject({ type: z.literal('dispute.assigned'), data: z.strictObject({ assignee: staffRefSchema.nullable() }) }),
  z.strictObject({ type: z.literal('dispute.note_added'), data: z.strictObject({ text: textSchema(4000, 1) }) }),
  z.strictObject({ type: z.literal('dispute.resolution_proposed'), data: z.strictObject({ proposalId: uuidSchema, proposedBy: staffRefSchema, ...movement }) }),
  z.strictObject({ type: z.literal('dispute.proposal_declined'), data: z.strictObject({ proposalId: uuidSchema, note: shortTextSchema }) }),
  z.strictObject({
    type: z.literal('dispute.resolved'),
    data: z.strictObject({ ...movement, proposalId: uuidSchema.optional(), approvedBy: staffRefSchema.optional() }),
  }),
  z.strictObject({ type: z.literal('dispute.withdrawn'), data: z.strictObject({}) }),
]);
export type DisputeEventData = z.output<typeof disputeEventDataSchema>;

// ---------------------------------------------------------------------------------------------
// State (folded by src/core/disputes; answered by `disputes.get`)

/** A staff member as events and states name them. */
export interface StaffRef {
  id: string;
  name?: string;
  role: string;
}

export interface Proposal {
  proposalId: string;
  resolution: Resolution;
  refundAmount: bigint;
  releaseAmount: bigint;
  proposedBy: StaffRef;
  at: number;
  note?: string;
}

export interface DisputeState {
  disputeId: string;
  version: number;
  orderId: string;
  buyerId: string;
  merchantId: string;
  currency: Currency;
  heldAtOpen: bigint;
  kind: DisputeKind;
  reason: DisputeReason;
  claimedAmount: bigint;
  status: DisputeStatus;
  openedAt: number;
  /** The SLA deadline of the current status; null once closed. */
  deadlineAt: number | null;
  assignee: StaffRef | null;
  proposal: Proposal | null;
  refundAmount: bigint;
  releaseAmount: bigint;
  messages: number;
  lastMessageAt: number | null;
  updatedAt: number;
}
