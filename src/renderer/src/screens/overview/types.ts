export const RANGES = [7, 30, 90] as const;
export type RangeDays = (typeof RANGES)[number];

const DAY_MS = 86_400_000;
/** China Standard Time: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** YYYY-MM-DD of an instant in China Standard Time. */
export function chinaDay(at: number): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China day starts. */
export function chinaDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS;
}

/** The last `days` China days up to and including the day of `now`: [from, to). */
export function rangeEndingOn(now: number, days: number): { from: number; to: number } {
  const to = chinaDayStart(chinaDay(now)) + DAY_MS;
  return { from: to - days * DAY_MS, to };
}

/** The shortest range that reaches back to `day` from `today` (null: none of them does). */
export function rangeReaching(day: string, today: string): RangeDays | null {
  return RANGES.find((days) => ageInDays(day, today) < days) ?? null;
}

/** Whole days from a statement day to today (China days). */
function ageInDays(day: string, today: string): number {
  return Math.round((chinaDayStart(today) - chinaDayStart(day)) / DAY_MS);
}

export const AGE_BUCKETS = [
  { key: 'age_0', from: 0 },
  { key: 'age_2', from: 2 },
  { key: 'age_4', from: 4 },
  { key: 'age_8', from: 8 },
  { key: 'age_15', from: 15 },
] as const;

/** Open exceptions per age bucket (a day "in the future" of the clock counts as today). */
export function agingBuckets(byDay: Record<string, number>, today: string): Array<{ key: (typeof AGE_BUCKETS)[number]['key']; open: number }> {
  const out = AGE_BUCKETS.map((b) => ({ key: b.key, open: 0 }));
  for (const [day, open] of Object.entries(byDay)) {
    const age = Math.max(0, ageInDays(day, today));
    let index = 0;
    AGE_BUCKETS.forEach((b, i) => {
      if (age >= b.from) index = i;
    });
    out[index].open += open;
  }
  return out;
}
