/**
 * The work queues of the console, on the local replica: disputes by SLA deadline (overdue
 * first) with filters, and risk flags by score. Every query walks an index in its sort order
 * and stops at the page size (keyset pagination): none scans the orders table.
 */
import type { SqlRunner, SqlValue } from '../../core/db/sqlite.js';
import type { DisputeQueueQuery, DisputeRow, Page, RiskRow } from '../../shared/api/console.js';
import type { DisputeStatus } from '../../shared/escrow/dispute.js';
import type { RiskFlagStatus } from '../../shared/escrow/risk.js';
import type { Currency } from '../../shared/money.js';

/** The pending-sync count of each aggregate: decisions queued here, not yet answered. */
const PENDING = "(SELECT count(*) FROM outbox o WHERE o.aggregate_id = {id} AND o.status = 'pending')";

function cursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function readCursor(text: string | undefined, arity: number): Array<string | number> | null {
  if (!text) return null;
  try {
    const values = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) return values;
  } catch {
    // a cursor that does not decode starts from the beginning
  }
  return null;
}

export async function disputeQueue(db: SqlRunner, query: DisputeQueueQuery, me: string, now: number): Promise<Page<DisputeRow>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const open = query.status === 'open';
  // Open disputes sort by deadline (overdue first) on the partial index of open deadlines;
  // closed ones by opening time, newest first.
  if (open) where.push('d.deadline_at IS NOT NULL');
  else {
    where.push('d.status = ?');
    params.push(query.status);
  }
  if (query.reason) {
    where.push('d.reason = ?');
    params.push(query.reason);
  }
  if (query.overdue !== undefined) {
    where.push(query.overdue ? 'd.deadline_at < ?' : 'd.deadline_at >= ?');
    params.push(now);
  }
  if (query.assignee === 'unassigned') where.push('d.assignee_id IS NULL');
  else if (query.assignee) {
    where.push('d.assignee_id = ?');
    params.push(query.assignee === 'me' ? me : query.assignee);
  }
  if (query.merchantId) {
    where.push('d.merchant_id = ?');
    params.push(query.merchantId);
  }
  if (query.currency !== undefined) {
    where.push('d.currency = ?');
    params.push(query.currency);
  }
  if (query.minAmount !== undefined) {
    where.push('d.claimed_amount >= ?');
    params.push(query.minAmount);
  }
  if (query.maxAmount !== undefined) {
    where.push('d.claimed_amount <= ?');
    params.push(query.maxAmount);
  }
  if (query.openedFrom !== undefined) {
    where.push('d.opened_at >= ?');
    params.push(query.openedFrom);
  }
  if (query.openedTo !== undefined) {
    where.push('d.opened_at < ?');
    params.push(query.openedTo);
  }
  const after = readCursor(query.after, 2);
  if (after) {
    where.push(open ? '(d.deadline_at, d.dispute_id) > (?, ?)' : '(d.opened_at, d.dispute_id) < (?, ?)');
    params.push(...after);
  }
  const order = open ? 'd.deadline_at, d.dispute_id' : 'd.opened_at DESC, d.dispute_id DESC';
  const rows = await db.all<Record<string, unknown>>(
    `SELECT d.dispute_id, d.order_id, d.merchant_id, d.buyer_id, d.reason, d.kind, d.status, CAST(d.claimed_amount AS TEXT) AS claimed_amount,
            CAST(d.held_at_open AS TEXT) AS held_at_open, d.currency, d.opened_at, d.deadline_at, d.assignee_id, d.assignee_name,
            d.proposal IS NOT NULL AS has_proposal, ${PENDING.replace('{id}', 'd.dispute_id')} AS pending_sync
     FROM disputes d ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`,
    [...params, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map((r): DisputeRow => ({
    disputeId: String(r.dispute_id),
    orderId: String(r.order_id),
    merchantId: String(r.merchant_id),
    buyerId: String(r.buyer_id),
    reason: String(r.reason),
    kind: String(r.kind),
    status: r.status as DisputeStatus,
    claimedAmount: BigInt(String(r.claimed_amount)),
    heldAtOpen: BigInt(String(r.held_at_open)),
    currency: r.currency as Currency,
    openedAt: Number(r.opened_at),
    deadlineAt: r.deadline_at === null ? null : Number(r.deadline_at),
    overdue: r.deadline_at !== null && Number(r.deadline_at) < now,
    assigneeId: r.assignee_id === null ? null : String(r.assignee_id),
    assigneeName: r.assignee_name === null ? null : String(r.assignee_name),
    hasProposal: Number(r.has_proposal) === 1,
    pendingSync: Number(r.pending_sync),
  }));
  const last = items[items.length - 1];
  const next = rows.length > query.limit && last ? cursor([open ? last.deadlineAt! : last.openedAt, last.disputeId]) : null;
  return { items, next };
}

export async function disputeCounts(db: SqlRunner, now: number): Promise<{ byStatus: Record<string, number>; open: number; overdue: number }> {
  const rows = await db.all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM disputes GROUP BY status');
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  const open = await db.get<{ n: number }>(`SELECT count(*) AS n FROM disputes WHERE deadline_at IS NOT NULL`);
  const overdue = await db.get<{ n: number }>('SELECT count(*) AS n FROM disputes WHERE deadline_at IS NOT NULL AND deadline_at < ?', [now]);
  return { byStatus, open: open?.n ?? 0, overdue: overdue?.n ?? 0 };
}

export async function riskQueue(db: SqlRunner, query: { level?: 'elevated' | 'highest'; status: 'unreviewed' | RiskFlagStatus; after?: string; limit: number }): Promise<Page<RiskRow>> {
  const where: string[] = [query.status === 'unreviewed' ? "f.status IN ('open', 'kept')" : 'f.status = ?'];
  const params: SqlValue[] = query.status === 'unreviewed' ? [] : [query.status];
  if (query.level) {
    where.push('f.level = ?');
    params.push(query.level);
  }
  const after = readCursor(query.after, 3);
  if (after) {
    // Highest score first, then oldest first.
    where.push('(f.score < ? OR (f.score = ? AND (f.flagged_at, f.order_id) > (?, ?)))');
    params.push(after[0], after[0], after[1], after[2]);
  }
  const rows = await db.all<Record<string, unknown>>(
    `SELECT f.order_id, f.buyer_id, f.merchant_id, CAST(f.amount AS TEXT) AS amount, f.currency, f.score, f.level, f.status, f.findings, f.flagged_at,
            ${PENDING.replace('{id}', 'f.order_id')} AS pending_sync
     FROM risk_flags f WHERE ${where.join(' AND ')} ORDER BY f.score DESC, f.flagged_at, f.order_id LIMIT ?`,
    [...params, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map((r): RiskRow => ({
    orderId: String(r.order_id),
    buyerId: String(r.buyer_id),
    merchantId: String(r.merchant_id),
    amount: BigInt(String(r.amount)),
    currency: r.currency as Currency,
    score: Number(r.score),
    level: String(r.level),
    status: r.status as RiskFlagStatus,
    rules: (JSON.parse(String(r.findings)) as Array<{ rule: string }>).map((f) => f.rule),
    flaggedAt: Number(r.flagged_at),
    pendingSync: Number(r.pending_sync),
  }));
  const last = items[items.length - 1];
  return { items, next: rows.length > query.limit && last ? cursor([last.score, last.flaggedAt, last.orderId]) : null };
}
