/**
 * Risk review: flags the hub raises at intake on risky paid orders (their holds frozen until a
 * risk officer reviews them), the officers' decisions, and the allow and block lists.
 */
import { z } from 'zod';
import { ROLES } from '../roles.js';
import { amountSchema, currencySchema, epochMsSchema, externalIdSchema, shortTextSchema, textSchema, uuidSchema } from '../schemas.js';

export const RISK_LISTS = ['block', 'allow'] as const;
export type RiskList = (typeof RISK_LISTS)[number];

/**
 * What a list entry names. Orders are matched on buyer, merchant, device and address (in that
 * order of precedence); legal names screen merchant applications (fuzzy, see src/core/kyb).
 */
export const LIST_ENTITY_TYPES = ['buyer', 'merchant', 'device', 'address', 'name'] as const;
export type ListEntityType = (typeof LIST_ENTITY_TYPES)[number];

export const RISK_FLAG_STATUSES = ['open', 'kept', 'cleared', 'fraud'] as const;
export type RiskFlagStatus = (typeof RISK_FLAG_STATUSES)[number];

export const RISK_LEVEL_NAMES = ['normal', 'elevated', 'highest'] as const;

const staffRefSchema = z.strictObject({ id: externalIdSchema, name: shortTextSchema.optional(), role: z.enum(ROLES) });

// ---------------------------------------------------------------------------------------------
// Commands (staff)

export const riskCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('risk.clear'), orderId: externalIdSchema, data: z.strictObject({ note: shortTextSchema.optional() }) }),
  z.strictObject({ type: z.literal('risk.keep'), orderId: externalIdSchema, data: z.strictObject({ note: textSchema(200, 1) }) }),
  z.strictObject({ type: z.literal('risk.refund_fraud'), orderId: externalIdSchema, data: z.strictObject({ note: textSchema(200, 1) }) }),
  z.strictObject({
    type: z.literal('risk.list_add'),
    /** Client-generated id of the new entry. */
    entryId: uuidSchema,
    data: z.strictObject({
      list: z.enum(RISK_LISTS),
      entityType: z.enum(LIST_ENTITY_TYPES),
      value: textSchema(200, 1),
      reason: textSchema(200, 1),
      expiresAt: epochMsSchema.nullable(),
    }),
  }),
  z.strictObject({ type: z.literal('risk.list_remove'), entryId: uuidSchema, data: z.strictObject({ reason: textSchema(200, 1) }) }),
]);
export type RiskCommand = z.output<typeof riskCommandSchema>;

// ---------------------------------------------------------------------------------------------
// Events

export const riskFindingSchema = z.strictObject({ rule: shortTextSchema, points: z.number().int().min(0).max(100), reason: textSchema(500) });

export const riskEventDataSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('risk.flagged'),
    data: z.strictObject({
      buyerId: externalIdSchema,
      merchantId: externalIdSchema,
      amount: amountSchema,
      currency: currencySchema,
      score: z.number().int().min(0).max(100),
      level: z.enum(RISK_LEVEL_NAMES),
      findings: z.array(riskFindingSchema).max(20),
    }),
  }),
  z.strictObject({ type: z.literal('risk.cleared'), data: z.strictObject({ by: staffRefSchema, note: shortTextSchema.optional() }) }),
  z.strictObject({ type: z.literal('risk.kept'), data: z.strictObject({ by: staffRefSchema, note: shortTextSchema }) }),
  z.strictObject({
    type: z.literal('risk.fraud_refunded'),
    data: z.strictObject({ by: staffRefSchema, note: shortTextSchema, buyerId: externalIdSchema, merchantId: externalIdSchema }),
  }),
]);
export type RiskEventData = z.output<typeof riskEventDataSchema>;

export const riskListEventDataSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('risklist.entry_added'),
    data: z.strictObject({
      list: z.enum(RISK_LISTS),
      entityType: z.enum(LIST_ENTITY_TYPES),
      value: textSchema(200, 1),
      reason: textSchema(200, 1),
      expiresAt: epochMsSchema.nullable(),
      by: staffRefSchema,
    }),
  }),
  z.strictObject({ type: z.literal('risklist.entry_removed'), data: z.strictObject({ reason: textSchema(200, 1), by: staffRefSchema }) }),
]);
export type RiskListEventData = z.output<typeof riskListEventDataSchema>;
