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
const compactFormat = cached((language) => new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }));
const decimalFormat = cached((language) => new Intl.NumberFormat(language, { maximumFractionDigits: 2 }));
// A calendar day is formatted at UTC midnight in UTC: its own date, whatever the zone.
const monthDayFormat = cached((language) => new Intl.DateTimeFormat(language, { timeZone: 'UTC', month: 'short', day: 'numeric' }));
const relativeFormat = cached((language) => new Intl.RelativeTimeFormat(language, { numeric: 'auto' }));
const byteFormat = cached((language) => new Intl.NumberFormat(language, { style: 'unit', unit: 'byte', unitDisplay: 'short' }));
const kilobyteFormat = cached((language) => new Intl.NumberFormat(language, { style: 'unit', unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 1 }));
const megabyteFormat = cached((language) => new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 }));

export function dateTime(ms: number, language: Language): string {
  return dateTimeFormat(language).format(ms);
}

export function date(ms: number, language: Language): string {
  return dateFormat(language).format(ms);
}

export function count(n: number, language: Language): string {
  return countFormat(language).format(n);
}

/** "12.3K", "1.2万": an axis tick. */
export function compact(n: number, language: Language): string {
  return compactFormat(language).format(n);
}

/** A ratio or a rate, to two decimals at most. */
export function decimal(n: number, language: Language): string {
  return decimalFormat(language).format(n);
}

/** A calendar day (YYYY-MM-DD) as month and day, as the language writes them ("Mar 4", "3月4日"). */
export function monthDay(day: string, language: Language): string {
  return monthDayFormat(language).format(Date.parse(`${day}T00:00:00Z`));
}

/** A file size: "512 byte", "12.3 kB", "4.1 MB" (binary multiples, as file managers count). */
export function bytes(size: number, language: Language): string {
  if (size < 1024) return byteFormat(language).format(size);
  if (size < 1024 * 1024) return kilobyteFormat(language).format(size / 1024);
  return megabyteFormat(language).format(size / (1024 * 1024));
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
