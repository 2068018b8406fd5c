/**
 * Amount fields: exact decimal text → bigint minor units through src/shared/money.ts (never a
 * float), with the refusal said in the staff member's language.
 */
import { exponentOf, parseAmount, type Currency } from '../../../../shared/money.js';
import type { Translate } from '../../i18n/i18n.js';
import type { MessageKey } from './messages.js';

export type Parsed = { ok: true; value: bigint } | { ok: false; message: string };

export function parseMinor(text: string, currency: Currency, t: Translate<MessageKey>): Parsed {
  const result = parseAmount(text, currency);
  if (result.ok) return result;
  const digits = exponentOf(currency);
  if (result.error === 'too_many_decimals') return { ok: false, message: digits === 0 ? t('amt_no_decimals', { currency }) : t('amt_too_many_decimals', { currency, digits }) };
  return { ok: false, message: t(`amt_${result.error}`) };
}

/** A positive amount no more than `held`; `lessThanHeld` refuses the whole amount too (a partial refund). */
export function parseShare(text: string, currency: Currency, held: bigint, t: Translate<MessageKey>, heldText: string, lessThanHeld = false): Parsed {
  const parsed = parseMinor(text, currency, t);
  if (!parsed.ok) return parsed;
  if (parsed.value <= 0n) return { ok: false, message: t('amtZero') };
  if (parsed.value > held) return { ok: false, message: t('amtExceedsHeld', { held: heldText }) };
  if (lessThanHeld && parsed.value === held) return { ok: false, message: t('amtEqualsHeld') };
  return parsed;
}
