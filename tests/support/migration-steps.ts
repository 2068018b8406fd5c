/**
 * Stepping through one scope's migrations for a per-migration test, on any database: bring the
 * scopes it stands on up to date, the scope itself to just before the migration, then apply
 * that one migration and check it was the only one applied.
 */
import { expect } from 'vitest';
import type { Migration } from '../../src/core/db/migrate.js';

export interface Scope {
  scope: string;
  migrations: readonly Migration[];
  /** Where its migration files are (relative to the test using it). */
  folder: string;
}

/** `migrate` applies what is missing of `migrations` and returns the versions it applied. */
export function migrationSteps(migrate: (scope: string, migrations: readonly Migration[]) => Promise<number[]>) {
  async function migrateBefore(target: Scope, version: number, scopes: readonly Scope[] = []): Promise<void> {
    for (const s of scopes) await migrate(s.scope, s.migrations);
    await migrate(target.scope, target.migrations.slice(0, version - 1));
  }
  async function applyOnly(target: Scope, version: number): Promise<void> {
    expect(target.migrations[version - 1]?.version).toBe(version);
    expect(await migrate(target.scope, target.migrations.slice(0, version))).toEqual([version]);
  }
  return {
    migrateBefore,
    applyOnly,
    async upTo(target: Scope, version: number, scopes: readonly Scope[] = []): Promise<void> {
      await migrateBefore(target, version, scopes);
      await applyOnly(target, version);
    },
  };
}
