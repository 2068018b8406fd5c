/**
 * A narrow promise wrapper over the `sqlite3` package.
 *
 * sqlite3 runs statements on a thread pool and is not safe for transactions from several async
 * flows on one connection, so every write goes through one bounded FIFO queue: a transaction
 * runs alone from BEGIN IMMEDIATE to COMMIT. Reads use a second connection (WAL lets it read
 * the last committed state while a write is in progress).
 *
 * sqlite3 binds a JS bigint as NULL (silently), so bigint parameters are bound as decimal
 * strings, which INTEGER-affinity columns store as exact 64-bit integers; amount columns are
 * read back with CAST(... AS TEXT). Use the `sqlInt` helpers in ledger rows for that.
 */
import sqlite3 from 'sqlite3';
import { WriteQueue } from './write-queue.js';

export type SqlValue = string | number | bigint | boolean | null | Buffer;
export type SqlParams = readonly SqlValue[];

export interface SqlRunner {
  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined>;
  run(sql: string, params?: SqlParams): Promise<{ changes: number; lastID: number }>;
  exec(sql: string): Promise<void>;
  /** Like run, through a cached prepared statement: for SQL run many times (bulk inserts). */
  runCached(sql: string, params: SqlParams): Promise<void>;
}

const WRITER_CACHE_KIB = 128 * 1024;
const READER_CACHE_KIB = 64 * 1024;

/** Most prepared statements a connection keeps (bulk-insert shapes; a few per table). */
const MAX_CACHED_STATEMENTS = 64;

export interface SqliteOptions {
  /** Open without the read connection (one-shot tools, tests of a single flow). */
  singleConnection?: boolean;
  readonly?: boolean;
  /** Most writes that may wait in the queue before new ones are refused. */
  maxQueuedWrites?: number;
}

function bindable(params: SqlParams): unknown[] {
  return params.map((p) => (typeof p === 'bigint' ? p.toString() : typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

function openConnection(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

class Connection implements SqlRunner {
  private readonly statements = new Map<string, sqlite3.Statement>();

  constructor(readonly raw: sqlite3.Database) {}

  runCached(sql: string, params: SqlParams): Promise<void> {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_CACHED_STATEMENTS) {
        const [oldest, evicted] = this.statements.entries().next().value!;
        this.statements.delete(oldest);
        evicted.finalize();
      }
      statement = this.raw.prepare(sql);
      this.statements.set(sql, statement);
    }
    const prepared = statement;
    return new Promise((resolve, reject) => {
      prepared.run(bindable(params), (error: Error | null) => (error ? reject(error) : resolve()));
    });
  }

  all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.raw.all(sql, bindable(params), (error, rows) => (error ? reject(error) : resolve(rows as T[])));
    });
  }

  get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.raw.get(sql, bindable(params), (error, row) => (error ? reject(error) : resolve(row as T | undefined)));
    });
  }

  run(sql: string, params: SqlParams = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) => {
      this.raw.run(sql, bindable(params), function (error) {
        if (error) reject(error);
        else resolve({ changes: this.changes, lastID: this.lastID });
      });
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.raw.exec(sql, (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.statements.values()].map((st) => new Promise<void>((resolve) => st.finalize(() => resolve()))));
    this.statements.clear();
    return new Promise((resolve, reject) => this.raw.close((error) => (error ? reject(error) : resolve())));
  }
}

/** Attempts at switching a new file to WAL while other processes open it too. */
const WAL_ATTEMPTS = 50;
const WAL_RETRY_MS = 100;

/**
 * Switching to WAL needs the file to itself for a moment, and SQLite answers SQLITE_BUSY at
 * once (without the busy handler) when another process is opening the same new file: retry.
 */
async function switchToWal(connection: Connection): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await connection.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= WAL_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, WAL_RETRY_MS));
    }
  }
}

export class SqliteDb {
  private readonly queue: WriteQueue;
  private readonly snapshots = new WriteQueue(100);
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly writer: Connection,
    private readonly reader: Connection,
    maxQueuedWrites: number,
  ) {
    this.queue = new WriteQueue(maxQueuedWrites);
  }

  static async open(file: string, options: SqliteOptions = {}): Promise<SqliteDb> {
    const mode = options.readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
    const writer = new Connection(await openConnection(file, mode));
    try {
      await writer.exec('PRAGMA busy_timeout = 5000');
      if (!options.readonly) {
        await switchToWal(writer);
        await writer.exec('PRAGMA synchronous = FULL');
      }
      // The default 2 MiB page cache thrashes once the secondary indexes outgrow it.
      await writer.exec(`PRAGMA cache_size = -${WRITER_CACHE_KIB}`);
      await writer.exec('PRAGMA foreign_keys = ON');
      let reader = writer;
      if (!options.singleConnection && file !== ':memory:') {
        reader = new Connection(await openConnection(file, sqlite3.OPEN_READONLY));
        await reader.exec('PRAGMA busy_timeout = 5000');
        await reader.exec('PRAGMA query_only = ON');
        await reader.exec(`PRAGMA cache_size = -${READER_CACHE_KIB}`);
      }
      return new SqliteDb(file, writer, reader, options.maxQueuedWrites ?? 10_000);
    } catch (error) {
      await writer.close().catch(() => undefined);
      throw error;
    }
  }

  /** Reads see the last committed state. */
  get read(): SqlRunner {
    return this.reader;
  }

  /**
   * Runs `work` as one IMMEDIATE transaction, after every write queued before it. Rolls back
   * when `work` throws; the error is rethrown to the caller only.
   */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      await this.writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.writer);
        await this.writer.exec('COMMIT');
        return result;
      } catch (error) {
        await this.writer.exec('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * Runs `work` on one read snapshot: every statement sees the same committed state, however
   * many writes commit meanwhile (verify's checks must agree with each other).
   */
  snapshot<T>(work: (conn: SqlRunner) => Promise<T>): Promise<T> {
    if (this.reader === this.writer) return this.transaction(work);
    return this.snapshots.run(async () => {
      await this.reader.exec('BEGIN');
      try {
        return await work(this.reader);
      } finally {
        await this.reader.exec('COMMIT');
      }
    });
  }

  /** Runs `work` on the writer connection, outside a transaction, in queue order. */
  withWriter<T>(work: (conn: SqlRunner) => Promise<T>): Promise<T> {
    return this.enqueue(() => work(this.writer));
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    return this.queue.run(job);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.close();
    if (this.reader !== this.writer) await this.reader.close();
    await this.writer.close();
  }
}

/**
 * Inserts rows with multi-row statements (the per-statement round trip is what costs with
 * sqlite3), chunked so no statement exceeds the bound-variable limit.
 */
export async function insertMany(
  tx: SqlRunner,
  table: string,
  columns: readonly string[],
  rows: readonly SqlParams[],
  suffix = '',
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.min(500, Math.floor(32_000 / columns.length)));
  const tuple = `(${columns.map(() => '?').join(',')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const end = Math.min(rows.length, start + perStatement);
    const sql = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array(end - start).fill(tuple).join(',')} ${suffix}`;
    const params: SqlValue[] = [];
    for (let i = start; i < end; i += 1) for (const value of rows[i]) params.push(value);
    await tx.runCached(sql, params);
  }
}

/**
 * Inserts rows as one JSON document unpacked by SQLite (`json_each`): one bound value instead
 * of one per cell, which is what the driver spends its time on. Returns the rows inserted.
 */
export async function insertJsonRows(tx: SqlRunner, table: string, columns: readonly string[], rows: readonly SqlParams[], suffix = ''): Promise<number> {
  if (rows.length === 0) return 0;
  const json = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  const result = await tx.run(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.map((_, i) => `value->>${i}`).join(', ')} FROM json_each(?) WHERE true ${suffix}`,
    [json],
  );
  return result.changes;
}

/** Runs `query` for `ids` in chunks that stay under the bound-variable limit. */
export async function selectIn<T>(
  runner: SqlRunner,
  ids: readonly SqlValue[],
  query: (placeholders: string) => string,
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < ids.length; start += 10_000) {
    const chunk = ids.slice(start, start + 10_000);
    out.push(...(await runner.all<T>(query(chunk.map(() => '?').join(',')), chunk)));
  }
  return out;
}
