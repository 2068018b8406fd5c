/**
 * Building blocks for the schemas of every boundary (IPC, HTTP, files). Amounts accept a
 * bigint (in-process, structured clone) or a decimal string of minor units (JSON wire format);
 * both come out as bigint. Numbers are refused for amounts: a JSON number can be a float.
 */
import { z } from 'zod';
import { CURRENCIES, MAX_AMOUNT_MINOR, type Currency } from './money.js';

export const currencySchema = z.enum(CURRENCIES as [Currency, ...Currency[]]);

/**
 * Minor units from the wire (a string of digits, optionally signed) or in-process (bigint).
 * One clear message for every other shape: a JSON number is refused because it may be a float.
 */
function minorUnits(signed: boolean) {
  const pattern = signed ? /^-?(0|[1-9][0-9]{0,19})$/ : /^(0|[1-9][0-9]{0,19})$/;
  return z.custom<bigint | string>().transform((value, ctx): bigint => {
    if (typeof value === 'bigint') return value;
    if (typeof value === 'string' && pattern.test(value)) return BigInt(value);
    ctx.addIssue({
      code: 'custom',
      message: `amount must be a string of minor-unit digits${signed ? ', optionally negative' : ''}, e.g. "1230" for 12.30 (got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 30)) : typeof value})`,
    });
    return z.NEVER;
  });
}

const withinMaximum = (min: bigint) =>
  z.bigint().min(min, min === 0n ? 'amount must not be negative' : 'amount exceeds the maximum').max(MAX_AMOUNT_MINOR, `amount exceeds the maximum ${MAX_AMOUNT_MINOR} minor units`);

/** A non-negative amount in minor units, at most MAX_AMOUNT_MINOR. */
export const amountSchema = minorUnits(false).pipe(withinMaximum(0n));

export const positiveAmountSchema = amountSchema.pipe(z.bigint().min(1n, 'amount must be positive'));

/** Identifiers that come from the marketplace (order, buyer, merchant numbers). */
export const externalIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'identifier may contain letters, digits and _ . -');

/** Our own 128-bit, time-ordered ids. */
export const uuidSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'must be a lowercase UUID');

/**
 * A hub's address: an http(s) URL of at most 300 characters. The settings (file and
 * `settings.set`) and every command line that takes `--hub` check it with this; the messages
 * read after "must be" in a command-line error.
 */
export const hubUrlSchema = z
  .url({ protocol: /^https?$/, error: 'an http(s) URL such as http://127.0.0.1:8787' })
  .max(300, 'an http(s) URL of at most 300 characters');

/** Basis points: whole numbers 0..10000. */
export const bpsSchema = z.number().int().min(0).max(10_000);

/** Milliseconds since the epoch, within a sane range (2000-01-01 .. 2200-01-01). */
export const epochMsSchema = z.number().int().min(946_684_800_000).max(7_258_118_400_000);

/** Free text: no NUL and no lone UTF-16 surrogate (PostgreSQL refuses both; nobody types them). */
export function textSchema(max: number, min = 0) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine((text) => !text.includes('\u0000'), 'text must not contain NUL characters')
    .refine((text) => !LONE_SURROGATE.test(text), 'text must be well-formed Unicode');
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const shortTextSchema = textSchema(200);
export const longTextSchema = textSchema(4000);

/** A signed amount in minor units (statement lines: refunds and fees are negative). */
export const signedAmountSchema = minorUnits(true).pipe(withinMaximum(-MAX_AMOUNT_MINOR));
