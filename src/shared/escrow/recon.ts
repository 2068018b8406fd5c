/**
 * Reconciliation days: finance resolves the exceptions of one day of a settlement account
 * (`trade`: the Alipay trade bill; `bank`: bank statements) and closes the day. A day is
 * closed only when every exception the console found is resolved; a closed day changes only by
 * an explicit, audited reopening.
 */
import { z } from 'zod';
import { ROLES } from '../roles.js';
import type { Currency } from '../money.js';
import type { StaffRef } from './dispute.js';
import { amountSchema, currencySchema, externalIdSchema, shortTextSchema, textSchema, uuidSchema } from '../schemas.js';

/** The statement formats the console imports. */
export const STATEMENT_FORMATS = ['alipay', 'csv', 'mt940', 'camt053'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

export const RECON_KINDS = ['trade', 'bank'] as const;
export type ReconKind = (typeof RECON_KINDS)[number];

export const EXCEPTION_CATEGORIES = ['amount_mismatch', 'currency_mismatch', 'duplicate', 'unknown_in_statement', 'missing_in_statement'] as const;
export type ExceptionCategory = (typeof EXCEPTION_CATEGORIES)[number];

export const RESOLUTION_KINDS = ['force_match', 'write_off', 'ignore', 'reissue_payout'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

/**
 * Reconciliation days, and the overview's day figures, are calendar days in China Standard Time
 * (UTC+8 all year, no daylight saving).
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Days since 1970-01-01 in China Standard Time (the `day` column of `day_figures`). */
export function chinaDayNumber(at: number): number {
  return Math.floor((at + CHINA_OFFSET_MS) / DAY_MS);
}

/** YYYY-MM-DD of a China day number. */
export function chinaDayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The reconciliation day of an instant, YYYY-MM-DD. */
export function reconDay(at: number): string {
  return chinaDayText(chinaDayNumber(at));
}

/** The instant a reconciliation day starts. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS;
}

/** `trade.2026-11-11`, `bank.2026-11-11`. */
export const reconDayIdSchema = z.string().regex(/^(trade|bank)\.\d{4}-\d{2}-\d{2}$/, 'a day is kind.YYYY-MM-DD, e.g. trade.2026-11-11');
const exceptionKeySchema = z.string().min(1).max(300);
const staffRefSchema = z.strictObject({ id: externalIdSchema, name: shortTextSchema.optional(), role: z.enum(ROLES) });

export const reconCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('recon.resolve'),
    dayId: reconDayIdSchema,
    data: z.strictObject({
      exceptionKey: exceptionKeySchema,
      category: z.enum(EXCEPTION_CATEGORIES),
      resolution: z.enum(RESOLUTION_KINDS),
      reason: textSchema(200, 1),
      /** write_off: the signed amount written off (positive: the statement shows more than expected). */
      amount: z.union([amountSchema, z.string().regex(/^-[1-9][0-9]{0,17}$/).transform((t) => BigInt(t))]).optional(),
      currency: currencySchema.optional(),
      /** reissue_payout: the failed payout, and the id of the new one. */
      payoutId: uuidSchema.optional(),
      newPayoutId: uuidSchema.optional(),
    }),
  }),
  z.strictObject({ type: z.literal('recon.approve_write_off'), dayId: reconDayIdSchema, data: z.strictObject({ exceptionKey: exceptionKeySchema }) }),
  z.strictObject({
    type: z.literal('recon.close'),
    dayId: reconDayIdSchema,
    data: z.strictObject({
      /** Every exception of the day as the console found it: each must be resolved. */
      exceptionKeys: z.array(exceptionKeySchema).max(100_000),
      matched: z.number().int().min(0),
    }),
  }),
  z.strictObject({ type: z.literal('recon.reopen'), dayId: reconDayIdSchema, data: z.strictObject({ reason: textSchema(200, 1) }) }),
]);
export type ReconCommand = z.output<typeof reconCommandSchema>;

const resolutionFields = {
  exceptionKey: exceptionKeySchema,
  category: z.enum(EXCEPTION_CATEGORIES),
  resolution: z.enum(RESOLUTION_KINDS),
  reason: textSchema(200, 1),
  amount: z.union([amountSchema, z.string().regex(/^-[1-9][0-9]{0,17}$/).transform((t) => BigInt(t))]).optional(),
  currency: currencySchema.optional(),
  payoutId: uuidSchema.optional(),
  newPayoutId: uuidSchema.optional(),
  by: staffRefSchema,
};

export const reconEventDataSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('recon.exception_resolved'), data: z.strictObject(resolutionFields) }),
  z.strictObject({ type: z.literal('recon.write_off_proposed'), data: z.strictObject(resolutionFields) }),
  z.strictObject({ type: z.literal('recon.write_off_approved'), data: z.strictObject({ exceptionKey: exceptionKeySchema, by: staffRefSchema }) }),
  z.strictObject({ type: z.literal('recon.day_closed'), data: z.strictObject({ exceptions: z.number().int().min(0), matched: z.number().int().min(0), by: staffRefSchema }) }),
  z.strictObject({ type: z.literal('recon.day_reopened'), data: z.strictObject({ reason: textSchema(200, 1), by: staffRefSchema }) }),
]);
export type ReconEventData = z.output<typeof reconEventDataSchema>;

// ---------------------------------------------------------------------------------------------
// State (folded by src/core/recondays)

/** What finance decided about one exception of a day (src/core/recondays/day.ts `Resolution`). */
export interface ReconResolution {
  category: string;
  resolution: ResolutionKind;
  reason: string;
  amount: bigint | null;
  currency: Currency | null;
  status: 'resolved' | 'proposed';
  by: StaffRef;
}
