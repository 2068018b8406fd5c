/**
 * Merchant onboarding (KYB applications), the merchants it activates, and payouts of their
 * available balances to their bank accounts.
 */
import { z } from 'zod';
import { ROLES } from '../roles.js';
import { amountSchema, bpsSchema, currencySchema, epochMsSchema, externalIdSchema, shortTextSchema, textSchema, uuidSchema } from '../schemas.js';
import { merchantApplicationSchema } from './records.js';
import type { Currency } from '../money.js';
import type { StaffRef } from './dispute.js';

export const APPLICATION_STATUSES = ['submitted', 'information_requested', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const MERCHANT_TIERS = ['standard', 'silver', 'gold'] as const;
export const PAYOUT_SCHEDULES = ['daily', 'weekly', 'manual'] as const;
export type PayoutSchedule = (typeof PAYOUT_SCHEDULES)[number];

export const REJECTION_REASONS = ['invalid_identity', 'failed_screening', 'prohibited_category', 'incomplete', 'duplicate', 'other'] as const;

export const PAYOUT_STATUSES = ['pending', 'in_transit', 'paid', 'failed', 'canceled'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

const staffRefSchema = z.strictObject({ id: externalIdSchema, name: shortTextSchema.optional(), role: z.enum(ROLES) });

// ---------------------------------------------------------------------------------------------
// Commands

export const merchantCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('application.approve'),
    applicationId: externalIdSchema,
    data: z.strictObject({ tier: z.enum(MERCHANT_TIERS), payoutSchedule: z.enum(PAYOUT_SCHEDULES), reserveBps: bpsSchema, note: shortTextSchema.optional() }),
  }),
  z.strictObject({
    type: z.literal('application.reject'),
    applicationId: externalIdSchema,
    data: z.strictObject({ reasonCode: z.enum(REJECTION_REASONS), note: shortTextSchema.optional() }),
  }),
  z.strictObject({
    type: z.literal('application.request_info'),
    applicationId: externalIdSchema,
    data: z.strictObject({ requirements: z.array(shortTextSchema).min(1).max(20), deadlineAt: epochMsSchema, note: shortTextSchema.optional() }),
  }),
  z.strictObject({ type: z.literal('merchant.suspend'), merchantId: externalIdSchema, data: z.strictObject({ reason: textSchema(200, 1) }) }),
  z.strictObject({ type: z.literal('merchant.reactivate'), merchantId: externalIdSchema, data: z.strictObject({ note: textSchema(200, 1) }) }),
  z.strictObject({
    type: z.literal('payout.create'),
    payoutId: uuidSchema,
    /** Without an amount the whole available balance is paid out. */
    data: z.strictObject({ merchantId: externalIdSchema, currency: currencySchema, amount: amountSchema.optional() }),
  }),
  z.strictObject({ type: z.literal('payout.send'), payoutId: uuidSchema, data: z.strictObject({}) }),
  z.strictObject({ type: z.literal('payout.cancel'), payoutId: uuidSchema, data: z.strictObject({ reason: textSchema(200, 1) }) }),
  /** Pays a failed payout again, as a new payout (`newPayoutId`); the failed one records it. */
  z.strictObject({ type: z.literal('payout.reissue'), payoutId: uuidSchema, data: z.strictObject({ newPayoutId: uuidSchema, reason: textSchema(200, 1) }) }),
]);
export type MerchantCommand = z.output<typeof merchantCommandSchema>;

// ---------------------------------------------------------------------------------------------
// Events

export const applicationEventDataSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('application.received'), data: merchantApplicationSchema }),
  z.strictObject({
    type: z.literal('application.info_requested'),
    data: z.strictObject({ requirements: z.array(shortTextSchema).max(20), deadlineAt: epochMsSchema, note: shortTextSchema.optional(), by: staffRefSchema }),
  }),
  z.strictObject({
    type: z.literal('application.approved'),
    data: z.strictObject({ tier: z.enum(MERCHANT_TIERS), payoutSchedule: z.enum(PAYOUT_SCHEDULES), reserveBps: bpsSchema, note: shortTextSchema.optional(), by: staffRefSchema }),
  }),
  z.strictObject({ type: z.literal('application.rejected'), data: z.strictObject({ reasonCode: z.enum(REJECTION_REASONS), note: shortTextSchema.optional(), by: staffRefSchema }) }),
]);
export type ApplicationEventData = z.output<typeof applicationEventDataSchema>;

export const merchantEventDataSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('merchant.activated'),
    data: z.strictObject({
      applicationId: externalIdSchema,
      legalName: textSchema(200, 1),
      tier: z.enum(MERCHANT_TIERS),
      payoutSchedule: z.enum(PAYOUT_SCHEDULES),
      reserveBps: bpsSchema,
      bankAccount: z.strictObject({ kind: z.enum(['card', 'iban']), number: textSchema(40, 8) }),
    }),
  }),
  z.strictObject({ type: z.literal('merchant.suspended'), data: z.strictObject({ reason: textSchema(200, 1), by: staffRefSchema }) }),
  z.strictObject({ type: z.literal('merchant.reactivated'), data: z.strictObject({ note: textSchema(200, 1), by: staffRefSchema }) }),
]);
export type MerchantEventData = z.output<typeof merchantEventDataSchema>;

export const payoutEventDataSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('payout.created'),
    data: z.strictObject({ merchantId: externalIdSchema, currency: currencySchema, amount: amountSchema, reissueOf: uuidSchema.optional(), by: staffRefSchema }),
  }),
  z.strictObject({ type: z.literal('payout.sent'), data: z.strictObject({ by: staffRefSchema }) }),
  z.strictObject({ type: z.literal('payout.paid'), data: z.strictObject({ bankReference: shortTextSchema.optional() }) }),
  z.strictObject({ type: z.literal('payout.failed'), data: z.strictObject({ failureReason: shortTextSchema.optional() }) }),
  z.strictObject({ type: z.literal('payout.canceled'), data: z.strictObject({ reason: textSchema(200, 1), by: staffRefSchema }) }),
  z.strictObject({ type: z.literal('payout.reissued'), data: z.strictObject({ newPayoutId: uuidSchema, reason: textSchema(200, 1), by: staffRefSchema }) }),
]);
export type PayoutEventData = z.output<typeof payoutEventDataSchema>;

// ---------------------------------------------------------------------------------------------
// States (folded by src/core/merchants; answered by the merchant and payout methods)

/** A merchant application as the event log holds it (the parsed form: amounts are bigint). */
export type MerchantApplication = z.output<typeof merchantApplicationSchema>;

export interface ApplicationState {
  applicationId: string;
  version: number;
  merchantId: string;
  status: ApplicationStatus;
  application: MerchantApplication;
  receivedAt: number;
  /** Requirements asked of the merchant and their deadline, while information is requested. */
  requested: { requirements: string[]; deadlineAt: number } | null;
  decidedBy: StaffRef | null;
  decidedAt: number | null;
  decision: string | null;
}

export interface MerchantState {
  merchantId: string;
  version: number;
  status: 'active' | 'suspended';
  applicationId: string;
  legalName: string;
  tier: string;
  payoutSchedule: PayoutSchedule;
  reserveBps: number;
  bankAccount: { kind: 'card' | 'iban'; number: string };
  activatedAt: number;
  suspendedReason: string | null;
}

export interface PayoutState {
  payoutId: string;
  version: number;
  merchantId: string;
  currency: Currency;
  amount: bigint;
  status: PayoutStatus;
  /** The pending transfer holding the money until the bank confirms; null once resolved. */
  holdTransferId: string | null;
  createdAt: number;
  sentAt: number | null;
  settledAt: number | null;
  failureReason: string | null;
  reissueOf: string | null;
  /** The payout that paid this failed one again. */
  reissuedAs: string | null;
}
