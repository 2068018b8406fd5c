/**
 * New high-priority cases among the events a sync just applied, for the desktop notification:
 * disputes that claim an unauthorized payment or an amount large enough to need a second
 * approver, and risk flags at the highest level. Read by sequence range on the event log's
 * primary key, so a check costs what the new events cost, never a scan of the log.
 */
import type { SqlRunner } from '../../core/db/sqlite.js';
import { needsFourEyes, type EscrowConfig } from '../../core/escrow/config.js';
import { isCurrency } from '../../shared/money.js';

/** Most new events one check reads: a burst larger than this is a catch-up, not news. */
export const MAX_ALERT_EVENTS = 2000;

export interface NewCases {
  /** High-priority disputes opened, by id (first few). */
  disputes: string[];
  disputeCount: number;
  /** Highest-level risk flags raised, by order id (first few). */
  flags: string[];
  flagCount: number;
}

const SHOWN = 3;

interface AlertRow {
  type: 'dispute.opened' | 'risk.flagged';
  aggregate_id: string;
  reason: string | null;
  claimed: string | null;
  currency: string | null;
  level: string | null;
}

/**
 * The new events of the two alerting types. `+type` keeps SQLite off the index `events_type_at
 * (type, at)`: through it, a check would read every event of those types ever applied and sort
 * them; by the primary key it reads only the range just synced, already in order.
 * Parameters: after seq, up to seq, limit.
 */
export const NEW_CASES_SQL = `SELECT type, aggregate_id, body ->> '$.data.reason' AS reason, body ->> '$.data.claimedAmount' AS claimed,
            body ->> '$.data.currency' AS currency, body ->> '$.data.level' AS level
       FROM events WHERE seq > ? AND seq <= ? AND +type IN ('dispute.opened', 'risk.flagged') ORDER BY seq LIMIT ?`;

export async function newHighPriorityCases(db: SqlRunner, afterSeq: number, uptoSeq: number, config: EscrowConfig): Promise<NewCases> {
  const rows = await db.all<AlertRow>(NEW_CASES_SQL, [afterSeq, Math.min(uptoSeq, afterSeq + MAX_ALERT_EVENTS), MAX_ALERT_EVENTS]);
  const found: NewCases = { disputes: [], disputeCount: 0, flags: [], flagCount: 0 };
  for (const row of rows) {
    if (row.type === 'risk.flagged' && row.level === 'highest') {
      found.flagCount += 1;
      if (found.flags.length < SHOWN) found.flags.push(row.aggregate_id);
    } else if (row.type === 'dispute.opened' && isHighPriorityDispute(row, config)) {
      found.disputeCount += 1;
      if (found.disputes.length < SHOWN) found.disputes.push(row.aggregate_id);
    }
  }
  return found;
}

function isHighPriorityDispute(row: AlertRow, config: EscrowConfig): boolean {
  if (row.reason === 'unauthorized') return true;
  if (!row.currency || !isCurrency(row.currency) || row.claimed === null || !/^[0-9]{1,30}$/.test(row.claimed)) return false;
  return needsFourEyes(config, row.currency, BigInt(row.claimed));
}
