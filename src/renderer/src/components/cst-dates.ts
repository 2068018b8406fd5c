/**
 * Calendar days as the marketplace counts them (China Standard Time, UTC+8, no daylight
 * saving) ↔ epoch milliseconds, for the date filters.
 */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Start of `YYYY-MM-DD` in China Standard Time; null when the text is not a date. */
export function cstDayStart(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - CST_OFFSET_MS;
  return Number.isFinite(ms) ? ms : null;
}

/** Start of the day after `YYYY-MM-DD` (an exclusive upper bound that includes the day). */
export function cstDayEnd(day: string): number | null {
  const start = cstDayStart(day);
  return start === null ? null : start + DAY_MS;
}

/** The API's range of instants (epochMsSchema: 2000-01-01 .. 2200-01-01). */
export const EARLIEST_MS = 946_684_800_000;
export const LATEST_MS = 7_258_118_400_000;
