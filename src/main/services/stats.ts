/**
 * The counts an operations lead checks each morning, from the local replica: every count is
 * answered from an index (a GROUP BY over a small table, or a partial index of frozen holds).
 */
import type { SqlRunner } from '../../core/db/sqlite.js';
import { disputeCounts } from './queues.js';

export interface MorningStats {
  at: number;
  disputes: { by_status: Record<string, number>; open: number; overdue: number };
  risk_flags: { by_level_unreviewed: Record<string, number>; unreviewed: number; by_status: Record<string, number> };
  holds_frozen: { by_dispute: number; by_risk: number };
  applications: { by_status: Record<string, number>; waiting: number };
  payouts: { by_status: Record<string, number> };
}

function tally(rows: ReadonlyArray<{ key: string; n: number }>): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

export async function morningStats(db: SqlRunner, now: number): Promise<MorningStats> {
  const disputes = await disputeCounts(db, now);
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
    disputes: { by_status: disputes.byStatus, open: disputes.open, overdue: disputes.overdue },
    risk_flags: { by_level_unreviewed: levels, unreviewed: Object.values(levels).reduce((a, b) => a + b, 0), by_status: tally(byStatus) },
    holds_frozen: { by_dispute: frozen?.dispute ?? 0, by_risk: frozen?.risk ?? 0 },
    applications: { by_status: applications, waiting: (applications.submitted ?? 0) + (applications.information_requested ?? 0) },
    payouts: { by_status: payouts },
  };
}
