/**
 * One conformance suite for the hub's storage: every case runs against SQLite (a temp file) and
 * PostgreSQL (a fresh schema in a database created for the run), so the hub's logic, written
 * once against HubStorage, meets the same behaviour on both. The PostgreSQL cases skip when no
 * server answers, except under CI=true, where that fails the run (tests/support/postgres.ts).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sha256Hex } from '../../src/core/attachments/content.js';
import { AUDIT_COLUMNS, auditRow, MAX_AUDIT_BATCH, MAX_AUDIT_PAGE } from '../../src/core/audit/audit-table.js';
import { AuditEntryError, GENESIS_HASH, nextEntry, type AuditFields } from '../../src/core/audit/chain.js';
import { DAY_MS } from '../../src/core/escrow/config.js';
import type { OrderEvent } from '../../src/core/escrow/evolve.js';
import type { OrderState } from '../../src/core/escrow/state.js';
import type { Migration } from '../../src/core/db/migrate.js';
import { migrateSqlite } from '../../src/core/db/sqlite-migrations.js';
import { SqliteDb, type SqlParams } from '../../src/core/db/sqlite.js';
import { accountId } from '../../src/core/ledger/accounts.js';
import { applyEvents, eventBody, type ApplyOptions } from '../../src/core/ledger/apply.js';
import type { StoredEvent } from '../../src/core/ledger/rows.js';
import type { AccountRecord } from '../../src/core/ledger/transfer.js';
import { appendBatch } from '../../src/hub/append.js';
import { postgresAuditMigrations, postgresHubMigrations, postgresLedgerMigrations } from '../../src/hub/storage/postgres-migrations/index.js';
import { migratePostgres, PostgresHubStorage } from '../../src/hub/storage/postgres.js';
import { SqliteHubStorage } from '../../src/hub/storage/sqlite.js';
import type { AnswerRecord, AnswerSource, HubStorage, StaffRecord } from '../../src/hub/storage/types.js';
import { MARKETPLACE_ACTOR, type EventEnvelope } from '../../src/shared/escrow/envelope.js';
import type { OrderCommand, ShippingMethod } from '../../src/shared/escrow/order.js';
import { OrderDriver, rng, T0 } from '../support/driver.js';
import { tempDir } from '../support/files.js';
import { fileBytes } from '../support/hub-process.js';
import { createTestDatabase } from '../support/postgres.js';

const postgres = await createTestDatabase();
if (postgres.skipped) console.warn(`hub-storage: skipping the PostgreSQL cases: ${postgres.skipped}`);
const tmp = tempDir('hub-storage');

afterAll(async () => {
  await postgres.database?.drop();
  tmp.cleanup();
});

/** A second connection for raw SQL (`?` placeholders): what someone with a SQL shell can do. */
interface Raw {
  all(sql: string, params?: SqlParams): Promise<Array<Record<string, unknown>>>;
  migrate(scope: string, migrations: readonly Migration[]): Promise<number[]>;
  close(): Promise<void>;
}

interface Backend {
  name: 'sqlite' | 'postgres';
  title: string;
  skipped: boolean;
  /** A fresh, empty database: a SQLite file, or the URL of a fresh PostgreSQL schema. */
  fresh(): Promise<string>;
  open(where: string): Promise<HubStorage>;
  raw(where: string): Promise<Raw>;
}

let files = 0;
const sqliteBackend: Backend = {
  name: 'sqlite',
  title: 'sqlite',
  skipped: false,
  fresh: async () => tmp.file(`hub-${(files += 1)}.db`),
  open: (file) => SqliteHubStorage.open(file),
  async raw(file) {
    const db = await SqliteDb.open(file, { singleConnection: true });
    return {
      all: (sql, params = []) => db.withWriter((conn) => conn.all(sql, params)),
      migrate: (scope, migrations) => migrateSqlite(db, scope, migrations),
      close: () => db.close(),
    };
  },
};

const postgresBackend: Backend = {
  name: 'postgres',
  title: postgres.skipped ? `postgres (skipped: ${postgres.skipped})` : 'postgres',
  skipped: postgres.skipped !== null,
  fresh: () => postgres.database!.freshSchema(),
  open: (url) => PostgresHubStorage.open(url),
  async raw(url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      async all(sql, params = []) {
        let n = 0;
        return (await client.query(sql.replace(/\?/g, () => `$${(n += 1)}`), [...params])).rows as Array<Record<string, unknown>>;
      },
      migrate: (scope, migrations) => migratePostgres(client, scope, migrations),
      close: () => client.end(),
    };
  },
};

const ZERO = { seq: 0, checksum: '0'.repeat(64) };
const TABLES = ['events', 'accounts', 'transfers', 'orders', 'disputes', 'aggregates', 'ledger_meta', 'staff', 'sessions', 'answers', 'checkpoints', 'audit_log', 'attachments'];
/** Every migration of every scope, as schema_migrations lists them (the dialects share names). */
const MIGRATIONS = [
  ...postgresAuditMigrations.map((m) => `audit/${m.version}/${m.name}`),
  ...postgresHubMigrations.map((m) => `hub/${m.version}/${m.name}`),
  ...postgresLedgerMigrations.map((m) => `ledger/${m.version}/${m.name}`),
];
const PAYABLE = accountId('merchant_payable', 'CNY', 'M1');

const pay = (orderId: string, amount: bigint, merchantId = 'M1'): OrderCommand => ({
  type: 'order.pay',
  orderId,
  data: { buyerId: 'B1', merchantId, amount, currency: 'CNY', feeBps: 60, reserveBps: 1000 },
});
const ship = (orderId: string, method: ShippingMethod = 'express'): OrderCommand => ({ type: 'order.ship', orderId, data: { method } });

function staffRecord(id: string, name: string, extra: Partial<StaffRecord> = {}): StaffRecord {
  return { id, name, role: 'agent', passwordHash: `scrypt$${name}`, failedAttempts: 0, lockedUntil: null, disabled: false, createdAt: T0, ...extra };
}

function answerRecord(source: AnswerSource, id: string, status: AnswerRecord['status'] = 'accepted'): AnswerRecord {
  return {
    source,
    id,
    bodyHash: `${source}-${id}`,
    actorId: source === 'staff' ? 'S1' : null,
    type: 'order.confirm',
    aggregateId: 'O1',
    status,
    answer: JSON.stringify({ id, status }),
    at: T0,
  };
}

/** A staff action for the audit trail; odd ones carry no target and a detail with non-ASCII text. */
const auditAction = (n: number): AuditFields => ({
  at: T0 + n,
  actor: { id: `S${n % 3}`, role: 'finance' },
  action: 'command.accepted',
  ...(n % 2 === 0 ? { target: `order:O${n}` } : {}),
  detail: n % 2 === 0 ? { n } : { z: '退款 ✓', a: [n, null, true] },
});

const apply = (storage: HubStorage, events: readonly EventEnvelope[], options?: ApplyOptions) => storage.write((tx) => applyEvents(tx.ledger, events, options));

const orderOf = (storage: HubStorage, id: string) =>
  storage.write(async (tx) => ((await tx.ledger.loadStates('order', [id])).get(id) as OrderState | undefined) ?? null);

const accountOf = (storage: HubStorage, id: string) => storage.write(async (tx): Promise<AccountRecord | null> => (await tx.ledger.loadAccounts([id]))[0] ?? null);

const seqs = (events: readonly StoredEvent[]) => events.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('PostgreSQL migrations', () => {
  test('each scope folder is listed by the index, numbered from 1', () => {
    for (const [scope, migrations] of [
      ['ledger', postgresLedgerMigrations],
      ['hub', postgresHubMigrations],
      ['audit', postgresAuditMigrations],
    ] as const) {
      const folder = fileURLToPath(new URL(`../../src/hub/storage/postgres-migrations/${scope}/`, import.meta.url));
      const names = readdirSync(folder).filter((f) => /^\d{4}_.+\.ts$/.test(f)).sort();
      expect(names.map((f) => Number(f.slice(0, 4)))).toEqual(migrations.map((m) => m.version));
      expect(names.map((f) => f.slice(5, -3))).toEqual(migrations.map((m) => m.name));
    }
  });
});

describe.each([sqliteBackend, postgresBackend].map((b) => [b.title, b] as const))('HubStorage on %s', (_title, backend) => {
  const it = backend.skipped ? test.skip : test;
  let where: string;
  let storage: HubStorage;
  let raw: Raw;
  let driver: OrderDriver;

  beforeEach(async () => {
    where = await backend.fresh();
    storage = await backend.open(where);
    raw = await backend.raw(where);
    driver = new OrderDriver();
  });

  afterEach(async () => {
    await raw.close();
    await storage.close();
  });

  const dropImmutableTrigger = () => raw.all(backend.name === 'postgres' ? 'DROP TRIGGER transfers_are_immutable ON transfers' : 'DROP TRIGGER transfers_are_immutable');

  it('migrations create every table; opening again applies nothing', async () => {
    expect(storage.dialect).toBe(backend.name);
    for (const table of TABLES) expect(Number((await raw.all(`SELECT count(*) AS n FROM ${table}`))[0].n)).toBe(0);
    const applied = () => raw.all('SELECT scope, version, name, checksum, CAST(applied_at AS TEXT) AS applied_at FROM schema_migrations ORDER BY scope, version');
    const before = await applied();
    expect(before.map((r) => `${r.scope}/${r.version}/${r.name}`)).toEqual(MIGRATIONS);
    await storage.close();
    storage = await backend.open(where);
    expect(await applied()).toEqual(before);
  });

  it('refuses to open a database whose applied migration differs from this build', async () => {
    await raw.all("UPDATE schema_migrations SET checksum = 'edited' WHERE scope = 'ledger'");
    await expect(backend.open(where)).rejects.toThrow(/ledger migration 1 \(ledger\) applied to the database differs/);
  });

  it('a failing migration leaves neither its tables nor its record behind', async () => {
    const broken = [{ version: 1, name: 'broken', sql: 'CREATE TABLE scratch (x INTEGER); CREATE TABLE scratch (y INTEGER);' }];
    await expect(raw.migrate('test', broken)).rejects.toThrow(/scratch.* already exists/);
    expect(Number((await raw.all("SELECT count(*) AS n FROM schema_migrations WHERE scope = 'test'"))[0].n)).toBe(0);
    await expect(raw.all('SELECT count(*) FROM scratch')).rejects.toThrow(/scratch/);
  });

  it('staff: insert, find by name, count, update the sign-in state; names are unique', async () => {
    const alice = staffRecord('S1', 'alice', { role: 'admin' });
    const bob = staffRecord('S2', 'bob', { disabled: true, lockedUntil: T0 + 1, failedAttempts: 2 });
    await storage.write(async (tx) => {
      expect(await tx.countStaff()).toBe(0);
      await tx.insertStaff(alice);
      await tx.insertStaff(bob);
    });
    await storage.write(async (tx) => {
      expect(await tx.countStaff()).toBe(2);
      expect(await tx.findStaffByName('alice')).toEqual(alice);
      expect(await tx.findStaffByName('bob')).toEqual(bob);
      expect(await tx.findStaffByName('carol')).toBeNull();
      await tx.updateStaffAuth('S1', 3, T0 + 15 * 60_000);
    });
    expect(await storage.write((tx) => tx.findStaffByName('alice'))).toEqual({ ...alice, failedAttempts: 3, lockedUntil: T0 + 15 * 60_000 });
    await storage.write((tx) => tx.updateStaffAuth('S1', 0, null));
    expect(await storage.write((tx) => tx.findStaffByName('alice'))).toEqual(alice);
    await expect(storage.write((tx) => tx.insertStaff({ ...alice, id: 'S3' }))).rejects.toThrow(/unique/i);
  });

  it('sessions: insert, find with their staff member, delete the expired', async () => {
    const alice = staffRecord('S1', 'alice');
    const early = { tokenHash: 'h1', staffId: 'S1', createdAt: T0, expiresAt: T0 + 1000 };
    const late = { tokenHash: 'h2', staffId: 'S1', createdAt: T0 + 1, expiresAt: T0 + 5000 };
    await storage.write(async (tx) => {
      await tx.insertStaff(alice);
      await tx.insertSession(early);
      await tx.insertSession(late);
    });
    expect(await storage.findSession('h1')).toEqual({ session: early, staff: alice });
    expect(await storage.findSession('unknown')).toBeNull();
    expect(await storage.write((tx) => tx.deleteExpiredSessions(T0 + 999))).toBe(0);
    expect(await storage.write((tx) => tx.deleteExpiredSessions(T0 + 1000))).toBe(1);
    expect(await storage.findSession('h1')).toBeNull();
    expect(await storage.findSession('h2')).toEqual({ session: late, staff: alice });
    await expect(storage.write((tx) => tx.insertSession({ ...late, tokenHash: 'h3', staffId: 'nobody' }))).rejects.toThrow(/foreign key/i);
  });

  it('answers: found by (source, id); the primary key refuses a second answer', async () => {
    const found = (r: AnswerRecord) => [r.id, { bodyHash: r.bodyHash, answer: r.answer }] as const;
    const [c1, c2, m1] = [answerRecord('staff', 'c1'), answerRecord('staff', 'c2', 'rejected'), answerRecord('marketplace', 'c1')];
    await storage.write((tx) => tx.saveAnswers([c1, c2, m1]));
    await storage.write(async (tx) => {
      expect(await tx.findAnswers('staff', ['c1', 'c2', 'c3'])).toEqual(new Map([found(c1), found(c2)]));
      expect(await tx.findAnswers('marketplace', ['c1', 'c2'])).toEqual(new Map([found(m1)]));
      expect(await tx.findAnswers('staff', [])).toEqual(new Map());
      await tx.saveAnswers([]);
    });
    await expect(storage.write((tx) => tx.saveAnswers([{ ...c1, bodyHash: 'other' }]))).rejects.toThrow(/unique/i);
    expect(await storage.write((tx) => tx.findAnswers('staff', ['c1']))).toEqual(new Map([found(c1)]));
  });

  it('applies a lifecycle through the LedgerPort: orders, accounts, verify', async () => {
    const events = [...driver.must(pay('O1', 100_00n)), ...driver.must(ship('O1')), ...driver.must({ type: 'order.confirm', orderId: 'O1' }), ...driver.must(pay('O2', 50_00n))];
    const outcome = await apply(storage, events);
    expect(outcome.results).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(outcome.seqs).toEqual([1, 2, 3, 4]);
    expect(await orderOf(storage, 'O1')).toEqual(driver.states.get('O1'));
    expect(await orderOf(storage, 'O2')).toEqual(driver.states.get('O2'));
    expect(await orderOf(storage, 'O1')).toMatchObject({ status: 'released', released: 100_00n, fee: 60n, reserve: 10_00n });
    // 100.00 posted in, 0.60 fee and 10.00 reserve out; O2's 50.00 still pending.
    expect(await accountOf(storage, PAYABLE)).toMatchObject({ creditsPosted: 100_00n, debitsPosted: 10_60n, creditsPending: 50_00n, debitsPending: 0n, flags: 1 });
    const report = await storage.verify();
    expect(report).toMatchObject({ ok: true, events: 4, orders: 2, transfers: 5, open_holds: 1, open_holds_amount: { CNY: '5000' } });
    expect(report.checksum).toBe(outcome.digest);
    expect(report.stored_checksum).toBe(outcome.digest);
  });

  it('is idempotent by event id: exists, exists_with_different_fields', async () => {
    const events = driver.must(pay('O1', 100_00n));
    await apply(storage, events);
    const digest = await storage.write((tx) => tx.ledger.readDigest());
    expect((await apply(storage, events)).results).toEqual(['exists']);
    const tampered = { ...events[0], data: { ...events[0].data, amount: 1n } } as OrderEvent;
    expect((await apply(storage, [tampered])).results).toEqual(['exists_with_different_fields']);
    expect(await storage.write((tx) => tx.ledger.readDigest())).toBe(digest);
    expect(await storage.write((tx) => tx.ledger.maxSeqs())).toEqual({ event: 1, transfer: 1 });
    const [second] = driver.must(pay('O2', 1n));
    expect((await apply(storage, [second, second])).results).toEqual(['ok', 'exists']);
  });

  it('a refused event does not stop the batch; with atomic nothing is written', async () => {
    const [paid] = driver.must(pay('O1', 100_00n));
    const [bad] = new OrderDriver().must(pay('O9', 1n));
    const wrongVersion = { ...bad, aggregateId: 'O1', version: 5 } as OrderEvent;
    const [other] = driver.must(pay('O2', 7n));
    expect(await apply(storage, [paid, wrongVersion, other], { atomic: true })).toMatchObject({ results: ['ok', 'version_mismatch', 'ok'], seqs: [] });
    expect(await storage.write((tx) => tx.ledger.maxSeqs())).toEqual({ event: 0, transfer: 0 });
    expect(await orderOf(storage, 'O1')).toBeNull();
    expect(await apply(storage, [paid, wrongVersion, other])).toMatchObject({ results: ['ok', 'version_mismatch', 'ok'], seqs: [1, 2] });
    expect((await storage.verify()).ok).toBe(true);
  });

  it('keeps amounts above 2^53 exact', async () => {
    const events = [];
    for (let i = 0; i < 10; i += 1) events.push(...driver.must(pay(`BIG${i}`, 10n ** 15n, 'MBIG')));
    events.push(...driver.must(pay('ONE', 1n, 'MBIG')));
    await apply(storage, events);
    // 10^16 + 1 is odd and above 2^53: a JS number on the way would have rounded it.
    const total = 10n ** 16n + 1n;
    expect((await accountOf(storage, accountId('merchant_payable', 'CNY', 'MBIG')))!.creditsPending).toBe(total);
    const [row] = await raw.all('SELECT CAST(credits_pending AS TEXT) AS v FROM accounts WHERE id = ?', [accountId('merchant_payable', 'CNY', 'MBIG')]);
    expect(row.v).toBe(total.toString());
    expect((await storage.verify()).currencies.CNY.debits_pending).toBe(total.toString());
    expect(await orderOf(storage, 'BIG0')).toMatchObject({ amount: 10n ** 15n, held: 10n ** 15n });
  });

  it('eventsPage: pages end on a checkpoint, a batch larger than the limit comes whole; head', async () => {
    expect(await storage.head()).toEqual(ZERO);
    expect(await storage.eventsPage(0, 10)).toEqual({ events: [], checkpoint: ZERO });
    const batches = [3, 2, 4].map((n, b) => range(1, n).flatMap((i) => driver.must(pay(`B${b}-${i}`, BigInt(i)))));
    const digests: string[] = [];
    for (const batch of batches) digests.push((await storage.write((tx) => appendBatch(tx, batch))).digest);

    let page = await storage.eventsPage(0, 4);
    expect(seqs(page.events)).toEqual([1, 2, 3]);
    expect(page.checkpoint).toEqual({ seq: 3, checksum: digests[0] });
    page = await storage.eventsPage(0, 5);
    expect(seqs(page.events)).toEqual(range(1, 5));
    expect(page.checkpoint).toEqual({ seq: 5, checksum: digests[1] });
    page = await storage.eventsPage(5, 2);
    expect(seqs(page.events)).toEqual(range(6, 9));
    expect(page.checkpoint).toEqual({ seq: 9, checksum: digests[2] });
    page = await storage.eventsPage(3, 100);
    expect(seqs(page.events)).toEqual(range(4, 9));
    expect(await storage.eventsPage(9, 10)).toEqual({ events: [], checkpoint: { seq: 9, checksum: digests[2] } });
    expect(await storage.head()).toEqual({ seq: 9, checksum: digests[2] });

    const first = batches[0][0];
    const { body, bodyHash } = eventBody(first);
    expect((await storage.eventsPage(0, 1)).events[0]).toEqual({
      seq: 1,
      id: first.id,
      kind: 'order',
      aggregateId: first.aggregateId,
      version: 1,
      type: 'order.paid',
      at: T0,
      body,
      bodyHash,
    });
  });

  it('dueOrders: shipped, unfrozen, still held and due by now; earliest first', async () => {
    const events = [
      ...driver.must(pay('PAID', 1n)),
      ...driver.must(pay('DUE', 1n)),
      ...driver.must(ship('DUE', 'express')),
      ...driver.must(pay('EARLY', 1n)),
      ...driver.must(ship('EARLY', 'virtual')),
      ...driver.must(pay('LATER', 1n)),
      ...driver.must(ship('LATER', 'surface')),
      ...driver.must(pay('DISPUTED', 1n)),
      ...driver.must(ship('DISPUTED')),
      ...driver.must({
        type: 'order.open_dispute',
        orderId: 'DISPUTED',
        data: { disputeId: 'D1', kind: 'refund_request', reason: 'damaged', claimedAmount: 1n, currency: 'CNY' },
      }),
      ...driver.must(pay('RISK', 1n)),
      ...driver.must(ship('RISK')),
      ...driver.must({ type: 'order.risk_hold', orderId: 'RISK', data: { reason: 'velocity' } }),
      ...driver.must(pay('DONE', 1n)),
      ...driver.must(ship('DONE')),
      ...driver.must({ type: 'order.confirm', orderId: 'DONE' }),
    ];
    expect((await apply(storage, events)).results.every((r) => r === 'ok')).toBe(true);
    expect(await storage.dueOrders(T0 + 10 * DAY_MS, 100)).toEqual(['EARLY', 'DUE']);
    expect(await storage.dueOrders(T0 + 10 * DAY_MS, 1)).toEqual(['EARLY']);
    expect(await storage.dueOrders(T0 + 10 * DAY_MS - 1, 100)).toEqual(['EARLY']);
    expect(await storage.dueOrders(T0 + 30 * DAY_MS, 100)).toEqual(['EARLY', 'DUE', 'LATER']);
    expect(await storage.dueOrders(T0, 100)).toEqual([]);
  });

  it('aggregateEventsAfter: one aggregate of one kind, after a version, in order, limited', async () => {
    const record = {
      id: driver.newId(),
      aggregateId: 'O1',
      version: 1,
      at: T0,
      actor: MARKETPLACE_ACTOR,
      type: 'statement.line_received',
      data: { lineId: 'O1', accountRef: 'acct', bookedAt: T0, amount: 100n, currency: 'CNY', reference: 'O1' },
    } as EventEnvelope;
    const events = [...driver.must(pay('O1', 5n)), ...driver.must(ship('O1')), ...driver.must(pay('O2', 5n)), record, ...driver.must({ type: 'order.confirm', orderId: 'O1' })];
    expect((await apply(storage, events)).results.every((r) => r === 'ok')).toBe(true);
    const after = await storage.aggregateEventsAfter('order', 'O1', 1, 10);
    expect(after.map((e) => [e.seq, e.version, e.type])).toEqual([
      [2, 2, 'order.shipped'],
      [5, 3, 'order.released'],
    ]);
    expect((await storage.aggregateEventsAfter('order', 'O1', 0, 2)).map((e) => e.version)).toEqual([1, 2]);
    expect((await storage.aggregateEventsAfter('record', 'O1', 0, 10)).map((e) => e.type)).toEqual(['statement.line_received']);
    expect(await storage.aggregateEventsAfter('order', 'unknown', 0, 10)).toEqual([]);
    expect((await storage.write((tx) => tx.ledger.loadStates('record', ['O1']))).get('O1')).toEqual({
      id: 'O1',
      version: 1,
      type: 'statement.line_received',
      data: { lineId: 'O1', accountRef: 'acct', bookedAt: T0, amount: '100', currency: 'CNY', reference: 'O1' },
      at: T0,
    });
  });

  it('savepoint: a failure undoes its own writes and the transaction goes on', async () => {
    await storage.write(async (tx) => {
      await tx.insertStaff(staffRecord('S1', 'alice'));
      await expect(
        tx.savepoint(async () => {
          await tx.insertStaff(staffRecord('S2', 'bob'));
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      // A failing statement too: on PostgreSQL it aborts the transaction back to the savepoint.
      await expect(
        tx.savepoint(async () => {
          await tx.insertStaff(staffRecord('S3', 'carol'));
          await tx.insertStaff(staffRecord('S4', 'alice'));
        }),
      ).rejects.toThrow(/unique/i);
      expect(await tx.savepoint(async () => tx.insertStaff(staffRecord('S5', 'dave')).then(() => 'kept'))).toBe('kept');
      await applyEvents(tx.ledger, driver.must(pay('O1', 1n)));
    });
    const names = (await raw.all('SELECT name FROM staff')).map((r) => r.name).sort();
    expect(names).toEqual(['alice', 'dave']);
    expect(await orderOf(storage, 'O1')).toMatchObject({ status: 'paid' });
  });

  it('an error thrown in write() rolls back everything it wrote; the storage goes on', async () => {
    await storage.write((tx) => appendBatch(tx, driver.must(pay('O1', 1n))));
    const head = await storage.head();
    await expect(
      storage.write(async (tx) => {
        await tx.insertStaff(staffRecord('S1', 'alice'));
        await tx.saveAnswers([answerRecord('staff', 'c1')]);
        await appendBatch(tx, [...driver.must(pay('O2', 5n)), ...driver.must(ship('O1'))]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await storage.head()).toEqual(head);
    expect(seqs((await storage.eventsPage(0, 100)).events)).toEqual([1]);
    await storage.write(async (tx) => {
      expect(await tx.countStaff()).toBe(0);
      expect(await tx.findAnswers('staff', ['c1'])).toEqual(new Map());
      expect(await tx.ledger.maxSeqs()).toEqual({ event: 1, transfer: 1 });
    });
    expect(await orderOf(storage, 'O1')).toMatchObject({ status: 'paid', version: 1 });
    expect(await orderOf(storage, 'O2')).toBeNull();
    expect((await storage.verify()).ok).toBe(true);
    expect((await apply(storage, driver.must(pay('O3', 1n)))).seqs).toEqual([2]);
  });

  it('writes run one at a time', async () => {
    // Each reads the count and inserts the next name: two interleaved would read the same count.
    await Promise.all(
      range(1, 20).map((i) =>
        storage.write(async (tx) => {
          const n = await tx.countStaff();
          await new Promise((resolve) => setTimeout(resolve, 1));
          await tx.insertStaff(staffRecord(`S${i}`, `staff-${n}`));
        }),
      ),
    );
    const names = (await raw.all('SELECT name FROM staff')).map((r) => String(r.name));
    expect(names.sort()).toEqual(range(0, 19).map((n) => `staff-${n}`).sort());
  });

  it('reads run beside an open write and see only what is committed', async () => {
    await storage.write(async (tx) => {
      await appendBatch(tx, driver.must(pay('O1', 1n)));
      await tx.insertStaff(staffRecord('S1', 'alice'));
      await tx.insertSession({ tokenHash: 'h1', staffId: 'S1', createdAt: T0, expiresAt: T0 + 1000 });
      expect(await storage.head()).toEqual(ZERO);
      expect((await storage.eventsPage(0, 10)).events).toEqual([]);
      expect(await storage.findSession('h1')).toBeNull();
    });
    expect((await storage.head()).seq).toBe(1);
    expect(await storage.findSession('h1')).not.toBeNull();
  });

  it('writes waiting in the queue do not hold up reads', async () => {
    let done = 0;
    const writes = range(1, 30).map((i) =>
      storage.write(async (tx) => {
        await tx.insertStaff(staffRecord(`S${i}`, `staff-${i}`));
        await new Promise((resolve) => setTimeout(resolve, 10));
        done += 1;
      }),
    );
    await storage.head();
    expect(done).toBeLessThan(5);
    await Promise.all(writes);
    expect(await storage.write((tx) => tx.countStaff())).toBe(30);
  });

  it('storages opening a fresh database together migrate it once', async () => {
    const fresh = await backend.fresh();
    const opened = await Promise.all(range(1, 4).map(() => backend.open(fresh)));
    await Promise.all(opened.map((s) => s.close()));
    const check = await backend.raw(fresh);
    try {
      expect(Number((await check.all('SELECT count(*) AS n FROM schema_migrations'))[0].n)).toBe(MIGRATIONS.length);
    } finally {
      await check.close();
    }
  });

  it('two storages on one database append without interleaving', async () => {
    const other = await backend.open(where);
    const run = async (target: HubStorage, prefix: string) => {
      const own = new OrderDriver();
      for (let b = 0; b < 10; b += 1) await target.write((tx) => appendBatch(tx, range(1, 3).flatMap((i) => own.must(pay(`${prefix}${b}-${i}`, 1n)))));
    };
    try {
      await Promise.all([run(storage, 'A'), run(other, 'B')]);
    } finally {
      await other.close();
    }
    const page = await storage.eventsPage(0, 1000);
    expect(seqs(page.events)).toEqual(range(1, 60));
    const report = await storage.verify();
    expect(report).toMatchObject({ ok: true, events: 60, transfers: 60, checksum: page.checkpoint.checksum });
  });

  it('the schema refuses UPDATE and DELETE of transfers and events', async () => {
    await apply(storage, driver.must(pay('O1', 100_00n)));
    await expect(raw.all('UPDATE transfers SET amount = 1')).rejects.toThrow(/transfers are immutable/);
    await expect(raw.all('DELETE FROM transfers')).rejects.toThrow(/transfers are append-only/);
    await expect(raw.all('UPDATE events SET type = ?', ['x'])).rejects.toThrow(/events are immutable/);
    await expect(raw.all('DELETE FROM events')).rejects.toThrow(/events are append-only/);
    expect((await storage.verify()).ok).toBe(true);
  });

  it('the schema keeps its other guards: resolve once, balance limits, amounts adding up, kinds, versions', async () => {
    const events = [...driver.must(pay('O1', 100_00n)), ...driver.must({ type: 'order.refund', orderId: 'O1', data: { amount: 100_00n, currency: 'CNY' } })];
    await apply(storage, events);
    const transfer = `INSERT INTO transfers (id, seq, event_id, kind, debit_account_id, credit_account_id, amount, currency, pending_id, order_id, code, at)
      VALUES ('x', 99, 'e', ?, 'buyer_funds:CNY', '${PAYABLE}', 1, 'CNY', ?, 'O1', 'release', 0)`;
    await expect(raw.all(transfer, ['post', `${events[0].id}.0`])).rejects.toThrow(/unique/i);
    await expect(raw.all(transfer, ['post', null])).rejects.toThrow(/check constraint/i);
    await expect(raw.all(`UPDATE accounts SET debits_posted = 1 WHERE id = '${PAYABLE}'`)).rejects.toThrow(/check constraint/i);
    await expect(raw.all("UPDATE orders SET held = held + 1 WHERE order_id = 'O1'")).rejects.toThrow(/check constraint/i);
    await expect(
      raw.all("INSERT INTO events (seq, id, kind, aggregate_id, version, type, at, body, body_hash) VALUES (99, 'x', 'order', 'O1', 2, 't', 0, '{}', 'h')"),
    ).rejects.toThrow(/unique/i);
    expect((await storage.verify()).ok).toBe(true);
  });

  it('verify: ok on a good ledger; names balances_match_transfers after a hand edit of a transfer', async () => {
    await apply(storage, [...driver.must(pay('O1', 100_00n)), ...driver.must(ship('O1')), ...driver.must({ type: 'order.confirm', orderId: 'O1' })]);
    const good = await storage.verify();
    expect(good).toMatchObject({ ok: true, failed: [] });
    await dropImmutableTrigger();
    await raw.all("UPDATE transfers SET amount = amount + 1 WHERE code = 'fee'");
    const bad = await storage.verify();
    expect(bad.ok).toBe(false);
    expect(bad.failed).toContain('balances_match_transfers');
    expect(bad.invariants.find((i) => i.name === 'balances_match_transfers')!.violations.join('\n')).toMatch(/platform_fees:CNY/);
  });

  it('audit: appends chain across transactions, in order; head and pages see what is committed', async () => {
    expect(await storage.auditHead()).toBeNull();
    expect(await storage.write((tx) => tx.appendAudit([]))).toEqual([]);
    const first = await storage.write(async (tx) => {
      const entries = await tx.appendAudit([auditAction(1), auditAction(2)]);
      expect(await storage.auditHead()).toBeNull();
      return entries;
    });
    const second = await storage.write((tx) => tx.appendAudit(range(3, 5).map(auditAction)));
    const entries = [...first, ...second];
    expect(entries.map((e) => e.seq)).toEqual(range(1, 5));
    expect(entries.map((e) => e.prevHash)).toEqual([GENESIS_HASH, ...entries.slice(0, -1).map((e) => e.hash)]);
    expect(await storage.auditHead()).toEqual({ seq: 5, hash: entries[4].hash });
    expect(await storage.auditPage(0, 3)).toEqual(entries.slice(0, 3));
    expect(await storage.auditPage(3, MAX_AUDIT_PAGE)).toEqual(entries.slice(3));
    expect(await storage.auditPage(5, 10)).toEqual([]);
    await expect(storage.auditPage(0, MAX_AUDIT_PAGE + 1)).rejects.toThrow(RangeError);
    // actor and detail are stored as the canonical JSON that was hashed, byte for byte.
    expect((await raw.all('SELECT actor, detail FROM audit_log WHERE seq = 1'))[0]).toEqual({
      actor: '{"id":"S1","role":"finance"}',
      detail: '{"a":[1,null,true],"z":"退款 ✓"}',
    });
    expect((await storage.verify()).ok).toBe(true);
  });

  it('audit: writers racing, from two storages too, still chain one after the other', async () => {
    const other = await backend.open(where);
    try {
      const appendTwo = (target: HubStorage, n: number) => target.write((tx) => tx.appendAudit([auditAction(n), auditAction(n + 1)]));
      await Promise.all([storage, other].flatMap((target, k) => range(1, 5).map((i) => appendTwo(target, 10 * k + i))));
    } finally {
      await other.close();
    }
    expect((await storage.auditPage(0, 100)).map((e) => e.seq)).toEqual(range(1, 20));
    expect((await storage.verify()).ok).toBe(true);
  });

  it('audit: a write that fails leaves no entry; a batch is checked whole and bounded', async () => {
    const [entry] = await storage.write((tx) => tx.appendAudit([auditAction(1)]));
    await expect(
      storage.write(async (tx) => {
        await tx.appendAudit([auditAction(2)]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(storage.write((tx) => tx.appendAudit([auditAction(3), { ...auditAction(4), at: -1 }]))).rejects.toThrow(AuditEntryError);
    await expect(storage.write((tx) => tx.appendAudit(range(1, MAX_AUDIT_BATCH + 1).map(auditAction)))).rejects.toThrow(RangeError);
    expect(await storage.auditHead()).toEqual({ seq: 1, hash: entry.hash });
    const full = await storage.write((tx) => tx.appendAudit(range(1, MAX_AUDIT_BATCH).map(auditAction)));
    expect(full[0].prevHash).toBe(entry.hash);
    expect(await storage.auditHead()).toEqual({ seq: MAX_AUDIT_BATCH + 1, hash: full[MAX_AUDIT_BATCH - 1].hash });
    expect((await storage.verify()).ok).toBe(true);
  });

  it('audit: the schema refuses changes and rows that do not extend the head', async () => {
    const [entry] = await storage.write((tx) => tx.appendAudit([auditAction(1)]));
    await expect(raw.all('UPDATE audit_log SET detail = ?', ['{}'])).rejects.toThrow(/entries cannot be changed/);
    await expect(raw.all('DELETE FROM audit_log')).rejects.toThrow(/entries cannot be deleted/);
    if (backend.name === 'postgres') await expect(raw.all('TRUNCATE audit_log')).rejects.toThrow(/entries cannot be deleted/);
    const insert = `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`;
    const next = nextEntry(entry, auditAction(2));
    await expect(raw.all(insert, auditRow({ ...next, seq: 3 }))).rejects.toThrow(/must extend the head/);
    await expect(raw.all(insert, auditRow({ ...next, prevHash: GENESIS_HASH }))).rejects.toThrow(/must extend the head/);
    await raw.all(insert, auditRow(next));
    expect(await storage.auditPage(0, 10)).toEqual([entry, next]);
    expect((await storage.verify()).ok).toBe(true);
  });

  it('verify: names audit_chain_intact after a hand edit of an audit entry', async () => {
    await storage.write((tx) => tx.appendAudit(range(1, 3).map(auditAction)));
    const good = await storage.verify();
    expect(good).toMatchObject({ ok: true, failed: [] });
    expect(good.invariants.find((i) => i.name === 'audit_chain_intact')).toEqual({ name: 'audit_chain_intact', ok: true, violations: [] });
    await raw.all(backend.name === 'postgres' ? 'ALTER TABLE audit_log DISABLE TRIGGER USER' : 'DROP TRIGGER audit_log_is_immutable');
    await raw.all('UPDATE audit_log SET detail = ? WHERE seq = 2', ['{"n":20}']);
    const bad = await storage.verify();
    expect(bad).toMatchObject({ ok: false, failed: ['audit_chain_intact'] });
    expect(bad.invariants.find((i) => i.name === 'audit_chain_intact')!.violations).toEqual([expect.stringMatching(/^audit seq 2 hash_mismatch/)]);
  });

  it('attachments: stored once by hash with their exact bytes, looked up in bulk, never changed or deleted', async () => {
    const photo = fileOf('image/png', 70_000);
    const receipt = fileOf('application/pdf', 300);
    expect(await storage.write((tx) => tx.putAttachment(photo))).toBe(true);
    expect(await storage.write((tx) => tx.putAttachment(receipt))).toBe(true);
    // The same hash again (a retried upload) keeps the first copy and says it was not new.
    expect(await storage.write((tx) => tx.putAttachment({ ...photo, receivedAt: photo.receivedAt + 1 }))).toBe(false);

    const read = await storage.attachment(photo.sha256);
    expect(read).toMatchObject({ sha256: photo.sha256, mime: 'image/png', size: 70_000, receivedAt: photo.receivedAt });
    expect(Buffer.from(read!.bytes).equals(Buffer.from(photo.bytes))).toBe(true);
    expect(await storage.attachment('f'.repeat(64))).toBeNull();
    const info = await storage.write((tx) => tx.attachmentInfo([photo.sha256, receipt.sha256, 'f'.repeat(64)]));
    expect(Object.fromEntries(info)).toEqual({ [photo.sha256]: { mime: 'image/png', size: 70_000 }, [receipt.sha256]: { mime: 'application/pdf', size: 300 } });
    expect((await storage.write((tx) => tx.attachmentInfo([]))).size).toBe(0);

    await expect(raw.all('UPDATE attachments SET mime = ?', ['image/jpeg'])).rejects.toThrow(/attachments are immutable/);
    await expect(raw.all('DELETE FROM attachments')).rejects.toThrow(/never deleted/);
    if (backend.name === 'postgres') await expect(raw.all('TRUNCATE attachments')).rejects.toThrow(/never deleted/);
    // A row whose bytes are not its size, or of a type not allowed, cannot be written by hand either.
    const forged = { ...fileOf('image/png', 10), sha256: 'e'.repeat(64) };
    await expect(storage.write((tx) => tx.putAttachment({ ...forged, size: 11 }))).rejects.toThrow();
    await expect(storage.write((tx) => tx.putAttachment({ ...forged, mime: 'text/html' as 'image/png' }))).rejects.toThrow();
    expect(await storage.attachment(forged.sha256)).toBeNull();
  });

  it('verify: attachments_intact names a stored file that no longer hashes to its key, and a reference to a file not held', async () => {
    const photo = fileOf('image/png', 5_000);
    await storage.write((tx) => tx.putAttachment(photo));
    expect((await storage.verify()).invariants.find((i) => i.name === 'attachments_intact')).toEqual({ name: 'attachments_intact', ok: true, violations: [] });

    await raw.all(backend.name === 'postgres' ? 'ALTER TABLE attachments DISABLE TRIGGER USER' : 'DROP TRIGGER attachments_immutable');
    const flipped = Buffer.from(photo.bytes);
    flipped[100] ^= 1;
    await raw.all('UPDATE attachments SET bytes = ? WHERE sha256 = ?', [flipped as unknown as string, photo.sha256]);
    // A message event written by hand, citing a file the hub never received.
    const missing = 'c'.repeat(64);
    const body = JSON.stringify({ type: 'dispute.message_added', data: { from: 'buyer', text: 'see photo', attachments: [{ sha256: missing, name: 'p.png', mime: 'image/png', size: 10 }] } });
    await raw.all("INSERT INTO events (seq, id, kind, aggregate_id, version, type, at, body, body_hash) VALUES (900, 'e900', 'dispute', 'D9', 1, 'dispute.message_added', 1, ?, 'h')", [body]);
    const broken = await storage.verify();
    expect(broken.failed).toContain('attachments_intact');
    expect(broken.invariants.find((i) => i.name === 'attachments_intact')!.violations).toEqual([
      expect.stringMatching(new RegExp(`^attachment ${photo.sha256}: the file's SHA-256 is`)),
      `event seq 900 (dispute D9) references attachment ${missing}, which the hub does not hold`,
    ]);
  });
});

/** A file as the hub keeps it: `size` bytes of `mime` (its signature first) under their real SHA-256. */
function fileOf(mime: 'image/png' | 'application/pdf', size: number) {
  const bytes = fileBytes(mime, size);
  return { sha256: sha256Hex(bytes), mime, size, bytes, receivedAt: T0 };
}

/** A seeded mix of lifecycles: releases, partial refunds, disputes, risk holds, large amounts. */
function mixedStream(): EventEnvelope[][] {
  const driver = new OrderDriver();
  const random = rng(7);
  const events: EventEnvelope[] = [];
  const run = (command: OrderCommand) => events.push(...driver.run(command).events);
  for (let i = 0; i < 60; i += 1) {
    const orderId = `X${i}`;
    const amount = i % 10 === 0 ? 10n ** 15n - BigInt(i) : BigInt(1 + Math.floor(random() * 1_000_000));
    run(pay(orderId, amount, `M${i % 4}`));
    const roll = random();
    if (roll < 0.8) run(ship(orderId, (['express', 'virtual', 'surface'] as const)[i % 3]));
    if (roll < 0.3) run({ type: 'order.confirm', orderId });
    else if (roll < 0.5) run({ type: 'order.refund', orderId, data: { amount: amount / 3n + 1n, currency: 'CNY' } });
    else if (roll < 0.6) run({ type: 'order.open_dispute', orderId, data: { disputeId: `D${i}`, kind: 'dispute', reason: 'other', claimedAmount: 1n, currency: 'CNY' } });
    else if (roll < 0.7) run({ type: 'order.risk_hold', orderId, data: { reason: 'review' } });
    else if (roll < 0.8) run({ type: 'order.release', orderId, data: { amount: amount / 2n + 1n, currency: 'CNY' } });
  }
  return range(0, Math.ceil(events.length / 25) - 1).map((b) => events.slice(b * 25, b * 25 + 25));
}

describe('SQLite and PostgreSQL together', () => {
  const it = postgresBackend.skipped ? test.skip : test;

  it('the same event stream and audit entries applied to both yield the same checksum, logs and report', async () => {
    const batches = mixedStream();
    const results = [];
    for (const backend of [sqliteBackend, postgresBackend]) {
      const storage = await backend.open(await backend.fresh());
      try {
        for (const batch of batches) expect((await storage.write((tx) => appendBatch(tx, batch))).results.every((r) => r === 'ok')).toBe(true);
        for (const n of [1, 4, 16]) await storage.write((tx) => tx.appendAudit(range(n, 2 * n).map(auditAction)));
        results.push({
          head: await storage.head(),
          page: await storage.eventsPage(0, 10_000),
          report: await storage.verify(),
          audit: await storage.auditPage(0, MAX_AUDIT_PAGE),
        });
      } finally {
        await storage.close();
      }
    }
    const [onSqlite, onPostgres] = results;
    expect(onSqlite.report.ok).toBe(true);
    expect(onSqlite.report.transfers).toBeGreaterThan(100);
    expect(onPostgres.head).toEqual(onSqlite.head);
    expect(onPostgres.report.checksum).toBe(onSqlite.head.checksum);
    expect(onPostgres.page).toEqual(onSqlite.page);
    expect(onPostgres.report).toEqual(onSqlite.report);
    expect(onSqlite.audit).toHaveLength(24);
    expect(onPostgres.audit).toEqual(onSqlite.audit);
  });
});
