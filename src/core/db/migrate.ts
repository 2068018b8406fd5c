/**
 * Numbered schema migrations, checked at start-up. Each applied migration is recorded with a
 * SHA-256 of its SQL; a database whose record does not match this build's migrations (an
 * edited, missing or unknown migration) refuses to open rather than run on a schema nobody
 * tested. Used by the SQLite stores and the hub's PostgreSQL store alike.
 */
import { createHash } from 'node:crypto';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

/** What a database must offer the runner. `apply` runs the SQL and records it atomically. */
export interface MigrationTarget {
  ensureLedgerTable(): Promise<void>;
  applied(scope: string): Promise<AppliedMigration[]>;
  apply(scope: string, migration: Migration, checksum: string): Promise<void>;
}

export class MigrationMismatchError extends Error {
  readonly code = 'migration_mismatch';
}

export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

/** Validates a list of migrations: versions 1..n, in order, unique names. */
export function assertWellFormed(scope: string, migrations: readonly Migration[]): void {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`${scope} migration #${index} has version ${m.version}, expected ${index + 1}`);
  });
}

/**
 * Brings `scope` up to date, or with `checkOnly` refuses a database that is not exactly at this
 * build's schema (tools that inspect a file must not change it).
 */
export async function migrate(
  target: MigrationTarget,
  scope: string,
  migrations: readonly Migration[],
  options: { checkOnly?: boolean } = {},
): Promise<number[]> {
  assertWellFormed(scope, migrations);
  if (!options.checkOnly) await target.ensureLedgerTable();
  const applied = await target.applied(scope).catch((error: unknown) => {
    if (options.checkOnly) throw new MigrationMismatchError(`not an escrow database (no ${scope} schema found)`);
    throw error;
  });
  if (options.checkOnly && applied.length < migrations.length) {
    throw new MigrationMismatchError(
      `the database's ${scope} schema is at migration ${applied.length}, this build expects ${migrations.length}; open it with the console to upgrade it`,
    );
  }
  for (const record of applied) {
    const known = migrations[record.version - 1];
    if (!known) {
      throw new MigrationMismatchError(
        `the database has ${scope} migration ${record.version} (${record.name}) which this build does not know: ` +
          'it was written by a newer version; refusing to open it',
      );
    }
    if (known.name !== record.name || migrationChecksum(known) !== record.checksum) {
      throw new MigrationMismatchError(
        `${scope} migration ${record.version} (${record.name}) applied to the database differs from this build's ` +
          `${known.version} (${known.name}); refusing to open it`,
      );
    }
  }
  const done: number[] = [];
  for (const migration of migrations.slice(applied.length)) {
    await target.apply(scope, migration, migrationChecksum(migration));
    done.push(migration.version);
  }
  return done;
}
