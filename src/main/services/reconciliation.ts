/**
 * Reconciliation on the console, fully offline: for one day of a settlement account, what the
 * ledger expects the statement to show (payments and refunds on the Alipay trade bill; payouts
 * on the bank statement) matched against the statement lines imported here. The results are
 * kept per day; finance resolves the exceptions and closes the day with commands.
 */
import { insertJsonRows, type SqlRunner } from '../../core/db/sqlite.js';
import { DEFAULT_MATCH_CONFIG, matchDay, type ExpectedItem, type ReconException, type StatementLineLike } from '../../core/reconciliation/index.js';
import { DAY_MS } from '../../core/escrow/config.js';
import { reconDayShape, selectList } from '../../core/ledger/rows.js';
import type { Resolution } from '../../core/recondays/day.js';
import { EXCEPTION_CATEGORIES, type ReconKind } from '../../shared/escrow/recon.js';
import type { Currency } from '../../shared/money.js';
import type { ConsoleStore } from '../store/console-store.js';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
/** Most expected items or lines one day may hold; a larger day is refused, not truncated. */
const MAX_DAY_ROWS = 2_000_000;

/** The instant a reconciliation day (China Standard Time) starts. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS;
}

async function tradeExpectations(db: SqlRunner, from: number, to: number): Promise<ExpectedItem[]> {
  const paid = await db.all<{ order_id: string; amount: string; currency: Currency; paid_at: number }>(
    `SELECT order_id, CAST(amount AS TEXT) AS amount, currency, paid_at FROM orders WHERE paid_at >= ? AND paid_at < ? LIMIT ${MAX_DAY_ROWS}`,
    [from, to],
  );
  const refunds = await db.all<{ id: string; aggregate_id: string; type: string; body: string; at: number }>(
    `SELECT id, aggregate_id, type, body, at FROM events WHERE type IN ('order.refunded', 'order.released') AND at >= ? AND at < ? LIMIT ${MAX_DAY_ROWS}`,
    [from, to],
  );
  const currencies = new Map<string, Currency>();
  const items: ExpectedItem[] = paid.map((o) => {
    currencies.set(o.order_id, o.currency);
    return { key: `order:${o.order_id}:paid`, kind: 'payment', reference: o.order_id, amount: BigInt(o.amount), currency: o.currency, at: o.paid_at };
  });
  for (const e of refunds) {
    const data = (JSON.parse(e.body) as { data: { amount?: string; returned?: string } }).data;
    const amount = BigInt(e.type === 'order.refunded' ? (data.amount ?? '0') : (data.returned ?? '0'));
    if (amount === 0n) continue;
    const currency = currencies.get(e.aggregate_id) ?? ((await db.get<{ currency: Currency }>('SELECT currency FROM orders WHERE order_id = ?', [e.aggregate_id]))?.currency ?? 'CNY');
    items.push({ key: `order:${e.aggregate_id}:refund:${e.id}`, kind: 'refund', reference: e.aggregate_id, amount: -amount, currency, at: e.at });
  }
  return items;
}

async function bankExpectations(db: SqlRunner, from: number, to: number): Promise<ExpectedItem[]> {
  // Payouts the bank was asked to make that day (failed ones too: the statement will not show
  // them, and finance pays them again from the exception).
  const payouts = await db.all<{ payout_id: string; amount: string; currency: Currency; sent_at: number }>(
    `SELECT payout_id, CAST(amount AS TEXT) AS amount, currency, sent_at FROM payouts
     WHERE sent_at >= ? AND sent_at < ? AND status IN ('in_transit', 'paid', 'failed') LIMIT ${MAX_DAY_ROWS}`,
    [from, to],
  );
  return payouts.map((p) => ({ key: `payout:${p.payout_id}`, kind: 'payout', reference: p.payout_id, amount: -BigInt(p.amount), currency: p.currency, at: p.sent_at }));
}

async function dayLines(db: SqlRunner, kind: ReconKind, day: string): Promise<StatementLineLike[]> {
  const rows = await db.all<{ id: number; raw_hash: string; booked_at: number; amount: string; currency: Currency; reference: string }>(
    `SELECT id, raw_hash, booked_at, CAST(amount AS TEXT) AS amount, currency, reference FROM statement_lines WHERE kind = ? AND day = ? LIMIT ${MAX_DAY_ROWS}`,
    [kind, day],
  );
  // Lines of several files are numbered by their row id, unique across files.
  return rows.map((r) => ({ lineNo: r.id, rawHash: r.raw_hash, bookedAt: r.booked_at, amount: BigInt(r.amount), currency: r.currency, reference: r.reference }));
}

export interface DayResult {
  dayId: string;
  expected: number;
  lines: number;
  matched: number;
  exceptions: ReconException[];
}

/** Matches one day and keeps the result, replacing the previous one. */
export async function reconcileDay(store: ConsoleStore, kind: ReconKind, day: string, now: number): Promise<DayResult> {
  const db = store.ledger.db.read;
  const from = dayStart(day);
  const expected = kind === 'trade' ? await tradeExpectations(db, from, from + DAY_MS) : await bankExpectations(db, from, from + DAY_MS);
  const lines = await dayLines(db, kind, day);
  const result = matchDay({ expected, lines, config: DEFAULT_MATCH_CONFIG });
  const dayId = `${kind}.${day}`;
  await store.ledger.db.transaction(async (tx) => {
    await tx.run('DELETE FROM recon_exceptions WHERE day_id = ?', [dayId]);
    await insertJsonRows(
      tx,
      'recon_exceptions',
      ['day_id', 'key', 'category', 'item_key', 'line_id', 'currency', 'expected_amount', 'statement_amount', 'difference', 'reference', 'detail'],
      result.exceptions.map((e) => [dayId, e.key, e.category, e.itemKey ?? null, e.lineNo ?? null, e.currency, e.expectedAmount ?? null, e.statementAmount ?? null, e.difference ?? null, e.reference ?? null, e.detail]),
    );
    await tx.run(
      `INSERT INTO recon_results (day_id, expected, lines, matched, exceptions, computed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (day_id) DO UPDATE SET expected = excluded.expected, lines = excluded.lines, matched = excluded.matched, exceptions = excluded.exceptions, computed_at = excluded.computed_at`,
      [dayId, expected.length, lines.length, result.matches.length, result.exceptions.length, now],
    );
  });
  return { dayId, expected: expected.length, lines: lines.length, matched: result.matches.length, exceptions: result.exceptions };
}

/** Reconciles the days a statement import touched; returns the summary of all of them. */
export async function reconcileDays(store: ConsoleStore, kind: ReconKind, days: readonly string[], now = Date.now()): Promise<{ matched: number; exceptions: Record<string, number> }> {
  const exceptions: Record<string, number> = Object.fromEntries(EXCEPTION_CATEGORIES.map((c) => [c, 0]));
  let matched = 0;
  for (const day of days) {
    const result = await reconcileDay(store, kind, day, now);
    matched += result.matched;
    for (const e of result.exceptions) exceptions[e.category] += 1;
  }
  return { matched, exceptions };
}

export interface ExceptionView {
  key: string;
  category: string;
  itemKey: string | null;
  currency: Currency;
  expectedAmount: bigint | null;
  statementAmount: bigint | null;
  difference: bigint | null;
  reference: string | null;
  detail: string;
  resolution: Resolution | null;
  pendingSync: boolean;
}

/** A day's exceptions with what finance decided about each (accepted by the hub or still queued). */
export async function dayExceptions(db: SqlRunner, dayId: string): Promise<{ closed: boolean; matched: number; exceptions: ExceptionView[] }> {
  const dayRow = await db.get<Record<string, unknown>>(`SELECT ${selectList(reconDayShape, true)} FROM recon_days WHERE day_id = ?`, [dayId]);
  const day = dayRow ? reconDayShape.fromRow(dayRow) : null;
  const result = await db.get<{ matched: number }>('SELECT matched FROM recon_results WHERE day_id = ?', [dayId]);
  const pending = new Set(
    (await db.all<{ request: string }>("SELECT request FROM outbox WHERE aggregate_id = ? AND status = 'pending'", [dayId])).map(
      (r) => (JSON.parse(r.request) as { command: { data: { exceptionKey?: string } } }).command.data.exceptionKey,
    ),
  );
  const rows = await db.all<Record<string, unknown>>(
    `SELECT key, category, item_key, currency, CAST(expected_amount AS TEXT) AS expected_amount, CAST(statement_amount AS TEXT) AS statement_amount,
            CAST(difference AS TEXT) AS difference, reference, detail FROM recon_exceptions WHERE day_id = ? ORDER BY category, key LIMIT 10000`,
    [dayId],
  );
  const big = (v: unknown) => (v === null || v === undefined ? null : BigInt(String(v)));
  return {
    closed: day?.closed ?? false,
    matched: result?.matched ?? 0,
    exceptions: rows.map((r) => ({
      key: String(r.key),
      category: String(r.category),
      itemKey: r.item_key === null ? null : String(r.item_key),
      currency: r.currency as Currency,
      expectedAmount: big(r.expected_amount),
      statementAmount: big(r.statement_amount),
      difference: big(r.difference),
      reference: r.reference === null ? null : String(r.reference),
      detail: String(r.detail),
      resolution: day?.resolutions[String(r.key)] ?? null,
      pendingSync: pending.has(String(r.key)),
    })),
  };
}
