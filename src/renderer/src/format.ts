/**
 * Amounts, dates and numbers as the staff member's language writes them. Times are shown in
 * China Standard Time, the marketplace's (and the reconciliation days') time zone.
 */
import type { Language } from '../../shared/api/console.js';
import { formatMoney, type Currency } from '../../shared/money.js';

export const TIME_ZONE = 'Asia/Shanghai';

export function money(minor: bigint, currency: Currency, language: Language): string {
  return formatMoney(minor, currency, language);
}

export function dateTime(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function date(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { timeZone: TIME_ZONE, dateStyle: 'medium' }).format(ms);
}

export function count(n: number, language: Language): string {
  return new Intl.NumberFormat(language).format(n);
}

/** "in 3 h", "2 d ago": how far a deadline is. */
export function relative(ms: number, now: number, language: Language): string {
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const minutes = Math.round((ms - now) / 60_000);
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return rtf.format(hours, 'hour');
  return rtf.format(Math.round(hours / 24), 'day');
}
