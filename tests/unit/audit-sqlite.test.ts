import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_COLUMNS, auditRow, MAX_AUDIT_PAGE, streamAuditLog } from '../../src/core/audit/audit-table.js';
import { consoleHeadFields, recordedConsoleHead } from '../../src/core/audit/chain-head.js';
import { nextEntry, type AuditEntry, type AuditFields, type AuditHead } from '../../src/core/audit/chain.js';
import { AUDIT_SCOPE, sqliteAuditMigrations } from '../../src/core/audit/migrations/index.js';
import { auditInvariant, SqliteAuditLog } from '../../src/core/audit/sqlite-audit.js';
import { verifyChain } from '../../src/core/audit/verify-chain.js';
import { insertMany, SqliteDb, type SqlRunner } from '../../src/core/db/sqlite.js';
import { SqliteLedger } from '../../src/core/ledger/sqlite-ledger.js';
import { verifyLedger, type Query } from '../../src/core/ledger/verify.js';
import { tempDir } from '../support/files.js';

let tmp: ReturnType<typeof tempDir>;
let ledger: SqliteLedger;
let log: SqliteAuditLog;

beforeEach(async () => {
  tmp = tempDir('audit');
  ledger = await SqliteLedger.open(tmp.file('console.db'));
  log = await SqliteAuditLog.open(ledger.db);
});
afterEach(async () => {
  await ledger.close();
  tmp.cleanup();
});

const action = (at: number, detail: AuditFields['detail'] = { n: at }): AuditFields => ({
  at,
  actor: { id: `S${at % 3}`, role: 'finance' },
  action: 'command.accepted',
  target: `order:O${at}`,
  detail,
});

async function appendMany(n: number): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let i = 1; i <= n; i += 1) entries.push(await log.append(action(1_000 + i)));
  return entries;
}

const readQuery: Query = (sql, params) => ledger.db.read.all(sql, params);
const verifyStored = (expectedHead?: AuditHead) => verifyChain(streamAuditLog(readQuery), { expectedHead });
const problems = async (expectedHead?: AuditHead) => (await verifyStored(expectedHead)).violations.map((v) => [v.seq, v.problem]);

/** Raw SQL on the file from a connection of its own, guards dropped first, as an attacker would. */
async function tamper(work: (conn: SqlRunner) => Promise<unknown>): Promise<void> {
  const attacker = await SqliteDb.open(tmp.file('console.db'), { singleConnection: true });
  try {
    await attacker.withWriter(async (conn) => {
      await conn.exec('DROP TRIGGER audit_log_extends_head; DROP TRIGGER audit_log_is_immutable; DROP TRIGGER audit_log_is_append_only;');
      await work(conn);
    });
  } finally {
    await attacker.close();
  }
}

const insertRow = (conn: SqlRunner, entry: AuditEntry) => conn.run('INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', auditRow(entry));
/** Moves rows after `seq` up by one, through a range no row uses (seq is a key and must stay >= 1). */
const renumberAfter = async (conn: SqlRunner, seq: number) => {
  await conn.run('UPDATE audit_log SET seq = seq + 1000000 WHERE seq > ?', [seq]);
  await conn.run('UPDATE audit_log SET seq = seq - 999999 WHERE seq > 1000000');
};

describe('the audit migration', () => {
  it('is listed in order by the scope’s index and creates the table with its guards', async () => {
    const folder = fileURLToPath(new URL('../../src/core/audit/migrations/', import.meta.url));
    const files = readdirSync(folder).filter((f) => /^\d{4}_.+\.ts$/.test(f)).sort();
    expect(files.map((f) => [Number(f.slice(0, 4)), f.slice(5, -3)])).toEqual(sqliteAuditMigrations.map((m) => [m.version, m.name]));
    const names = (await ledger.db.read.all<{ name: string }>("SELECT name FROM sqlite_master WHERE name LIKE 'audit_log%' ORDER BY name")).map((r) => r.name);
    expect(names).toEqual(['audit_log', 'audit_log_extends_head', 'audit_log_is_append_only', 'audit_log_is_immutable']);
    expect(await ledger.db.read.all('SELECT version, name FROM schema_migrations WHERE scope = ?', [AUDIT_SCOPE])).toEqual([{ version: 1, name: 'audit' }]);
  });

  it('check-only refuses a database without the audit scope, without changing it', async () => {
    const other = await SqliteLedger.open(tmp.file('other.db'));
    try {
      await expect(SqliteAuditLog.open(other.db, { checkOnly: true })).rejects.toThrow(/audit schema is at migration 0/);
      expect(await other.db.read.all("SELECT name FROM sqlite_master WHERE name = 'audit_log'")).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('SqliteAuditLog', () => {
  it('appends a chain and reads it back as written, by head and by page', async () => {
    expect(await log.head()).toBeNull();
    const entries = await appendMany(7);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await log.head()).toEqual({ seq: 7, hash: entries[6].hash });
    expect(await log.page(0, 3)).toEqual(entries.slice(0, 3));
    expect(await log.page(3, 100)).toEqual(entries.slice(3));
    expect(await log.page(7, 100)).toEqual([]);
    await expect(log.page(0, MAX_AUDIT_PAGE + 1)).rejects.toThrow(RangeError);
    expect(await verifyStored({ seq: 7, hash: entries[6].hash })).toMatchObject({ ok: true, length: 7 });
  });

  it('chains 50 concurrent appends one after the other', async () => {
    const appended = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(action(i))));
    expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await verifyStored()).toMatchObject({ ok: true, length: 50, head: await log.head() });
  });

  it('writes an entry in the caller’s transaction: committed with its action or not at all', async () => {
    await expect(
      ledger.db.transaction(async (tx) => {
        await log.appendInTransaction(tx, action(1));
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await log.head()).toBeNull();
    const [first, second] = await ledger.db.transaction(async (tx) => [await log.appendInTransaction(tx, action(1)), await log.appendInTransaction(tx, action(2))]);
    expect(second.prevHash).toBe(first.hash);
    expect(await log.head()).toEqual({ seq: 2, hash: second.hash });
  });

  it('refuses UPDATE, DELETE and an insert that does not extend the head', async () => {
    const [first] = await appendMany(2);
    await expect(ledger.db.withWriter((c) => c.run("UPDATE audit_log SET detail = '{}' WHERE seq = 1"))).rejects.toThrow(/append-only: entries cannot be changed/);
    await expect(ledger.db.withWriter((c) => c.run('DELETE FROM audit_log WHERE seq = 2'))).rejects.toThrow(/append-only: entries cannot be deleted/);
    const stale = nextEntry(first, action(9));
    await expect(ledger.db.withWriter((c) => insertRow(c, { ...stale, seq: 3 }))).rejects.toThrow(/must extend the head/);
    expect(await verifyStored()).toMatchObject({ ok: true, length: 2 });
  });
});

describe('tampering with the file', () => {
  it('an edited detail', async () => {
    await appendMany(10);
    await tamper((c) => c.run(`UPDATE audit_log SET detail = '{"n":1}' WHERE seq = 4`));
    expect(await problems()).toEqual([[4, 'hash_mismatch']]);
  });

  it('an edited actor', async () => {
    await appendMany(10);
    await tamper((c) => c.run(`UPDATE audit_log SET actor = '{"id":"S9","role":"admin"}' WHERE seq = 3`));
    expect(await problems()).toEqual([[3, 'hash_mismatch']]);
  });

  it('a deleted entry in the middle: a gap and a broken link', async () => {
    await appendMany(10);
    await tamper((c) => c.run('DELETE FROM audit_log WHERE seq = 5'));
    expect(await problems()).toEqual([
      [6, 'sequence_gap'],
      [6, 'broken_link'],
    ]);
  });

  it('a deleted last entry: invisible in the chain, caught against the head the hub recorded', async () => {
    const entries = await appendMany(10);
    const hubLedger = await SqliteLedger.open(tmp.file('hub.db'));
    try {
      const hubLog = await SqliteAuditLog.open(hubLedger.db);
      await hubLog.append(consoleHeadFields({ consoleId: 'C1', ...(await log.head())! }, 5_000));
      await tamper((c) => c.run('DELETE FROM audit_log WHERE seq = 10'));
      expect(await problems()).toEqual([]);
      const recorded = recordedConsoleHead((await hubLog.page(0, 1))[0])!;
      expect(recorded).toEqual({ consoleId: 'C1', seq: 10, hash: entries[9].hash });
      expect(await problems(recorded)).toEqual([[10, 'head_mismatch']]);
    } finally {
      await hubLedger.close();
    }
  });

  it('a reordered pair: two rows’ content swapped', async () => {
    await appendMany(10);
    await tamper((c) =>
      c.exec(`
        CREATE TEMP TABLE pair AS SELECT * FROM audit_log WHERE seq IN (4, 5);
        UPDATE audit_log SET (at, actor, action, target, detail, prev_hash, hash) =
          (SELECT at, actor, action, target, detail, prev_hash, hash FROM pair WHERE pair.seq = 9 - audit_log.seq)
        WHERE seq IN (4, 5);`),
    );
    expect(await problems()).toEqual([
      [4, 'reordered'],
      [5, 'reordered'],
    ]);
  });

  it('an inserted entry, the rows after it renumbered to make room', async () => {
    const entries = await appendMany(10);
    const forged = nextEntry(entries[2], action(7, { refund: '9999900' }));
    await tamper(async (c) => {
      await renumberAfter(c, 3);
      await insertRow(c, forged);
    });
    expect(await problems()).toEqual([
      [4, 'inserted'],
      [5, 'renumbered'],
    ]);
  });

  it('an inserted entry with the whole tail re-hashed: caught only against a recorded head', async () => {
    const entries = await appendMany(10);
    const head = (await log.head())!;
    const rewritten = [nextEntry(entries[2], action(7, { refund: '9999900' }))];
    for (const e of entries.slice(3)) rewritten.push(nextEntry(rewritten.at(-1)!, e));
    await tamper(async (c) => {
      await c.run('DELETE FROM audit_log WHERE seq > 3');
      for (const e of rewritten) await insertRow(c, e);
    });
    expect(await problems()).toEqual([]);
    expect(await problems(head)).toEqual([[10, 'head_mismatch']]);
  });
});

describe('verify: audit_chain_intact', () => {
  const verify = (db: SqliteDb) => db.snapshot((conn) => verifyLedger((sql, params) => conn.all(sql, params), [auditInvariant]));

  it('passes on an empty log, an intact one, and a database without the table', async () => {
    expect((await verify(ledger.db)).invariants.find((i) => i.name === 'audit_chain_intact')).toEqual({ name: 'audit_chain_intact', ok: true, violations: [] });
    await appendMany(5);
    expect(await verify(ledger.db)).toMatchObject({ ok: true, failed: [] });
    const bare = await SqliteLedger.open(tmp.file('bare.db'));
    try {
      expect(await verify(bare.db)).toMatchObject({ ok: true, failed: [] });
    } finally {
      await bare.close();
    }
  });

  it('fails after tampering, naming the entry, across pages', async () => {
    // Built in memory and written with multi-row statements: the guard trigger checks each row.
    const entries: AuditEntry[] = [];
    for (let i = 0; i < 4_500; i += 1) entries.push(nextEntry(entries.at(-1) ?? null, action(i)));
    await ledger.db.transaction((tx) => insertMany(tx, 'audit_log', AUDIT_COLUMNS, entries.map(auditRow)));
    await tamper((c) => c.run(`UPDATE audit_log SET target = 'order:O1' WHERE seq = 4321`));
    const report = await verify(ledger.db);
    expect(report.failed).toEqual(['audit_chain_intact']);
    expect(report.invariants.find((i) => i.name === 'audit_chain_intact')!.violations).toEqual([expect.stringMatching(/^audit seq 4321 hash_mismatch: /)]);
  });
});
