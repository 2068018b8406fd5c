/**
 * The overview's day figures: one row per calendar day in China Standard Time, in one
 * currency, read from `day_figures` (console migration 0006), which triggers keep up to date in
 * the transaction that applies each batch of events. A range of up to 366 days is a seek on
 * the table's primary key (currency, day): a few hundred rows whatever the size of the ledger.
 */
import type { SqlRunner } from '../../core/db/sqlite.js';
import type { DayFigures } from '../../shared/api/console.js';
import { chinaDayNumber, chinaDayText } from '../../shared/escrow/recon.js';
import type { Currency } from '../../shared/money.js';

const COLUMNS = ['paid', 'released', 'refunded', 'fees', 'payouts_paid'] as const;

/** One currency's days from `day` to `day` (inclusive): a seek on the primary key. */
export const SERIES_SQL = `SELECT day, ${COLUMNS.map((c) => `CAST(${c} AS TEXT) AS ${c}`).join(', ')}, orders, disputes_opened, flags_raised
     FROM day_figures WHERE currency = ? AND day >= ? AND day <= ? ORDER BY day`;

/**
 * Every day touched by [from, to) (`to` exclusive), oldest first, with zeros for days without
 * activity, so a chart has one point per day.
 */
export async function daySeries(db: SqlRunner, from: number, to: number, currency: Currency): Promise<DayFigures[]> {
  const first = chinaDayNumber(from);
  const last = chinaDayNumber(to - 1);
  const rows = await db.all<Record<string, unknown>>(SERIES_SQL, [currency, first, last]);
  const byDay = new Map(rows.map((r) => [Number(r.day), r]));
  const days: DayFigures[] = [];
  for (let day = first; day <= last; day += 1) {
    const r = byDay.get(day);
    const amount = (column: (typeof COLUMNS)[number]) => (r ? BigInt(String(r[column])) : 0n);
    days.push({
      day: chinaDayText(day),
      paid: amount('paid'),
      released: amount('released'),
      refunded: amount('refunded'),
      fees: amount('fees'),
      orders: r ? Number(r.orders) : 0,
      disputesOpened: r ? Number(r.disputes_opened) : 0,
      flagsRaised: r ? Number(r.flags_raised) : 0,
      payoutsPaid: amount('payouts_paid'),
    });
  }
  return days;
}
