/**
 * One test per SQLite schema migration: each is applied on top of the migrations before it
 * (and of the scopes its store brings up first), on a real file, and the test checks what that
 * migration introduced actually works: constraints and triggers refuse what they should,
 * indexes are there and chosen by the queries they were made for (EXPLAIN QUERY PLAN).
 *
 * Scopes and the order their stores migrate them:
 *   ledger (src/core/migrations/sqlite)                    every store
 *   console (src/main/store/migrations), then audit        ConsoleStore.open
 *   hub (src/hub/storage/sqlite-migrations), then audit    SqliteHubStorage.open
 * The PostgreSQL migrations have theirs in tests/integration/postgres-migrations.test.ts.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../src/core/audit/chain.js';
import { AUDIT_SCOPE, sqliteAuditMigrations } from '../../src/core/audit/migrations/index.js';
import { migrateSqlite } from '../../src/core/db/sqlite-migrations.js';
import { SqliteDb, type SqlParams, type SqlValue } from '../../src/core/db/sqlite.js';
import { LEDGER_SCOPE, sqliteLedgerMigrations } from '../../src/core/migrations/sqlite/index.js';
import { HUB_SCOPE, sqliteHubMigrations } from '../../src/hub/storage/sqlite-migrations/index.js';
import { NEW_CASES_SQL } from '../../src/main/services/case-alerts.js';
import { RECON_DAY_QUERIES } from '../../src/main/services/reconciliation.js';
import { BUYER_SQL, SEARCH_LOOKUPS, TOP } from '../../src/main/services/search.js';
import { SERIES_SQL } from '../../src/main/services/series.js';
import { CONSOLE_SCOPE, consoleMigrations } from '../../src/main/store/migrations/index.js';
import { tempDir } from '../support/files.js';
import { account, dispute, event, order, transfer } from '../support/ledger-rows.js';
import { migrationSteps, type Scope } from '../support/migration-steps.js';

const LEDGER: Scope = { scope: LEDGER_SCOPE, migrations: sqliteLedgerMigrations, folder: '../../src/core/migrations/sqlite/' };
const CONSOLE: Scope = { scope: CONSOLE_SCOPE, migrations: consoleMigrations, folder: '../../src/main/store/migrations/' };
const AUDIT: Scope = { scope: AUDIT_SCOPE, migrations: sqliteAuditMigrations, folder: '../../src/core/audit/migrations/' };
const HUB: Scope = { scope: HUB_SCOPE, migrations: sqliteHubMigrations, folder: '../../src/hub/storage/sqlite-migrations/' };

let tmp: ReturnType<typeof tempDir>;
let db: SqliteDb;
beforeEach(async () => {
  tmp = tempDir('migrations-each');
  db = await SqliteDb.open(tmp.file('m.db'));
});
afterEach(async () => {
  await db.close();
  tmp.cleanup();
});

const { migrateBefore, applyOnly, upTo } = migrationSteps((scope, migrations) => migrateSqlite(db, scope, migrations));

const run = (sql: string, params: SqlParams = []) => db.withWriter((conn) => conn.run(sql, params));
const all = <T = Record<string, unknown>>(sql: string, params: SqlParams = []) => db.read.all<T>(sql, params);

function insert(table: string, row: Record<string, SqlValue>) {
  const columns = Object.keys(row);
  return run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row));
}

/**
 * The plan SQLite chooses for `sql`, one line per step. Asked of the writer, which made the
 * schema change: EXPLAIN does not check the schema cookie, so the read connection would
 * answer with the plan of the schema it last loaded (the real query would re-prepare).
 */
async function plan(sql: string, params: SqlParams = []): Promise<string> {
  return (await db.withWriter((conn) => conn.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params))).map((r) => r.detail).join('\n');
}

const usesIndex = (index: string) => new RegExp(`USING (COVERING )?INDEX ${index}\\b`);

async function schemaObjects(type: 'table' | 'index' | 'trigger'): Promise<string[]> {
  return (await all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name", [type])).map((r) => r.name);
}

async function columnsOf(table: string): Promise<string[]> {
  return (await all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`)).map((r) => r.name);
}


describe('each scope’s index lists every migration file of its folder, numbered in order', () => {
  // The ledger scope's check is in tests/unit/migrations.test.ts, the PostgreSQL folders' in
  // tests/integration/postgres-migrations.test.ts.
  it.each([
    ['console', CONSOLE],
    ['audit', AUDIT],
    ['hub', HUB],
  ] as const)('%s', (_name, { folder, migrations }) => {
    const files = readdirSync(fileURLToPath(new URL(folder, import.meta.url)))
      .filter((f) => /^\d{4}_.+\.ts$/.test(f))
      .sort();
    expect(files.map((f) => [Number(f.slice(0, 4)), f.slice(5, -3)])).toEqual(migrations.map((m) => [m.version, m.name]));
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
  });
});

describe('SQLite ledger scope, one migration at a time', () => {
  it('0001 ledger: balance limits, two-phase transfers resolved once, append-only events and transfers, orders that add up', async () => {
    await upTo(LEDGER, 1);
    expect(await schemaObjects('table')).toEqual(expect.arrayContaining(['events', 'accounts', 'transfers', 'orders', 'aggregates', 'ledger_meta']));

    // Accounts: no negative balance, and the flags' limits (1: debits within credits, 2: credits within debits).
    await insert('accounts', account('A1'));
    await insert('accounts', account('A2'));
    await expect(insert('accounts', account('A3', { debits_posted: -1 }))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('accounts', account('A4', { flags: 1, debits_posted: 5, credits_posted: 4 }))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('accounts', account('A5', { flags: 2, credits_pending: 1 }))).rejects.toThrow(/CHECK constraint failed/);
    await insert('accounts', account('A6', { flags: 1, debits_posted: 4, credits_posted: 4 }));
    await expect(run('UPDATE accounts SET debits_pending = 1 WHERE id = ?', ['A6'])).rejects.toThrow(/CHECK constraint failed/);

    // Transfers: kinds, amounts, distinct and existing accounts, post/void name their pending one.
    await insert('transfers', transfer('T1', { kind: 'pending', order_id: 'O1' }));
    await expect(insert('transfers', transfer('T2', { kind: 'refund' }))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('transfers', transfer('T2', { amount: 0 }))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('transfers', transfer('T2', { credit_account_id: 'A1' }))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('transfers', transfer('T2', { kind: 'post' }))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('transfers', transfer('T2', { pending_id: 'T1' }))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('transfers', transfer('T2', { credit_account_id: 'nobody' }))).rejects.toThrow(/FOREIGN KEY constraint failed/);
    await expect(insert('transfers', transfer('T2', { kind: 'post', pending_id: 'nothing' }))).rejects.toThrow(/FOREIGN KEY constraint failed/);
    await expect(insert('transfers', transfer('T1'))).rejects.toThrow(/UNIQUE constraint failed: transfers.id/);
    await insert('transfers', transfer('T2', { kind: 'post', pending_id: 'T1' }));
    await expect(insert('transfers', transfer('T3', { kind: 'void', pending_id: 'T1' }))).rejects.toThrow(/UNIQUE constraint failed: transfers.pending_id/);
    await expect(run("UPDATE transfers SET amount = 1 WHERE id = 'T1'")).rejects.toThrow(/transfers are immutable/);
    await expect(run("DELETE FROM transfers WHERE id = 'T2'")).rejects.toThrow(/transfers are append-only/);
    expect(await plan('SELECT id FROM transfers WHERE order_id = ?', ['O1'])).toMatch(usesIndex('transfers_order'));

    // Events: one per aggregate version, from 1; never changed or removed.
    await insert('events', event(1));
    await expect(insert('events', event(2, { version: 1 }))).rejects.toThrow(/UNIQUE constraint failed: events.kind, events.aggregate_id, events.version/);
    await expect(insert('events', event(2, { id: 'E1' }))).rejects.toThrow(/UNIQUE constraint failed: events.id/);
    await expect(insert('events', event(2, { version: 0 }))).rejects.toThrow(/CHECK constraint failed/);
    await expect(run("UPDATE events SET body = '{\"x\":1}' WHERE seq = 1")).rejects.toThrow(/events are immutable/);
    await expect(run('DELETE FROM events WHERE seq = 1')).rejects.toThrow(/events are append-only/);

    // Orders: held + refunded + released = amount, one row per order.
    await insert('orders', order('O1'));
    await expect(insert('orders', order('O2', { held: 999 }))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('orders', order('O2', { amount: 0, held: 0 }))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('orders', order('O1'))).rejects.toThrow(/UNIQUE constraint failed: orders.order_id/);
    await expect(run('UPDATE orders SET released = 1 WHERE order_id = ?', ['O1'])).rejects.toThrow(/CHECK constraint failed/);

    // The indexes of the hub's confirm scheduler and of the risk history seed.
    expect(
      await plan(
        `SELECT order_id FROM orders WHERE confirm_due_at <= ? AND hold_transfer_id IS NOT NULL AND dispute_id IS NULL AND risk_hold_reason IS NULL
         ORDER BY confirm_due_at LIMIT ?`,
        [5_000, 10],
      ),
    ).toMatch(usesIndex('orders_confirm_due'));
    expect(await plan('SELECT buyer_id, paid_at FROM orders WHERE buyer_id IN (?, ?) AND paid_at >= ?', ['B1', 'B2', 0])).toMatch(usesIndex('orders_buyer'));
    expect(await plan('SELECT count(*) FROM orders WHERE merchant_id IN (?) AND paid_at >= ?', ['M1', 0])).toMatch(usesIndex('orders_merchant'));
    expect(await plan('SELECT id FROM accounts WHERE owner = ?', ['M1'])).toMatch(usesIndex('accounts_owner'));

    // Aggregates and ledger_meta: one row per key.
    await insert('aggregates', { kind: 'record', id: 'R1', version: 1, type: 't', at: 1, state: '{}' });
    await expect(insert('aggregates', { kind: 'record', id: 'R1', version: 2, type: 't', at: 2, state: '{}' })).rejects.toThrow(/UNIQUE constraint failed/);
    await insert('ledger_meta', { key: 'digest', value: 'x' });
    await expect(insert('ledger_meta', { key: 'digest', value: 'y' })).rejects.toThrow(/UNIQUE constraint failed/);
  });

  it('0002 disputes: one row per dispute, the open queue by deadline and the lookups by party and order', async () => {
    await upTo(LEDGER, 2);
    await insert('disputes', dispute('D1'));
    await expect(insert('disputes', dispute('D1'))).rejects.toThrow(/UNIQUE constraint failed: disputes.dispute_id/);
    await expect(insert('disputes', dispute('D2', { claimed_amount: null }))).rejects.toThrow(/NOT NULL constraint failed: disputes.claimed_amount/);

    // The agents' open queue (src/main/services/queues.ts) and its counts: the partial index over open disputes.
    const openQueue = (extra = '') => `SELECT d.dispute_id FROM disputes d WHERE d.deadline_at IS NOT NULL ${extra} ORDER BY d.deadline_at, d.dispute_id LIMIT ?`;
    expect(await plan(openQueue(), [51])).toMatch(usesIndex('disputes_open_by_deadline'));
    expect(await plan(openQueue('AND d.deadline_at < ?'), [5_000, 51])).toMatch(usesIndex('disputes_open_by_deadline'));
    expect(await plan('SELECT count(*) AS n FROM disputes WHERE deadline_at IS NOT NULL AND deadline_at < ?', [5_000])).toMatch(usesIndex('disputes_open_by_deadline'));
    expect(await plan(openQueue('AND d.assignee_id = ?'), ['S1', 51])).toMatch(usesIndex('disputes_assignee'));
    expect(await plan('SELECT d.dispute_id FROM disputes d WHERE d.status = ? ORDER BY d.opened_at DESC, d.dispute_id DESC LIMIT ?', ['resolved', 51])).toMatch(
      usesIndex('disputes_status'),
    );
    expect(await plan('SELECT count(*) AS n FROM disputes WHERE buyer_id = ?', ['B1'])).toMatch(usesIndex('disputes_buyer'));
    expect(await plan('SELECT count(*) AS total FROM disputes WHERE merchant_id = ?', ['M1'])).toMatch(usesIndex('disputes_merchant'));
    expect(await plan('SELECT dispute_id FROM disputes WHERE order_id = ?', ['O1'])).toMatch(usesIndex('disputes_order'));
    expect(await plan('SELECT order_id, buyer_id, opened_at FROM disputes ORDER BY opened_at')).toMatch(usesIndex('disputes_opened'));
  });

  it('0003 risk: one flag per order, one entry per list id; the review queue and the active lists by index', async () => {
    await upTo(LEDGER, 3);
    const flag = (orderId: string) => ({
      order_id: orderId,
      version: 1,
      buyer_id: 'B1',
      merchant_id: 'M1',
      amount: 1000,
      currency: 'CNY',
      score: 80,
      level: 'highest',
      findings: '[]',
      status: 'open',
      flagged_at: 1_000,
    });
    await insert('risk_flags', flag('O1'));
    await expect(insert('risk_flags', flag('O1'))).rejects.toThrow(/UNIQUE constraint failed: risk_flags.order_id/);
    const entry = (id: string) => ({ entry_id: id, version: 1, list: 'block', entity_type: 'device', value: 'd1', reason: 'r', active: 1, added_by_id: 'S1', added_at: 1 });
    await insert('risk_list', entry('L1'));
    await expect(insert('risk_list', entry('L1'))).rejects.toThrow(/UNIQUE constraint failed: risk_list.entry_id/);

    expect(
      await plan("SELECT order_id FROM risk_flags f WHERE f.status IN ('open', 'kept') AND f.level = ? ORDER BY f.score DESC, f.flagged_at, f.order_id LIMIT ?", ['highest', 10]),
    ).toMatch(usesIndex('risk_flags_queue'));
    expect(await plan('SELECT count(*) FROM risk_flags WHERE buyer_id = ?', ['B1'])).toMatch(usesIndex('risk_flags_buyer'));
    expect(await plan("SELECT count(*) AS total FROM risk_flags WHERE merchant_id = ?", ['M1'])).toMatch(usesIndex('risk_flags_merchant'));
    expect(await plan("SELECT entry_id, value FROM risk_list WHERE active = 1 AND list = 'block' AND entity_type = 'name' ORDER BY added_at LIMIT 10")).toMatch(
      usesIndex('risk_list_active'),
    );
  });

  it('0004 hold indexes: disputed, risk-held and all orders by payment time, over orders already there', async () => {
    await migrateBefore(LEDGER, 4);
    await insert('orders', order('O1', { dispute_id: 'D1', paid_at: 10 }));
    await insert('orders', order('O2', { risk_hold_reason: 'velocity', paid_at: 20 }));
    await insert('orders', order('O3', { paid_at: 30 }));
    await applyOnly(LEDGER, 4);

    // The overview's counts read the small partial indexes, and count what was there before.
    const counts = 'SELECT (SELECT count(*) FROM orders WHERE dispute_id IS NOT NULL) AS dispute, (SELECT count(*) FROM orders WHERE risk_hold_reason IS NOT NULL) AS risk';
    const counted = await plan(counts);
    expect(counted).toMatch(usesIndex('orders_disputed'));
    expect(counted).toMatch(usesIndex('orders_risk_held'));
    expect(await all(counts)).toEqual([{ dispute: 1, risk: 1 }]);

    // A day of payments (reconciliation, the overview): by payment time.
    const day = 'SELECT order_id FROM orders WHERE paid_at >= ? AND paid_at < ? LIMIT 100';
    expect(await plan(day, [15, 35])).toMatch(usesIndex('orders_paid_at'));
    expect(await all(day, [15, 35])).toEqual([{ order_id: 'O2' }, { order_id: 'O3' }]);
  });

  it('0005 merchants: applications, merchants and payouts, one row each, payouts of a positive amount, their queues by index', async () => {
    await upTo(LEDGER, 5);
    const application = (id: string) => ({
      application_id: id,
      version: 1,
      merchant_id: 'M1',
      legal_name: 'Shop Ltd',
      entity_type: 'company',
      segment: 'retail',
      status: 'received',
      application: '{}',
      received_at: 1,
    });
    await insert('applications', application('P1'));
    await expect(insert('applications', application('P1'))).rejects.toThrow(/UNIQUE constraint failed: applications.application_id/);
    const merchant = (id: string) => ({
      merchant_id: id,
      version: 1,
      status: 'active',
      application_id: 'P1',
      legal_name: 'Shop Ltd',
      tier: 'standard',
      payout_schedule: 'daily',
      reserve_bps: 1000,
      bank_account: '{}',
      activated_at: 1,
    });
    await insert('merchants', merchant('M1'));
    await expect(insert('merchants', merchant('M1'))).rejects.toThrow(/UNIQUE constraint failed: merchants.merchant_id/);
    const payout = (id: string, amount: number) => ({ payout_id: id, version: 1, merchant_id: 'M1', currency: 'CNY', amount, status: 'pending', created_at: 1 });
    await insert('payouts', payout('Y1', 1));
    await expect(insert('payouts', payout('Y2', 0))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('payouts', payout('Y2', -5))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('payouts', payout('Y1', 5))).rejects.toThrow(/UNIQUE constraint failed: payouts.payout_id/);

    expect(await plan('SELECT application_id FROM applications WHERE status = ? ORDER BY received_at, application_id LIMIT ?', ['received', 10])).toMatch(
      usesIndex('applications_pipeline'),
    );
    expect(await plan('SELECT application_id FROM applications WHERE merchant_id = ?', ['M1'])).toMatch(usesIndex('applications_merchant'));
    expect(await plan("SELECT merchant_id FROM merchants WHERE status = 'active' AND payout_schedule = ? ORDER BY merchant_id LIMIT ?", ['daily', 10])).toMatch(
      usesIndex('merchants_schedule'),
    );
    expect(await plan('SELECT payout_id FROM payouts WHERE merchant_id = ? ORDER BY created_at DESC LIMIT 50', ['M1'])).toMatch(usesIndex('payouts_merchant'));
    expect(await plan('SELECT payout_id FROM payouts WHERE status = ? ORDER BY created_at DESC, payout_id DESC LIMIT ?', ['pending', 10])).toMatch(
      usesIndex('payouts_status'),
    );
    expect(await plan('SELECT payout_id FROM payouts WHERE settled_at >= ? AND settled_at < ?', [0, 10])).toMatch(usesIndex('payouts_settled'));
  });

  it('0006 reserve release: a reserve due date on orders (none on orders already there), found by the scheduler’s index', async () => {
    await migrateBefore(LEDGER, 6);
    await insert('orders', order('O1'));
    expect(await columnsOf('orders')).not.toContain('reserve_due_at');
    await applyOnly(LEDGER, 6);

    expect(await columnsOf('orders')).toContain('reserve_due_at');
    expect(await all('SELECT reserve_due_at FROM orders')).toEqual([{ reserve_due_at: null }]);
    await insert('orders', order('O2', { reserve_due_at: 50 }));
    await insert('orders', order('O3', { reserve_due_at: 500 }));
    const due = 'SELECT order_id FROM orders WHERE reserve_due_at <= ? ORDER BY reserve_due_at LIMIT ?';
    expect(await plan(due, [100, 10])).toMatch(usesIndex('orders_reserve_due'));
    expect(await all(due, [100, 10])).toEqual([{ order_id: 'O2' }]);
  });

  it('0007 reconciliation: one row per recon day, the day’s refunds and releases found by event type and time', async () => {
    await upTo(LEDGER, 7);
    await insert('recon_days', { day_id: 'trade.2024-01-01', version: 1, closed: 0, resolutions: '{}' });
    await expect(insert('recon_days', { day_id: 'trade.2024-01-01', version: 2, closed: 1, resolutions: '{}' })).rejects.toThrow(/UNIQUE constraint failed: recon_days.day_id/);
    await expect(insert('recon_days', { day_id: 'bank.2024-01-01', version: 1, closed: 0, resolutions: null })).rejects.toThrow(/NOT NULL constraint failed/);

    await insert('events', event(1, { type: 'order.refunded', at: 100 }));
    await insert('events', event(2, { type: 'order.paid', at: 110 }));
    await insert('events', event(3, { type: 'order.released', at: 120 }));
    // reconciliation's trade-day query (src/main/services/reconciliation.ts).
    const refunds = "SELECT id FROM events WHERE type IN ('order.refunded', 'order.released') AND at >= ? AND at < ? LIMIT 1000";
    expect(await plan(refunds, [0, 1_000])).toMatch(usesIndex('events_type_at'));
    expect((await all<{ id: string }>(refunds, [0, 1_000])).map((r) => r.id).sort()).toEqual(['E1', 'E3']);

    // The console's new-case alerts (src/main/services/case-alerts.ts) read only the range of the
    // log a sync just applied: by the primary key, in order, not through this index.
    await insert('events', event(4, { id: 'E4', kind: 'dispute', aggregate_id: 'D1', version: 1, type: 'dispute.opened', at: 130 }));
    const cases = await plan(NEW_CASES_SQL, [1, 4, 10]);
    expect(cases).toMatch(/SEARCH events USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    expect(cases).not.toMatch(/events_type_at|TEMP B-TREE/);
    expect((await all<{ aggregate_id: string }>(NEW_CASES_SQL, [1, 4, 10])).map((r) => r.aggregate_id)).toEqual(['D1']);
  });
});

describe('console scope (on top of the ledger scope), one migration at a time', () => {
  /** Payouts the bank was asked to make on a day: reconciliation's bankExpectations (src/main/services/reconciliation.ts). */
  const sentPayout = (id: string, sentAt: number | null) => ({ payout_id: id, version: 1, merchant_id: 'M1', currency: 'CNY', amount: 10, status: 'paid', created_at: 1, sent_at: sentAt });
  const outbox = (id: string, extra: Record<string, SqlValue> = {}) => ({
    id,
    created_at: 1,
    actor_id: 'S1',
    actor_name: 'Ann',
    actor_role: 'agent',
    type: 'dispute.assign',
    aggregate_id: 'D1',
    expected_version: 1,
    request: '{}',
    status: 'pending',
    next_attempt_at: 1,
    ...extra,
  });

  it('0001 console: the outbox (statuses checked, ids unique, sequence never reused), its pending queue by index; sync state and staff directory keyed', async () => {
    await upTo(CONSOLE, 1, [LEDGER]);
    await insert('outbox', outbox('C1'));
    await insert('outbox', outbox('C2', { status: 'accepted' }));
    await expect(insert('outbox', outbox('C3', { status: 'sent' }))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('outbox', outbox('C1'))).rejects.toThrow(/UNIQUE constraint failed: outbox.id/);
    await expect(run("UPDATE outbox SET status = 'lost' WHERE id = 'C1'")).rejects.toThrow(/CHECK constraint failed/);
    expect(await all("SELECT attempts FROM outbox WHERE id = 'C1'")).toEqual([{ attempts: 0 }]);
    // AUTOINCREMENT: the sequence of a removed last command is not handed out again.
    await run("DELETE FROM outbox WHERE id = 'C2'");
    await insert('outbox', outbox('C4'));
    expect(await all('SELECT seq, id FROM outbox ORDER BY seq')).toEqual([
      { seq: 1, id: 'C1' },
      { seq: 3, id: 'C4' },
    ]);

    expect(await plan("SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY seq LIMIT ?", [5, 10])).toMatch(usesIndex('outbox_pending'));
    expect(await plan("SELECT count(*) FROM outbox o WHERE o.aggregate_id = ? AND o.status = 'pending'", ['D1'])).toMatch(usesIndex('outbox_aggregate'));

    await insert('sync_state', { key: 'cursor', value: '0' });
    await expect(insert('sync_state', { key: 'cursor', value: '1' })).rejects.toThrow(/UNIQUE constraint failed: sync_state.key/);
    await insert('staff_directory', { id: 'S1', name: 'Ann', role: 'agent', fetched_at: 1 });
    await expect(insert('staff_directory', { id: 'S1', name: 'Bob', role: 'risk', fetched_at: 2 })).rejects.toThrow(/UNIQUE constraint failed: staff_directory.id/);
  });

  it('0002 statements: files by hash and kind, lines unique per account (a re-import adds nothing) and immutable, a day’s lines by index', async () => {
    await upTo(CONSOLE, 2, [LEDGER]);
    const file = (hash: string, kind: string) => ({ file_hash: hash, name: 'a.csv', format: 'alipay', kind, account: 'alipay:1', lines: 1, imported_at: 1 });
    await insert('statement_files', file('F1', 'trade'));
    await expect(insert('statement_files', file('F2', 'card'))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('statement_files', file('F1', 'bank'))).rejects.toThrow(/UNIQUE constraint failed: statement_files.file_hash/);

    const line = (occurrence: number, fileHash = 'F1') => ({
      account: 'alipay:1',
      raw_hash: 'R1',
      occurrence,
      file_hash: fileHash,
      line_no: 2,
      kind: 'trade',
      booked_at: 1,
      day: '2024-01-01',
      amount: 100,
      currency: 'CNY',
      reference: 'O1',
    });
    await insert('statement_lines', line(1));
    await insert('statement_lines', line(2));
    await expect(insert('statement_lines', line(1, 'F2'))).rejects.toThrow(/UNIQUE constraint failed: statement_lines.account, statement_lines.raw_hash, statement_lines.occurrence/);
    // What the import does with a file seen before: the same line again adds nothing.
    const reimport = await run(
      `INSERT INTO statement_lines (account, raw_hash, occurrence, file_hash, line_no, kind, booked_at, day, amount, currency, reference)
       VALUES ('alipay:1', 'R1', 1, 'F9', 7, 'trade', 1, '2024-01-01', 100, 'CNY', 'O1') ON CONFLICT (account, raw_hash, occurrence) DO NOTHING`,
    );
    expect(reimport.changes).toBe(0);
    await expect(run("UPDATE statement_lines SET amount = 1 WHERE raw_hash = 'R1'")).rejects.toThrow(/imported statement lines are immutable/);
    expect(await all('SELECT occurrence, file_hash, amount FROM statement_lines ORDER BY id')).toEqual([
      { occurrence: 1, file_hash: 'F1', amount: 100 },
      { occurrence: 2, file_hash: 'F1', amount: 100 },
    ]);

    expect(await plan('SELECT id, raw_hash FROM statement_lines WHERE kind = ? AND day = ? LIMIT 100', ['trade', '2024-01-01'])).toMatch(usesIndex('statement_lines_day'));
    expect(await plan('SELECT id FROM statement_lines WHERE reference = ?', ['O1'])).toMatch(usesIndex('statement_lines_reference'));

    await insert('csv_mappings', { name: 'bank-x', mapping: '{}', saved_at: 1 });
    await expect(insert('csv_mappings', { name: 'bank-x', mapping: '{}', saved_at: 2 })).rejects.toThrow(/UNIQUE constraint failed: csv_mappings.name/);
  });

  it('0003 reconciliation: one result per day, exceptions keyed by day and key, read by day in order', async () => {
    await upTo(CONSOLE, 3, [LEDGER]);
    await insert('recon_results', { day_id: 'trade.2024-01-01', expected: 1, lines: 1, matched: 1, exceptions: 0, computed_at: 1 });
    await expect(insert('recon_results', { day_id: 'trade.2024-01-01', expected: 2, lines: 2, matched: 2, exceptions: 0, computed_at: 2 })).rejects.toThrow(
      /UNIQUE constraint failed: recon_results.day_id/,
    );
    const exception = (key: string, category = 'missing') => ({ day_id: 'trade.2024-01-01', key, category, currency: 'CNY', detail: 'd' });
    await insert('recon_exceptions', exception('k1'));
    await expect(insert('recon_exceptions', exception('k1', 'duplicate'))).rejects.toThrow(/UNIQUE constraint failed: recon_exceptions.day_id, recon_exceptions.key/);
    await insert('recon_exceptions', { ...exception('k1'), day_id: 'bank.2024-01-01' });

    const byDay = await plan('SELECT key FROM recon_exceptions WHERE day_id = ? ORDER BY category, key LIMIT 10000', ['trade.2024-01-01']);
    expect(byDay).toMatch(/SEARCH recon_exceptions USING PRIMARY KEY \(day_id=\?\)/);
    expect(await plan('SELECT day_id, key FROM recon_exceptions WHERE category = ?', ['missing'])).toMatch(usesIndex('recon_exceptions_category'));
  });

  it('0004 recon lookups: payouts sent on a day and the statement lines the hub relayed, by index', async () => {
    // On top of the whole ledger scope, as ConsoleStore.open applies it.
    await upTo(CONSOLE, 4, [LEDGER]);
    expect(await schemaObjects('index')).toEqual(expect.arrayContaining(['orders_paid_at', 'payouts_sent_at', 'relayed_statement_lines']));

    await insert('payouts', sentPayout('Y1', 100));
    await insert('payouts', sentPayout('Y2', null));
    // Reconciliation's own queries, which name these indexes (without statistics SQLite would take a less selective one).
    const payouts = RECON_DAY_QUERIES.payoutsSent;
    expect(await plan(payouts, [0, 1_000, 10])).toMatch(/SEARCH payouts USING INDEX payouts_sent_at \(sent_at>\? AND sent_at<\?\)/);
    expect((await all(payouts, [0, 1_000, 10])).map((r) => r.payout_id)).toEqual(['Y1']);

    // The expression index matches reconciliation's query exactly: it can serve it.
    const record = (id: string, bookedAt: number, type = 'statement.line_received') => ({ kind: 'record', id, version: 1, type, at: 1, state: JSON.stringify({ bookedAt }) });
    await insert('aggregates', record('R1', 100));
    await insert('aggregates', record('R2', 5_000));
    await insert('aggregates', record('R3', 100, 'statement.other'));
    await insert('aggregates', { ...record('R4', 100), kind: 'other' });
    await insert('events', event(1, { kind: 'record', aggregate_id: 'R1', version: 1 }));
    const lines = RECON_DAY_QUERIES.relayedLines;
    expect(await plan(lines, [0, 1_000, 10])).toMatch(/SEARCH a USING INDEX relayed_statement_lines \(<expr>>\? AND <expr><\?\)/);
    expect(await all(lines, [0, 1_000, 10])).toEqual([{ seq: 1, state: '{"bookedAt":100}' }]);
    // The feed's days are listed by one seek each, newest first, without sorting the lines.
    const latest = RECON_DAY_QUERIES.latestRelayedBefore;
    expect(await plan(latest, [1_000])).toBe('SEARCH aggregates USING INDEX relayed_statement_lines (<expr><?)');
    expect(await all(latest, [10_000])).toEqual([{ booked_at: 5_000 }]);
    expect(await all(latest, [5_000])).toEqual([{ booked_at: 100 }]);
  });

  it('0005 offline credentials: one entry per staff name, all fields required, a new sign-in refreshes it', async () => {
    await upTo(CONSOLE, 5, [LEDGER]);
    const entry = (name: string, extra: Record<string, SqlValue> = {}) => ({ name, staff_id: 'S1', role: 'agent', password_hash: 'scrypt$a', verified_at: 1, ...extra });
    await insert('offline_credentials', entry('ann'));
    await expect(insert('offline_credentials', entry('ann'))).rejects.toThrow(/UNIQUE constraint failed: offline_credentials.name/);
    await expect(insert('offline_credentials', entry('bob', { password_hash: null }))).rejects.toThrow(/NOT NULL constraint failed: offline_credentials.password_hash/);
    // The console's upsert on sign-in (src/main/session/console-session.ts).
    await run(
      `INSERT INTO offline_credentials (name, staff_id, role, password_hash, verified_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET staff_id = excluded.staff_id, role = excluded.role, password_hash = excluded.password_hash, verified_at = excluded.verified_at`,
      ['ann', 'S1', 'finance', 'scrypt$b', 2],
    );
    expect(await all('SELECT name, role, password_hash, verified_at FROM offline_credentials')).toEqual([{ name: 'ann', role: 'finance', password_hash: 'scrypt$b', verified_at: 2 }]);
    expect(await plan('SELECT staff_id, role, password_hash FROM offline_credentials WHERE name = ?', ['ann'])).toMatch(/SEARCH offline_credentials USING PRIMARY KEY \(name=\?\)/);
  });

  it('0006 overview figures: day figures from what a replica already holds, then kept by triggers per China day; search by legal name in any case, by index', async () => {
    // China day 2026-11-11 ends at 16:00 UTC; its number counts days since 1970-01-01 in UTC+8.
    const lastMs = Date.UTC(2026, 10, 11, 15, 59, 59, 999);
    const d11 = Math.floor((lastMs + 8 * 3_600_000) / 86_400_000);
    const figures = () => all('SELECT * FROM day_figures ORDER BY currency, day');
    const zero = { paid: 0, orders: 0, released: 0, refunded: 0, fees: 0, payouts_paid: 0, disputes_opened: 0, flags_raised: 0 };

    // Before the migration: an order paid (a hold of 1000) and one refunded at once, in the last millisecond of the 11th.
    await migrateBefore(CONSOLE, 6, [LEDGER]);
    for (const id of ['A1', 'A2', 'A3']) await insert('accounts', account(id));
    await insert('events', event(1, { id: 'E1', at: lastMs }));
    await insert('transfers', transfer('E1.0', { event_id: 'E1', kind: 'pending', amount: 1000, at: lastMs, order_id: 'O1' }));
    await insert('events', event(2, { id: 'E2', aggregate_id: 'O2', version: 1, at: lastMs }));
    await insert('transfers', transfer('E2.0', { event_id: 'E2', kind: 'pending', amount: 300, at: lastMs, order_id: 'O2' }));
    await insert('events', event(3, { id: 'E3', aggregate_id: 'O2', version: 2, type: 'order.refunded', at: lastMs }));
    await insert('transfers', transfer('E3.0', { event_id: 'E3', kind: 'void', pending_id: 'E2.0', code: 'refund', amount: 300, at: lastMs }));
    await applyOnly(CONSOLE, 6);
    expect(await figures()).toEqual([{ currency: 'CNY', day: d11, ...zero, paid: 1300, orders: 2, refunded: 300 }]);

    // After: one millisecond later is the 12th. A partial refund of 200 (void 1000, hold 800 again), a release of 500 of
    // the 800 (300 return to the buyer) with a fee of 5, a payout paid, a dispute and a flag in another currency.
    const at = lastMs + 1;
    await insert('events', event(4, { id: 'E4', version: 2, type: 'order.refunded', at }));
    await insert('transfers', transfer('E4.0', { event_id: 'E4', kind: 'void', pending_id: 'E1.0', code: 'refund', amount: 1000, at }));
    await insert('transfers', transfer('E4.1', { event_id: 'E4', kind: 'pending', code: 'hold', amount: 800, at }));
    await insert('events', event(5, { id: 'E5', version: 3, type: 'order.released', at }));
    await insert('transfers', transfer('E5.0', { event_id: 'E5', kind: 'post', pending_id: 'E4.1', code: 'release', amount: 500, at }));
    await insert('transfers', transfer('E5.1', { event_id: 'E5', code: 'fee', amount: 5, at }));
    await insert('transfers', transfer('E5.2', { event_id: 'E5', code: 'reserve', amount: 50, at }));
    await insert('transfers', transfer('P1.0', { event_id: 'P1', kind: 'pending', code: 'payout', amount: 70, at }));
    await insert('transfers', transfer('P2.0', { event_id: 'P2', kind: 'post', pending_id: 'P1.0', code: 'payout', amount: 70, at }));
    await insert('events', event(6, { id: 'E6', kind: 'dispute', aggregate_id: 'D1', version: 1, type: 'dispute.opened', at, body: '{"data":{"currency":"USD"}}' }));
    await insert('events', event(7, { id: 'E7', kind: 'risk', aggregate_id: 'O1', version: 1, type: 'risk.flagged', at, body: '{"data":{"currency":"USD"}}' }));
    expect(await figures()).toEqual([
      { currency: 'CNY', day: d11, ...zero, paid: 1300, orders: 2, refunded: 300 },
      { currency: 'CNY', day: d11 + 1, ...zero, refunded: 1000 - 800 + 300, released: 500, fees: 5, payouts_paid: 70 },
      { currency: 'USD', day: d11 + 1, ...zero, disputes_opened: 1, flags_raised: 1 },
    ]);
    expect(await plan(SERIES_SQL, ['CNY', d11, d11 + 30])).toMatch(/SEARCH day_figures USING PRIMARY KEY \(currency=\? AND day>\? AND day<\?\)/);

    // Global search: every lookup is a seek on an index, names in any case.
    expect(await schemaObjects('index')).toEqual(expect.arrayContaining(['merchants_legal_name', 'applications_legal_name']));
    await insert('merchants', { merchant_id: 'M1', version: 1, status: 'active', application_id: 'A1', legal_name: 'Suzhou Silk Road Textiles', tier: 'standard', payout_schedule: 'daily', reserve_bps: 0, bank_account: 'x', activated_at: 1 });
    await insert('merchants', { merchant_id: 'M2', version: 1, status: 'active', application_id: 'A2', legal_name: 'Sunny Farm', tier: 'standard', payout_schedule: 'daily', reserve_bps: 0, bank_account: 'x', activated_at: 1 });
    for (const lookup of SEARCH_LOOKUPS) {
      const detail = await plan(lookup.sql, ['su', `su${TOP}`, 10]);
      expect(detail, lookup.sql).toMatch(/^SEARCH \w+ USING (COVERING )?INDEX/);
      expect(detail, lookup.sql).not.toMatch(/SCAN|TEMP B-TREE/);
    }
    const byName = SEARCH_LOOKUPS.find((l) => l.kind === 'merchant' && l.caseInsensitive)!;
    expect(await plan(byName.sql, ['su', `su${TOP}`, 10])).toMatch(usesIndex('merchants_legal_name'));
    expect((await all<{ merchant_id: string }>(byName.sql, ['sUZ', `sUZ${TOP}`, 10])).map((r) => r.merchant_id)).toEqual(['M1']);
    expect((await all<{ merchant_id: string }>(byName.sql, ['su', `su${TOP}`, 10])).map((r) => r.merchant_id)).toEqual(['M2', 'M1']);
    const buyers = await plan(BUYER_SQL, ['B', `B${TOP}`, `B${TOP}`, 10]);
    expect(buyers).toMatch(usesIndex('orders_buyer'));
    expect(buyers).not.toMatch(/SCAN orders|TEMP B-TREE/);
  });
});

describe('audit scope', () => {
  // tests/unit/audit-sqlite.test.ts covers this migration at length (the folder listing, the
  // guards against UPDATE, DELETE and a stale insert, tampering): this is its short per-migration test.
  it('0001 audit: on top of the ledger and console scopes, entries must extend the head with well-formed hashes; no UPDATE or DELETE', async () => {
    await upTo(AUDIT, 1, [LEDGER, CONSOLE]);
    const entry = (seq: number, prevHash: string, hash: string) => ({ seq, at: seq, actor: '{}', action: 'a', detail: '{}', prev_hash: prevHash, hash });
    const h1 = 'a'.repeat(64);
    await expect(insert('audit_log', entry(1, 'f'.repeat(64), h1))).rejects.toThrow(/must extend the head/);
    await expect(insert('audit_log', entry(2, GENESIS_HASH, h1))).rejects.toThrow(/must extend the head/);
    await insert('audit_log', entry(1, GENESIS_HASH, h1));
    await expect(insert('audit_log', entry(2, h1, 'short'))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('audit_log', entry(2, GENESIS_HASH, 'b'.repeat(64)))).rejects.toThrow(/must extend the head/);
    await insert('audit_log', entry(2, h1, 'b'.repeat(64)));
    await expect(run("UPDATE audit_log SET action = 'b' WHERE seq = 1")).rejects.toThrow(/entries cannot be changed/);
    await expect(run('DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow(/entries cannot be deleted/);
    expect(await all('SELECT seq FROM audit_log ORDER BY seq')).toEqual([{ seq: 1 }, { seq: 2 }]);
  });
});

describe('hub scope (on top of the ledger scope)', () => {
  it('0001 hub: staff with unique names and known roles, sessions of existing staff, one answer per source and id, checkpoints by seq', async () => {
    await upTo(HUB, 1, [LEDGER]);
    const staff = (id: string, name: string, role = 'agent') => ({ id, name, role, password_hash: 'scrypt$x', created_at: 1 });
    await insert('staff', staff('S1', 'ann'));
    await expect(insert('staff', staff('S2', 'ann'))).rejects.toThrow(/UNIQUE constraint failed: staff.name/);
    await expect(insert('staff', staff('S2', 'bob', 'root'))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('staff', staff('S1', 'bob'))).rejects.toThrow(/UNIQUE constraint failed: staff.id/);
    expect(await all('SELECT failed_attempts, locked_until, disabled FROM staff')).toEqual([{ failed_attempts: 0, locked_until: null, disabled: 0 }]);

    await insert('sessions', { token_hash: 'T1', staff_id: 'S1', created_at: 1, expires_at: 10 });
    await expect(insert('sessions', { token_hash: 'T2', staff_id: 'S9', created_at: 1, expires_at: 10 })).rejects.toThrow(/FOREIGN KEY constraint failed/);
    await expect(run("DELETE FROM staff WHERE id = 'S1'")).rejects.toThrow(/FOREIGN KEY constraint failed/);
    expect(await plan('DELETE FROM sessions WHERE expires_at <= ?', [5])).toMatch(usesIndex('sessions_expiry'));

    const answer = (source: string, id: string, status = 'accepted') => ({ source, id, body_hash: 'h', status, answer: '{}', at: 1 });
    await insert('answers', answer('staff', 'C1'));
    await insert('answers', answer('marketplace', 'C1', 'rejected'));
    await expect(insert('answers', answer('staff', 'C1'))).rejects.toThrow(/UNIQUE constraint failed: answers.source, answers.id/);
    await expect(insert('answers', answer('console', 'C2'))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('answers', answer('staff', 'C2', 'pending'))).rejects.toThrow(/CHECK constraint failed/);
    expect(await plan("SELECT id FROM answers WHERE status = 'rejected' AND at < ?", [5])).toMatch(usesIndex('answers_rejected'));

    await insert('checkpoints', { seq: 10, checksum: 'c' });
    await expect(insert('checkpoints', { seq: 10, checksum: 'd' })).rejects.toThrow(/UNIQUE constraint failed: checkpoints.seq/);
    expect(await plan('SELECT seq, checksum FROM checkpoints WHERE seq <= ? ORDER BY seq DESC LIMIT 1', [10])).toMatch(/SEARCH checkpoints USING INTEGER PRIMARY KEY/);
  });
  it('0002 attachments: one row per SHA-256 of an allowed type, bytes as long as the size, never changed or deleted', async () => {
    await upTo(HUB, 2, [LEDGER]);
    const file = (sha: string, bytes: Buffer, mime = 'image/png') => ({ sha256: sha.repeat(64), mime, size: bytes.length, bytes, received_at: 1 });
    await insert('attachments', file('a', Buffer.from('png bytes')));
    await expect(insert('attachments', file('a', Buffer.from('other')))).rejects.toThrow(/UNIQUE constraint failed: attachments.sha256/);
    await expect(insert('attachments', file('b', Buffer.from('x'), 'text/html'))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('attachments', { ...file('c', Buffer.from('xy')), size: 3 })).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert('attachments', { ...file('d', Buffer.from('x')), sha256: 'short' })).rejects.toThrow(/CHECK constraint failed/);
    await expect(run("UPDATE attachments SET mime = 'image/jpeg'")).rejects.toThrow(/attachments are immutable/);
    await expect(run('DELETE FROM attachments')).rejects.toThrow(/attachments are never deleted/);
    expect(await all('SELECT sha256, size FROM attachments')).toEqual([{ sha256: 'a'.repeat(64), size: 9 }]);
  });
});
