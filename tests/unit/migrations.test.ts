import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateSqlite } from '../../src/core/db/sqlite-migrations.js';
import { SqliteDb } from '../../src/core/db/sqlite.js';
import { LEDGER_SCOPE, sqliteLedgerMigrations } from '../../src/core/migrations/sqlite/index.js';
import { tempDir } from '../support/files.js';

let tmp: ReturnType<typeof tempDir>;
let db: SqliteDb;
beforeEach(async () => {
  tmp = tempDir('migrations');
  db = await SqliteDb.open(tmp.file('m.db'));
});
afterEach(async () => {
  await db.close();
  tmp.cleanup();
});

const tables = async () => (await db.read.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((r) => r.name);

describe('SQLite ledger migrations', () => {
  it('the index lists every migration file of the folder, numbered in order', () => {
    const folder = fileURLToPath(new URL('../../src/core/migrations/sqlite/', import.meta.url));
    const files = readdirSync(folder).filter((f) => /^\d{4}_.+\.ts$/.test(f)).sort();
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(sqliteLedgerMigrations.map((m) => m.version));
    expect(files.map((f) => f.slice(5, -3))).toEqual(sqliteLedgerMigrations.map((m) => m.name));
  });

  it('0001 ledger: creates events, accounts, transfers, orders with their guards', async () => {
    expect(await migrateSqlite(db, LEDGER_SCOPE, sqliteLedgerMigrations.slice(0, 1))).toEqual([1]);
    const names = await tables();
    for (const name of ['events', 'accounts', 'transfers', 'orders', 'ledger_meta', 'transfers_resolve_once', 'transfers_are_immutable', 'transfers_are_append_only', 'events_are_immutable']) {
      expect(names).toContain(name);
    }
  });

  it('is idempotent: a second run applies nothing', async () => {
    await migrateSqlite(db, LEDGER_SCOPE, sqliteLedgerMigrations);
    expect(await migrateSqlite(db, LEDGER_SCOPE, sqliteLedgerMigrations)).toEqual([]);
  });

  it('refuses a database whose applied migration differs from this build', async () => {
    await migrateSqlite(db, LEDGER_SCOPE, sqliteLedgerMigrations);
    const edited = sqliteLedgerMigrations.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrateSqlite(db, LEDGER_SCOPE, edited)).rejects.toThrow(/migration 1 \(ledger\) applied to the database differs/);
  });

  it('refuses a database written by a newer build', async () => {
    const newer = [...sqliteLedgerMigrations, { version: sqliteLedgerMigrations.length + 1, name: 'future', sql: 'CREATE TABLE future (x)' }];
    await migrateSqlite(db, LEDGER_SCOPE, newer);
    await expect(migrateSqlite(db, LEDGER_SCOPE, sqliteLedgerMigrations)).rejects.toThrow(/newer version/);
  });

  it('check-only mode refuses an outdated or foreign database without changing it', async () => {
    await expect(migrateSqlite(db, LEDGER_SCOPE, sqliteLedgerMigrations, { checkOnly: true })).rejects.toThrow(/not an escrow database/);
    expect(await tables()).toEqual([]);
  });

  it('a failing migration leaves nothing behind', async () => {
    const broken = [{ version: 1, name: 'broken', sql: 'CREATE TABLE a (x); CREATE TABLE a (y);' }];
    await expect(migrateSqlite(db, 'test', broken)).rejects.toThrow(/already exists/);
    expect(await tables()).toEqual(['schema_migrations']);
  });
});
