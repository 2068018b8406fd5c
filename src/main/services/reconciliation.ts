/**
 * Reconciliation on the console, fully offline: for one day of a settlement account, what the
 * ledger expects the statement to show (payments and refunds on the Alipay trade bill; payouts
 * on the bank statement) matched against the statement lines imported here. The results are
 * kept per day; finance resolves the exceptions and closes the day with commands.
 */
import { createHash } from 'node:crypto';
import { insertJsonRows, type SqlRunner } from '../../core/db/sqlite.js';
import { DEFAULT_MATCH_CONFIG, matchDay, normaliseReference, type ExpectedItem, type ReconException, type StatementLineLike } from '../../core/reconciliation/index.js';
import { DAY_MS } from '../../core/escrow/config.js';
import { reconDayShape, selectList } from '../../core/ledger/rows.js';
import type { ReconDayState } from '../../core/recondays/day.js';
import type { DaySummary, DayView, ExceptionView, ReconcileSummary } from '../../shared/api/views.js';
import { dayStart, EXCEPTION_CATEGORIES, reconDay, type ExceptionCategory, type ReconKind } from '../../shared/escrow/recon.js';
import type { Currency } from '../../shared/money.js';
import type { ConsoleStore } from '../store/console-store.js';

export type { DaySummary, ExceptionView, ReconcileSummary };

/** Most expected items or lines one day may hold; a larger day is refused, not truncated. */
const MAX_DAY_ROWS = 2_000_000;

/**
 * The day's lookups that SQLite, without statistics (nothing runs ANALYZE), would answer from a
 * less selective index (payouts by status, records by kind: everything ever received): the
 * index made for them is named. Parameters: from, to, limit.
 */
export const RECON_DAY_QUERIES = {
  payoutsSent: `SELECT payout_id, CAST(amount AS TEXT) AS amount, currency, sent_at FROM payouts INDEXED BY payouts_sent_at
     WHERE sent_at >= ? AND sent_at < ? AND status IN ('in_transit', 'paid', 'failed') LIMIT ?`,
  relayedLines: `SELECT e.seq, a.state FROM aggregates a INDEXED BY relayed_statement_lines
       JOIN events e ON e.kind = 'record' AND e.aggregate_id = a.id AND e.version = 1
     WHERE a.kind = 'record' AND a.type = 'statement.line_received'
       AND CAST(json_extract(a.state, '$.bookedAt') AS INTEGER) >= ? AND CAST(json_extract(a.state, '$.bookedAt') AS INTEGER) < ?
     LIMIT ?`,
  /** The latest relayed line booked before an instant: one seek per day lists the feed's days. Parameter: before. */
  latestRelayedBefore: `SELECT CAST(json_extract(state, '$.bookedAt') AS INTEGER) AS booked_at FROM aggregates INDEXED BY relayed_statement_lines
     WHERE kind = 'record' AND type = 'statement.line_received' AND CAST(json_extract(state, '$.bookedAt') AS INTEGER) < ?
     ORDER BY CAST(json_extract(state, '$.bookedAt') AS INTEGER) DESC LIMIT 1`,
} as const;

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
  // The clearing house settles each payment to the platform's account the next day (T+1).
  const collected = await db.all<{ order_id: string; amount: string; currency: Currency; paid_at: number }>(
    `SELECT order_id, CAST(amount AS TEXT) AS amount, currency, paid_at FROM orders WHERE paid_at >= ? AND paid_at < ? LIMIT ${MAX_DAY_ROWS}`,
    [from - DAY_MS, to - DAY_MS],
  );
  // Payouts the bank was asked to make that day (failed ones too: the statement will not show
  // them, and finance pays them again from the exception).
  const payouts = await db.all<{ payout_id: string; amount: string; currency: Currency; sent_at: number }>(RECON_DAY_QUERIES.payoutsSent, [from, to, MAX_DAY_ROWS]);
  return [
    ...collected.map((o): ExpectedItem => ({ key: `order:${o.order_id}:collected`, kind: 'payment', reference: o.order_id, amount: BigInt(o.amount), currency: o.currency, at: o.paid_at })),
    ...payouts.map((p): ExpectedItem => ({ key: `payout:${p.payout_id}`, kind: 'payout', reference: p.payout_id, amount: -BigInt(p.amount), currency: p.currency, at: p.sent_at })),
  ];
}

/**
 * Lines relayed by the hub (the bank's feed to the marketplace intake) are numbered above any
 * imported line: by their event's sequence number, which every console shares, so an
 * exception about such a line has the same key on every console.
 */
const RELAYED_LINE_BASE = 2 ** 40;

async function dayLines(db: SqlRunner, kind: ReconKind, day: string): Promise<StatementLineLike[]> {
  const rows = await db.all<{ id: number; raw_hash: string; booked_at: number; amount: string; currency: Currency; reference: string }>(
    `SELECT id, raw_hash, booked_at, CAST(amount AS TEXT) AS amount, currency, reference FROM statement_lines WHERE kind = ? AND day = ? LIMIT ${MAX_DAY_ROWS}`,
    [kind, day],
  );
  // Lines of several files are numbered by their row id, unique across files.
  const imported = rows.map((r) => ({ lineNo: r.id, rawHash: r.raw_hash, bookedAt: r.booked_at, amount: BigInt(r.amount), currency: r.currency, reference: r.reference }));
  if (kind === 'trade') return imported;
  const from = dayStart(day);
  const relayed = await db.all<{ seq: number; state: string }>(RECON_DAY_QUERIES.relayedLines, [from, from + DAY_MS, MAX_DAY_ROWS]);
  return [
    ...imported,
    ...relayed.map(({ seq, state }) => {
      const line = JSON.parse(state) as { bookedAt: number; amount: string; currency: Currency; reference: string };
      return { lineNo: RELAYED_LINE_BASE + seq, rawHash: createHash('sha256').update(state).digest('hex'), bookedAt: line.bookedAt, amount: BigInt(line.amount), currency: line.currency, reference: line.reference };
    }),
  ];
}

export interface DayResult {
  dayId: string;
  expected: number;
  lines: number;
  matched: number;
  exceptions: ReconException[];
}

/**
 * What a trade bill can show. Alipay's trade bill is in one currency (the domestic bill: CNY);
 * payments in other currencies are settled by the bank (the bank day's collections) and never
 * appear on it, so expecting them would report every one as missing. A trade day expects the
 * items in the currencies its lines are in, and any item a line names by reference: a payment
 * billed in the wrong currency is still reported as a currency mismatch.
 */
function expectedOnTheBill(expected: readonly ExpectedItem[], lines: readonly StatementLineLike[]): ExpectedItem[] {
  const currencies = new Set(lines.map((l) => l.currency));
  const references = new Set(lines.map((l) => normaliseReference(l.reference)));
  return expected.filter((item) => currencies.has(item.currency) || references.has(normaliseReference(item.reference)));
}

/** Matches one day and keeps the result, replacing the previous one. */
export async function reconcileDay(store: ConsoleStore, kind: ReconKind, day: string, now: number): Promise<DayResult> {
  const db = store.ledger.db.read;
  const from = dayStart(day);
  const lines = await dayLines(db, kind, day);
  const expected = kind === 'trade' ? expectedOnTheBill(await tradeExpectations(db, from, from + DAY_MS), lines) : await bankExpectations(db, from, from + DAY_MS);
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

/** The day's replicated state: resolutions and whether it is closed (null: nothing decided yet). */
async function loadDay(db: SqlRunner, dayId: string): Promise<ReconDayState | null> {
  const row = await db.get<Record<string, unknown>>(`SELECT ${selectList(reconDayShape, true)} FROM recon_days WHERE day_id = ?`, [dayId]);
  return row ? reconDayShape.fromRow(row) : null;
}

/** `?, ?, ...`: one bound parameter for each of a list of at most MAX_DAYS_LISTED ids. */
const placeholders = (ids: readonly string[]) => ids.map(() => '?').join(', ');

/** The replicated states of several days in one query, by id (days nothing was decided on are absent). */
async function loadDays(db: SqlRunner, dayIds: readonly string[]): Promise<Map<string, ReconDayState>> {
  if (dayIds.length === 0) return new Map();
  const rows = await db.all<Record<string, unknown>>(`SELECT ${selectList(reconDayShape, true)} FROM recon_days WHERE day_id IN (${placeholders(dayIds)})`, dayIds);
  return new Map(rows.map((row) => reconDayShape.fromRow(row)).map((day) => [day.dayId, day]));
}

/** Reconciles the days a statement import touched; returns the summary of all of them. */
export async function reconcileDays(store: ConsoleStore, kind: ReconKind, days: readonly string[], now = Date.now()): Promise<ReconcileSummary> {
  const exceptions: Record<string, number> = Object.fromEntries(EXCEPTION_CATEGORIES.map((c) => [c, 0]));
  const closed: string[] = [];
  let matched = 0;
  for (const day of days) {
    if ((await loadDay(store.ledger.db.read, `${kind}.${day}`))?.closed) {
      closed.push(`${kind}.${day}`);
      continue;
    }
    const result = await reconcileDay(store, kind, day, now);
    matched += result.matched;
    for (const e of result.exceptions) exceptions[e.category] += 1;
  }
  return { matched, exceptions, closed_days: closed };
}

/**
 * A day's exceptions with what finance decided about each: `day` is the day as it will be once
 * this console's queued decisions are accepted; those still queued are marked pendingSync.
 */
export async function dayExceptions(
  db: SqlRunner,
  dayId: string,
  day: ReconDayState | null,
): Promise<DayView> {
  const result = await db.get<{ matched: number; computed_at: number }>('SELECT matched, computed_at FROM recon_results WHERE day_id = ?', [dayId]);
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
    // null: never matched on this console (no statement of the day imported, no "match again").
    matchedAt: result?.computed_at ?? null,
    exceptions: rows.map((r) => ({
      key: String(r.key),
      category: String(r.category) as ExceptionCategory,
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

/** Most days one listing returns; older days are reached by `before`. */
const MAX_DAYS_LISTED = 400;

/**
 * The days before `before` (YYYY-MM-DD) that the bank's feed relayed by the hub has lines on,
 * newest first, at most `limit`: one index seek per day (a skip scan), never a scan of the lines.
 */
async function relayedBankDays(db: SqlRunner, before: string | undefined, limit: number): Promise<string[]> {
  const days: string[] = [];
  let bound = before ? dayStart(before) : Number.MAX_SAFE_INTEGER;
  while (days.length < limit) {
    const latest = await db.get<{ booked_at: number }>(RECON_DAY_QUERIES.latestRelayedBefore, [bound]);
    if (!latest) break;
    const day = reconDay(latest.booked_at);
    days.push(day);
    bound = dayStart(day);
  }
  return days;
}

/**
 * Days of the bank's feed this console has never matched: listed so finance finds them and
 * matches them, before any statement file of the day is imported. Their figures are unknown
 * until then (zero here; the list shows them as not matched).
 */
async function unmatchedFeedDays(db: SqlRunner, before: string | undefined, limit: number): Promise<DaySummary[]> {
  const dayIds = (await relayedBankDays(db, before, limit)).map((day) => `bank.${day}`);
  if (dayIds.length === 0) return [];
  // One query for which of them were matched, one for the states of the rest: not two per day.
  const matched = new Set((await db.all<{ day_id: string }>(`SELECT day_id FROM recon_results WHERE day_id IN (${placeholders(dayIds)})`, dayIds)).map((r) => r.day_id));
  const waiting = dayIds.filter((dayId) => !matched.has(dayId));
  const states = await loadDays(db, waiting);
  return waiting.map((dayId) => ({ dayId, expected: 0, lines: 0, matched: 0, exceptions: 0, open: 0, closed: states.get(dayId)?.closed ?? false, computedAt: null }));
}

const dateOf = (dayId: string) => dayId.slice(dayId.indexOf('.') + 1);

/** The reconciled days and the feed's days not matched yet, newest first, with how much of each is still open. */
export async function dayList(db: SqlRunner, query: { kind?: ReconKind; before?: string; limit: number }): Promise<DaySummary[]> {
  const limit = Math.min(query.limit, MAX_DAYS_LISTED);
  const matched = await matchedDays(db, query, limit);
  if (query.kind === 'trade') return matched;
  const waiting = await unmatchedFeedDays(db, query.before, limit);
  // As the listing orders them: newest date first, then by id (bank before trade).
  return [...matched, ...waiting].sort((a, b) => dateOf(b.dayId).localeCompare(dateOf(a.dayId)) || a.dayId.localeCompare(b.dayId)).slice(0, limit);
}

async function matchedDays(db: SqlRunner, query: { kind?: ReconKind; before?: string }, limit: number): Promise<DaySummary[]> {
  const where: string[] = [];
  const params: string[] = [];
  if (query.kind) {
    where.push('day_id >= ? AND day_id < ?');
    params.push(`${query.kind}.`, `${query.kind}/`);
  }
  if (query.before) {
    where.push('substr(day_id, instr(day_id, \'.\') + 1) < ?');
    params.push(query.before);
  }
  const results = await db.all<{ day_id: string; expected: number; lines: number; matched: number; exceptions: number; computed_at: number }>(
    `SELECT day_id, expected, lines, matched, exceptions, computed_at FROM recon_results ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY substr(day_id, instr(day_id, '.') + 1) DESC, day_id LIMIT ${limit}`,
    params,
  );
  const states = await loadDays(db, results.map((r) => r.day_id));
  const out: DaySummary[] = [];
  for (const r of results) {
    const day = states.get(r.day_id);
    const keys = await db.all<{ key: string }>('SELECT key FROM recon_exceptions WHERE day_id = ? LIMIT 100000', [r.day_id]);
    const open = keys.filter((k) => day?.resolutions[k.key]?.status !== 'resolved').length;
    out.push({ dayId: r.day_id, expected: r.expected, lines: r.lines, matched: r.matched, exceptions: r.exceptions, open, closed: day?.closed ?? false, computedAt: r.computed_at });
  }
  return out;
}

/** A CSV cell: quoted when it holds a delimiter, quote or line break; formula starts neutralised. */
function csvCell(value: string): string {
  // A spreadsheet would run a cell starting with = + - @ as a formula (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A day's exceptions and what was decided about each, one row per exception (amounts in minor units). */
export function exceptionsCsv(day: { closed: boolean; exceptions: readonly ExceptionView[] }): string {
  const header = ['key', 'category', 'reference', 'currency', 'expected_minor', 'statement_minor', 'difference_minor', 'resolution', 'status', 'reason', 'by', 'detail'];
  const rows = day.exceptions.map((e) =>
    [
      e.key,
      e.category,
      e.reference ?? '',
      e.currency,
      e.expectedAmount?.toString() ?? '',
      e.statementAmount?.toString() ?? '',
      e.difference?.toString() ?? '',
      e.resolution?.resolution ?? '',
      e.resolution ? (e.pendingSync ? `${e.resolution.status} (pending sync)` : e.resolution.status) : 'open',
      e.resolution?.reason ?? '',
      e.resolution?.by.name ?? e.resolution?.by.id ?? '',
      e.detail,
    ].map(csvCell),
  );
  return [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

/** Most exceptions a `recon.close` command may name (its schema's limit). */
const MAX_CLOSE_KEYS = 100_000;

/**
 * What this console's last matching of a day found, as a close names it: every exception key and
 * the number matched. null: the day was never matched here. A day with more exceptions than one
 * close may name is refused rather than closed over a truncated list.
 */
export async function dayOutcome(db: SqlRunner, dayId: string): Promise<{ matched: number; exceptionKeys: string[] } | 'too_many' | null> {
  const result = await db.get<{ matched: number }>('SELECT matched FROM recon_results WHERE day_id = ?', [dayId]);
  if (!result) return null;
  const keys = await db.all<{ key: string }>(`SELECT key FROM recon_exceptions WHERE day_id = ? ORDER BY key LIMIT ${MAX_CLOSE_KEYS + 1}`, [dayId]);
  if (keys.length > MAX_CLOSE_KEYS) return 'too_many';
  return { matched: result.matched, exceptionKeys: keys.map((k) => k.key) };
}

/** One exception as the matcher reported it (null: this console found no such exception). */
export async function findException(db: SqlRunner, dayId: string, key: string): Promise<ReconException | null> {
  const r = await db.get<Record<string, unknown>>(
    `SELECT key, category, item_key, line_id, currency, CAST(expected_amount AS TEXT) AS expected_amount, CAST(statement_amount AS TEXT) AS statement_amount,
            CAST(difference AS TEXT) AS difference, reference, detail FROM recon_exceptions WHERE day_id = ? AND key = ?`,
    [dayId, key],
  );
  if (!r) return null;
  const big = (v: unknown) => (v === null ? undefined : BigInt(String(v)));
  const itemKey = r.item_key === null ? undefined : String(r.item_key);
  return {
    key: String(r.key),
    category: r.category as ReconException['category'],
    ...(itemKey ? { itemKey, itemKind: itemKey.startsWith('payout:') ? 'payout' : itemKey.includes(':refund:') ? 'refund' : 'payment' } : {}),
    ...(r.line_id === null ? {} : { lineNo: Number(r.line_id) }),
    currency: r.currency as Currency,
    ...(r.expected_amount === null ? {} : { expectedAmount: big(r.expected_amount) }),
    ...(r.statement_amount === null ? {} : { statementAmount: big(r.statement_amount) }),
    ...(r.difference === null ? {} : { difference: big(r.difference) }),
    ...(r.reference === null ? {} : { reference: String(r.reference) }),
    detail: String(r.detail),
  };
}
