import { migrate, MigrationMismatchError, type Migration, type MigrationTarget } from './migrate.js';
import type { SqliteDb } from './sqlite.js';

function sqliteTarget(db: SqliteDb, clock: () => number): MigrationTarget {
  return {
    ensureLedgerTable: () =>
      db.withWriter((conn) =>
        conn.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
          scope TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, checksum TEXT NOT NULL,
          applied_at INTEGER NOT NULL, PRIMARY KEY (scope, version))`),
      ),
    applied: (scope) =>
      db.read.all('SELECT version, name, checksum FROM schema_migrations WHERE scope = ? ORDER BY version', [scope]),
    apply: (scope, migration, checksum) =>
      db.transaction(async (tx) => {
        // Another process may have applied it since we looked: check again under the write lock.
        const done = await tx.get<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE scope = ? AND version = ?', [scope, migration.version]);
        if (done) {
          if (done.checksum !== checksum) throw new MigrationMismatchError(`${scope} migration ${migration.version} (${migration.name}) was applied by another build meanwhile`);
          return;
        }
        await tx.exec(migration.sql);
        await tx.run('INSERT INTO schema_migrations (scope, version, name, checksum, applied_at) VALUES (?, ?, ?, ?, ?)', [
          scope,
          migration.version,
          migration.name,
          checksum,
          clock(),
        ]);
      }),
  };
}

export function migrateSqlite(
  db: SqliteDb,
  scope: string,
  migrations: readonly Migration[],
  options: { checkOnly?: boolean; clock?: () => number } = {},
): Promise<number[]> {
  return migrate(sqliteTarget(db, options.clock ?? Date.now), scope, migrations, options);
}
