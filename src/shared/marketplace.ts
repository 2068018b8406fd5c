/**
 * What the marketplace sends the hub (POST /v1/marketplace/events): orders paid, shipped and
 * confirmed by buyers, buyers' disputes and refund requests, merchant applications, bank
 * statement lines and the bank's payout confirmations. Each carries the marketplace's own
 * event id, which makes a retried delivery harmless.
 */
import { z } from 'zod';
import { attachmentRefSchema } from './escrow/dispute.js';
import { DISPUTE_KINDS, DISPUTE_REASONS, orderPayFields, SHIPPING_METHODS } from './escrow/order.js';
import { merchantApplicationSchema, payoutConfirmationSchema, statementLineSchema } from './escrow/records.js';
import {
  currencySchema,
  externalIdSchema,
  longTextSchema,
  positiveAmountSchema,
  shortTextSchema,
} from './schemas.js';

/** Most events one intake request may carry. */
export const MAX_INTAKE_BATCH = 1000;

const eventId = { id: externalIdSchema };

export const marketplaceEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...eventId,
    type: z.literal('order.paid'),
    orderId: externalIdSchema,
    ...orderPayFields,
  }),
  z.strictObject({ ...eventId, type: z.literal('order.shipped'), orderId: externalIdSchema, method: z.enum(SHIPPING_METHODS), trackingNo: shortTextSchema.optional() }),
  z.strictObject({ ...eventId, type: z.literal('order.confirmed'), orderId: externalIdSchema }),
  z.strictObject({ ...eventId, type: z.literal('order.extension_requested'), orderId: externalIdSchema }),
  z.strictObject({
    ...eventId,
    type: z.literal('dispute.opened'),
    orderId: externalIdSchema,
    disputeId: externalIdSchema,
    kind: z.enum(DISPUTE_KINDS),
    reason: z.enum(DISPUTE_REASONS),
    claimedAmount: positiveAmountSchema,
    currency: currencySchema,
    message: longTextSchema.optional(),
  }),
  z.strictObject({ ...eventId, type: z.literal('dispute.withdrawn'), orderId: externalIdSchema, disputeId: externalIdSchema }),
  z.strictObject({
    ...eventId,
    type: z.literal('dispute.message'),
    orderId: externalIdSchema,
    disputeId: externalIdSchema,
    from: z.enum(['buyer', 'merchant']),
    text: longTextSchema,
    trackingNo: shortTextSchema.optional(),
    attachments: z.array(attachmentRefSchema).max(10).optional(),
  }),
  z.strictObject({ ...eventId, type: z.literal('merchant.applied'), application: merchantApplicationSchema }),
  z.strictObject({ ...eventId, type: z.literal('bank.statement_line'), line: statementLineSchema }),
  z.strictObject({ ...eventId, type: z.literal('payout.confirmed'), confirmation: payoutConfirmationSchema }),
]);

export type MarketplaceEvent = z.output<typeof marketplaceEventSchema>;

export const intakeRequestSchema = z.strictObject({
  events: z.array(marketplaceEventSchema).min(1).max(MAX_INTAKE_BATCH),
});
