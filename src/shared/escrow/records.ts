/**
 * What the marketplace and the bank hand us besides orders: merchant applications (the
 * application aggregate), the bank's payout confirmations (decided on the payout), and bank
 * statement lines, recorded as they arrive for reconciliation.
 */
import { z } from 'zod';
import {
  amountSchema,
  currencySchema,
  epochMsSchema,
  externalIdSchema,
  longTextSchema,
  shortTextSchema,
  signedAmountSchema,
  textSchema,
} from '../schemas.js';

export const documentRefSchema = z.strictObject({
  name: shortTextSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits'),
  size: z.number().int().min(1).max(20 * 1024 * 1024),
  mime: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
});

export const merchantApplicationSchema = z.strictObject({
  applicationId: externalIdSchema,
  merchantId: externalIdSchema,
  legalName: textSchema(200, 1),
  entityType: z.enum(['individual', 'company']),
  segment: z.enum(['c2c', 'b2c', 'b2b']),
  /** Unified social credit code; companies only. */
  uscc: textSchema(18).optional(),
  legalRepresentative: textSchema(100, 1),
  bankAccount: z.strictObject({ kind: z.enum(['card', 'iban']), number: textSchema(40, 8) }),
  category: shortTextSchema,
  expectedMonthlyVolume: amountSchema,
  currency: currencySchema,
  documents: z.array(documentRefSchema).max(20),
});

export const statementLineSchema = z.strictObject({
  lineId: externalIdSchema,
  accountRef: shortTextSchema,
  bookedAt: epochMsSchema,
  amount: signedAmountSchema,
  currency: currencySchema,
  reference: shortTextSchema,
  counterparty: shortTextSchema.optional(),
  description: longTextSchema.optional(),
});

export const payoutConfirmationSchema = z.strictObject({
  payoutId: externalIdSchema,
  status: z.enum(['paid', 'failed']),
  bankReference: shortTextSchema.optional(),
  failureReason: shortTextSchema.optional(),
});

export const recordEventDataSchema = z.discriminatedUnion('type', [z.strictObject({ type: z.literal('statement.line_received'), data: statementLineSchema })]);

export type RecordEventData = z.output<typeof recordEventDataSchema>;
export type RecordEventType = RecordEventData['type'];
export const RECORD_EVENT_TYPES: ReadonlySet<string> = new Set(recordEventDataSchema.options.map((o) => o.shape.type.value));
