import { SqliteHubStorage } from './sqlite.js';
import type { HubStorage } from './types.js';

/** Opens the hub's storage: a SQLite file, or PostgreSQL at a postgres:// URL. */
export async function openHubStorage(target: { db?: string; databaseUrl?: string }): Promise<HubStorage> {
  if (target.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(target.databaseUrl)) throw new Error('--database-url must be a postgres:// URL');
    const { PostgresHubStorage } = await import('./postgres.js');
    return PostgresHubStorage.open(target.databaseUrl);
  }
  if (!target.db) throw new Error('give --db FILE (SQLite) or --database-url postgres://...');
  return SqliteHubStorage.open(target.db);
}
