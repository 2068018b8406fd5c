/** Small pure helpers of the merchant screens: rates as exact text, masked accounts, China-time deadlines. */
import type { Translate } from '../../i18n/i18n.js';
import type { MerchantsKey } from './messages.js';

/**
 * A percentage typed by a reviewer ("10", "2.5", "0.25") as integer basis points, read from
 * the digits (never through a float). Null when it is not 0..100 with at most two decimals.
 */
export function percentToBps(text: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const bps = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bps <= 10_000 ? bps : null;
}

/** 250 → "2.5", 1000 → "10", 5 → "0.05". */
export function bpsToPercent(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const fraction = String(bps % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** Only the last four digits of a card; an IBAN's country and last four. */
export function maskAccount(kind: 'card' | 'iban', number: string): string {
  const compact = number.replace(/\s+/g, '');
  return kind === 'card' ? `•••• ${compact.slice(-4)}` : `${compact.slice(0, 2)}•• •••• ${compact.slice(-4)}`;
}

/** China Standard Time has no daylight saving: a datetime-local value read as UTC+8. */
export function chinaLocalToEpoch(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}:00+08:00`);
  return Number.isFinite(ms) ? ms : null;
}

/** The datetime-local value (China time) of an instant. */
export function epochToChinaLocal(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);
}

const DOCUMENT_KINDS = ['business_licence', 'legal_rep_id_front', 'legal_rep_id_back', 'bank_account_permit', 'id_card_front', 'id_card_back', 'bank_card'] as const;

/** A document kind (a file-name stem) in the reviewer's language; unknown kinds as they are. */
export function documentKind(kind: string, t: Translate<MerchantsKey>): string {
  return (DOCUMENT_KINDS as readonly string[]).includes(kind) ? t(`doc_${kind as (typeof DOCUMENT_KINDS)[number]}`) : kind;
}

/** An application field path ("uscc", "documents.business_licence") as the reviewer reads it. */
export function fieldLabel(field: string, t: Translate<MerchantsKey>): string {
  if (field === 'uscc' || field === 'legalName' || field === 'bankAccount.number') return t(`field_${field}`);
  if (field.startsWith('documents.')) return t('field_document', { kind: documentKind(field.slice('documents.'.length), t) });
  return field;
}

export function tierLabel(tier: string, t: Translate<MerchantsKey>): string {
  return tier === 'standard' || tier === 'silver' || tier === 'gold' ? t(`tier_${tier}`) : tier;
}
