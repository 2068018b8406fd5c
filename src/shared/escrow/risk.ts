/**
 * Risk review: flags the hub raises at intake on risky paid orders (their holds frozen until a
 * risk officer reviews them), the officers' decisions, and the allow and block lists.
 */
import { z } from 'zod';
import { ROLES } from '../roles.js';
import type { Currency } from '../money.js';
import type { StaffRef } from './dispute.js';
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

// ---------------------------------------------------------------------------------------------
// State (folded by src/core/riskreview; answered by `risk.get` and `risk.lists`)

export interface RiskFinding {
  rule: string;
  points: number;
  reason: string;
}

/** The risk flag of one order (its id is the order's). */
export interface RiskFlagState {
  orderId: string;
  version: number;
  buyerId: string;
  merchantId: string;
  amount: bigint;
  currency: Currency;
  score: number;
  level: 'normal' | 'elevated' | 'highest';
  findings: RiskFinding[];
  status: RiskFlagStatus;
  flaggedAt: number;
  reviewedBy: StaffRef | null;
  reviewedAt: number | null;
  note: string | null;
}

export interface RiskListEntryState {
  entryId: string;
  version: number;
  list: RiskList;
  entityType: ListEntityType;
  value: string;
  reason: string;
  expiresAt: number | null;
  active: boolean;
  addedBy: StaffRef;
  addedAt: number;
  removedAt: number | null;
}

// ---------------------------------------------------------------------------------------------
// Backtest report (computed by src/core/risk/backtest.ts; answered by `risk.backtest`)

export interface Ratio {
  numerator: number;
  denominator: number;
}

export interface RuleBacktest {
  /** Orders the rule gave points to. */
  fired: number;
  /** Orders that reached the elevated level (or above) with points from this rule. */
  flagged: number;
  /** Flagged orders later disputed or refunded as fraud. */
  laterDisputedOrFraud: number;
  /** laterDisputedOrFraud / flagged. */
  precision: Ratio;
}

export interface Tally {
  orders: number;
  laterDisputedOrFraud: number;
}

/**
 * Keyed by rule name, level and decision: core narrows the keys to its rule names, levels and
 * decisions (src/core/risk/types.ts); a reader of the wire takes them as strings.
 */
export interface BacktestReport<Rule extends string = string, Level extends string = string, Decision extends string = string> {
  /** paidAt of the first and last order; null for an empty history. */
  period: { from: number; to: number } | null;
  total: Tally;
  rules: Record<Rule, RuleBacktest>;
  levels: Record<Level, Tally>;
  decisions: Record<Decision, Tally>;
  /** Orders whose score the allow list lowered. */
  allowListLowered: number;
}
