/**
 * What a case view shows: the aggregate, its order, the timeline of both from the event log,
 * the ledger movements of the order, and this console's decisions waiting for the hub.
 * Every query goes by primary key or an index on the case's own ids.
 */
import type { SqlRunner } from '../../core/db/sqlite.js';
import { disputeShape, orderShape, riskFlagShape, selectList } from '../../core/ledger/rows.js';
import type { MovementRow, PendingDecision, TimelineEntry } from '../../shared/api/console.js';
import type { DisputeDetail, OrderDetail, RiskDetail } from '../../shared/api/views.js';
import type { CommandAnswer } from '../../shared/api/hub.js';
import type { Currency } from '../../shared/money.js';

/** Most timeline entries, movements and related orders one view shows. */
const MAX_ROWS = 200;

export type { DisputeDetail, OrderDetail, RiskDetail };

async function one<T>(db: SqlRunner, shape: { fromRow(r: Record<string, unknown>): T }, sql: string, id: string): Promise<T | null> {
  const row = await db.get<Record<string, unknown>>(sql, [id]);
  return row ? shape.fromRow(row) : null;
}

const ORDER_COLUMNS = selectList(orderShape, true);

async function timeline(db: SqlRunner, aggregates: ReadonlyArray<[string, string]>): Promise<TimelineEntry[]> {
  const clauses = aggregates.map(() => '(kind = ? AND aggregate_id = ?)').join(' OR ');
  const rows = await db.all<{ seq: number; at: number; type: string; body: string }>(
    `SELECT seq, at, type, body FROM events WHERE ${clauses} ORDER BY seq LIMIT ${MAX_ROWS}`,
    aggregates.flat(),
  );
  return rows.map((r) => {
    const body = JSON.parse(r.body) as { actor: unknown; data: unknown };
    return { seq: r.seq, at: r.at, type: r.type, actor: body.actor, data: body.data };
  });
}

async function movements(db: SqlRunner, orderId: string): Promise<MovementRow[]> {
  const rows = await db.all<Record<string, unknown>>(
    `SELECT id, kind, code, debit_account_id, credit_account_id, CAST(amount AS TEXT) AS amount, currency, at FROM transfers WHERE order_id = ? ORDER BY seq LIMIT ${MAX_ROWS}`,
    [orderId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: String(r.kind),
    code: String(r.code),
    debitAccountId: String(r.debit_account_id),
    creditAccountId: String(r.credit_account_id),
    amount: BigInt(String(r.amount)),
    currency: r.currency as Currency,
    at: Number(r.at),
  }));
}

async function pendingOn(db: SqlRunner, ids: readonly string[]): Promise<PendingDecision[]> {
  const rows = await db.all<{ id: string; type: string; aggregate_id: string; created_at: number; status: PendingDecision['status']; answer: string | null }>(
    `SELECT id, type, aggregate_id, created_at, status, answer FROM outbox WHERE aggregate_id IN (${ids.map(() => '?').join(', ')}) ORDER BY seq DESC LIMIT 50`,
    [...ids],
  );
  return rows.map((r) => {
    const answer = r.answer ? (JSON.parse(r.answer) as CommandAnswer) : null;
    const rejected = answer?.status === 'rejected' ? answer : null;
    return { id: r.id, type: r.type, aggregateId: r.aggregate_id, createdAt: r.created_at, status: r.status, code: rejected?.code ?? null, message: rejected?.message ?? null };
  });
}

export async function orderDetail(db: SqlRunner, orderId: string): Promise<OrderDetail | null> {
  const order = await one(db, orderShape, `SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id = ?`, orderId);
  if (!order) return null;
  return { order, timeline: await timeline(db, [['order', orderId]]), movements: await movements(db, orderId), pending: await pendingOn(db, [orderId]) };
}

export async function disputeDetail(db: SqlRunner, disputeId: string): Promise<DisputeDetail | null> {
  const dispute = await one(db, disputeShape, `SELECT ${selectList(disputeShape, true)} FROM disputes WHERE dispute_id = ?`, disputeId);
  if (!dispute) return null;
  const base = await orderDetail(db, dispute.orderId);
  if (!base) return null;
  return {
    ...base,
    dispute,
    timeline: await timeline(db, [['dispute', disputeId], ['order', dispute.orderId]]),
    pending: await pendingOn(db, [disputeId, dispute.orderId]),
  };
}

export async function riskDetail(db: SqlRunner, orderId: string): Promise<RiskDetail | null> {
  const flag = await one(db, riskFlagShape, `SELECT ${selectList(riskFlagShape, true)} FROM risk_flags WHERE order_id = ?`, orderId);
  if (!flag) return null;
  const base = await orderDetail(db, orderId);
  if (!base) return null;
  const recent = (column: 'buyer_id' | 'merchant_id', id: string) =>
    db.all<Record<string, unknown>>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE ${column} = ? ORDER BY paid_at DESC LIMIT 20`, [id]);
  const disputes = await db.get<{ n: number }>('SELECT count(*) AS n FROM disputes WHERE buyer_id = ?', [flag.buyerId]);
  return {
    ...base,
    flag,
    timeline: await timeline(db, [['risk', orderId], ['order', orderId]]),
    buyerOrders: (await recent('buyer_id', flag.buyerId)).map(orderShape.fromRow),
    merchantOrders: (await recent('merchant_id', flag.merchantId)).map(orderShape.fromRow),
    buyerDisputes: disputes?.n ?? 0,
  };
}
