/**
 * A throwaway PostgreSQL database for tests: created fresh per run on the server at
 * ESCROW_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) and dropped
 * afterwards; each test takes a fresh schema in it. Without a server the PostgreSQL cases
 * are skipped, except under CI=true: there a missing server fails the run rather than letting
 * it pass without them.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_ADMIN_URL = process.env.ESCROW_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  /** A URL of the database whose connections work in a fresh, empty schema. */
  freshSchema(): Promise<string>;
  drop(): Promise<void>;
}

export type TestDatabaseOrSkip = { database: TestDatabase; skipped: null } | { database: null; skipped: string };

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `escrow_test_<random>`; answers why not when there is no server (throws under CI). */
export async function createTestDatabase(): Promise<TestDatabaseOrSkip> {
  const name = `escrow_test_${randomBytes(6).toString('hex')}`;
  try {
    await withAdmin(POSTGRES_ADMIN_URL, (admin) => admin.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    const reason = `PostgreSQL at ${POSTGRES_ADMIN_URL} is unavailable (${error instanceof Error ? error.message : String(error)})`;
    if (process.env.CI === 'true') throw new Error(`${reason}: CI=true requires it`, { cause: error });
    return { database: null, skipped: reason };
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  let schemas = 0;
  return {
    skipped: null,
    database: {
      url: url.href,
      async freshSchema() {
        const schema = `t${(schemas += 1)}`;
        await withAdmin(url.href, (client) => client.query(`CREATE SCHEMA ${schema}`));
        const scoped = new URL(url);
        scoped.searchParams.set('options', `-c search_path=${schema}`);
        return scoped.href;
      },
      drop: () => withAdmin(POSTGRES_ADMIN_URL, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
    },
  };
}
