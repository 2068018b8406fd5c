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

/**
 * One formatter per language and style: building an Intl formatter costs far more than using
 * one, and a queue page or a chart formats hundreds of values (the UI bench's profile showed it).
 */
function cached<F>(make: (language: Language) => F): (language: Language) => F {
  const made = new Map<Language, F>();
  return (language) => {
    let formatter = made.get(language);
    if (!formatter) {
      formatter = make(language);
      made.set(language, formatter);
    }
    return formatter;
  };
}

const dateTimeFormat = cached((language) => new Intl.DateTimeFormat(language, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }));
const dateFormat = cached((language) => new Intl.DateTimeFormat(language, { timeZone: TIME_ZONE, dateStyle: 'medium' }));
const countFormat = cached((language) => new Intl.NumberFormat(language));
const relativeFormat = cached((language) => new Intl.RelativeTimeFormat(language, { numeric: 'auto' }));

export function dateTime(ms: number, language: Language): string {
  return dateTimeFormat(language).format(ms);
}

export function date(ms: number, language: Language): string {
  return dateFormat(language).format(ms);
}

export function count(n: number, language: Language): string {
  return countFormat(language).format(n);
}

/** "in 3 h", "2 d ago": how far a deadline is. */
export function relative(ms: number, now: number, language: Language): string {
  const rtf = relativeFormat(language);
  const minutes = Math.round((ms - now) / 60_000);
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return rtf.format(hours, 'hour');
  return rtf.format(Math.round(hours / 24), 'day');
}
