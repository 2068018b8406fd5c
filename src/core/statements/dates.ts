/**
 * Calendar text to epoch milliseconds, strictly: every field is range-checked (Date.UTC would
 * quietly turn 2026-02-30 into March 2nd), and a time without a zone is read at the offset the
 * format prescribes.
 */

export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY-MM-DD HH:mm:ss', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYYMMDD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** China Standard Time, the zone of every time in an Alipay bill. */
export const CHINA_OFFSET_MINUTES = 8 * 60;

const MINUTE = 60_000;

interface CalendarTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/** The instant of a calendar time read at `offsetMinutes` east of UTC; undefined if no such time. */
export function instantOf(time: CalendarTime, offsetMinutes = 0): number | undefined {
  const { year, month, day, hour = 0, minute = 0, second = 0, millisecond = 0 } = time;
  if (year < 1970 || year > 2199 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * MINUTE;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

const FORMAT_PATTERNS: Record<DateFormat, { pattern: RegExp; fields: (keyof CalendarTime)[] }> = {
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, fields: ['year', 'month', 'day'] },
  'YYYY-MM-DD HH:mm:ss': {
    pattern: /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/,
    fields: ['year', 'month', 'day', 'hour', 'minute', 'second'],
  },
  'DD/MM/YYYY': { pattern: /^(\d{2})\/(\d{2})\/(\d{4})$/, fields: ['day', 'month', 'year'] },
  'MM/DD/YYYY': { pattern: /^(\d{2})\/(\d{2})\/(\d{4})$/, fields: ['month', 'day', 'year'] },
  YYYYMMDD: { pattern: /^(\d{4})(\d{2})(\d{2})$/, fields: ['year', 'month', 'day'] },
};

/** Text in one of the mapping date formats; undefined when it does not match or is no date. */
export function parseDateText(text: string, format: DateFormat, offsetMinutes: number): number | undefined {
  const { pattern, fields } = FORMAT_PATTERNS[format];
  const match = pattern.exec(text);
  if (!match) return undefined;
  const time: CalendarTime = { year: 0, month: 0, day: 0 };
  fields.forEach((field, index) => {
    time[field] = Number(match[index + 1]);
  });
  return instantOf(time, offsetMinutes);
}

/** `+08:00`, `-05:30` or `Z` to minutes east of UTC; undefined when malformed. */
export function parseUtcOffset(text: string): number | undefined {
  if (text === 'Z') return 0;
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 14 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * ISO 8601 as XML Schema writes it: `2026-11-11` (UTC midnight) or `2026-11-11T10:00:00`,
 * with optional fraction and offset; a date-time without offset is read as UTC.
 */
export function parseIsoDateTime(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  if (!match) return undefined;
  const offset = match[8] === undefined ? 0 : parseUtcOffset(match[8]);
  if (offset === undefined) return undefined;
  return instantOf(
    {
      year: Number(match[1]),
      month: Number(match[2]),
      day: Number(match[3]),
      hour: Number(match[4] ?? 0),
      minute: Number(match[5] ?? 0),
      second: Number(match[6] ?? 0),
      millisecond: Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3)),
    },
    offset,
  );
}
