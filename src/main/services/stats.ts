/**
 * The counts an operations lead checks each morning, from the local replica: every count is
 * answered from an index (a GROUP BY over a small table, or a partial index of frozen holds).
 */
import type { SqlRunner } from '../../core/db/sqlite.js';
import type { MorningStats } from '../../shared/api/views.js';
import { chinaDayText } from '../../shared/escrow/recon.js';
import { disputeCounts } from './queues.js';

export type { MorningStats };

/** A dispute whose deadline is this close is "due soon" on the overview. */
export const DUE_SOON_MS = 24 * 3_600_000;

/** Most open reconciliation days counted (a backlog beyond this is a problem of its own). */
const MAX_OPEN_DAYS = 400;

async function openExceptions(db: SqlRunner): Promise<MorningStats['reconciliation']> {
  const days = await db.all<{ day_id: string; resolutions: string | null }>(
    `SELECT r.day_id, d.resolutions FROM recon_results r LEFT JOIN recon_days d ON d.day_id = r.day_id
     WHERE coalesce(d.closed, 0) = 0 AND r.exceptions > 0 LIMIT ${MAX_OPEN_DAYS}`,
  );
  const byCategory: Record<string, number> = {};
  const byDay: Record<string, number> = {};
  for (const day of days) {
    const date = day.day_id.slice(day.day_id.indexOf('.') + 1);
    const resolutions = JSON.parse(day.resolutions ?? '{}') as Record<string, { status: string }>;
    for (const e of await db.all<{ key: string; category: string }>('SELECT key, category FROM recon_exceptions WHERE day_id = ?', [day.day_id])) {
      if (resolutions[e.key]?.status === 'resolved') continue;
      byCategory[e.category] = (byCategory[e.category] ?? 0) + 1;
      byDay[date] = (byDay[date] ?? 0) + 1;
    }
  }
  return { open_exceptions_by_category: byCategory, open_days: days.length, open_exceptions_by_day: byDay };
}

/** One row per currency and active day (a few thousand rows in years): a scan of it is cheap. */
async function lastPaidDays(db: SqlRunner): Promise<Record<string, string>> {
  const rows = await db.all<{ currency: string; day: number }>('SELECT currency, max(day) AS day FROM day_figures WHERE orders > 0 GROUP BY currency');
  return Object.fromEntries(rows.map((r) => [r.currency, chinaDayText(r.day)]));
}

function tally(rows: ReadonlyArray<{ key: string; n: number }>): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

export async function morningStats(db: SqlRunner, now: number): Promise<MorningStats> {
  const disputes = await disputeCounts(db, now);
  const dueSoon = await db.get<{ n: number }>('SELECT count(*) AS n FROM disputes WHERE deadline_at >= ? AND deadline_at < ?', [now, now + DUE_SOON_MS]);
  const byLevel = await db.all<{ key: string; n: number }>("SELECT level AS key, count(*) AS n FROM risk_flags WHERE status IN ('open', 'kept') GROUP BY level");
  const byStatus = await db.all<{ key: string; n: number }>('SELECT status AS key, count(*) AS n FROM risk_flags GROUP BY status');
  const frozen = await db.get<{ dispute: number; risk: number }>(
    'SELECT (SELECT count(*) FROM orders WHERE dispute_id IS NOT NULL) AS dispute, (SELECT count(*) FROM orders WHERE risk_hold_reason IS NOT NULL) AS risk',
  );
  const levels = tally(byLevel);
  const applications = tally(await db.all<{ key: string; n: number }>('SELECT status AS key, count(*) AS n FROM applications GROUP BY status'));
  const payouts = tally(await db.all<{ key: string; n: number }>('SELECT status AS key, count(*) AS n FROM payouts GROUP BY status'));
  return {
    at: now,
    disputes: { by_status: disputes.byStatus, open: disputes.open, overdue: disputes.overdue, due_soon: dueSoon?.n ?? 0 },
    risk_flags: { by_level_unreviewed: levels, unreviewed: Object.values(levels).reduce((a, b) => a + b, 0), by_status: tally(byStatus) },
    holds_frozen: { by_dispute: frozen?.dispute ?? 0, by_risk: frozen?.risk ?? 0 },
    applications: { by_status: applications, waiting: (applications.submitted ?? 0) + (applications.information_requested ?? 0) },
    payouts: { by_status: payouts },
    last_paid_day: await lastPaidDays(db),
    reconciliation: await openExceptions(db),
  };
}
