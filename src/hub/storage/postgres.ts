/**
 * The hub's storage on PostgreSQL: the tables of the SQLite store (same names and columns, see
 * ./postgres-migrations), the ledger behind a PostgreSQL `LedgerPort`, and the hub's own tables.
 *
 * Writes run one at a time: a bounded in-process queue, then BEGIN .. COMMIT on one pooled
 * client under a transaction-scoped advisory lock, so hub processes sharing a database cannot
 * interleave appends (sequence numbers are max + 1). Reads use the pool and see the last
 * committed state. pg hands int8 and numeric back as decimal strings, which rows.ts expects;
 * bigints travel out as strings: no amount passes through a JS number.
 */
import { Pool, types, type ClientBase, type CustomTypesConfig, type QueryResultRow } from 'pg';
import type { AggregateKindName } from '../../core/aggregates.js';
import { appendAuditBatch, auditChainInvariant, readAuditHead, readAuditPage, type AuditSql } from '../../core/audit/audit-table.js';
import type { AuditEntry, AuditHead } from '../../core/audit/chain.js';
import { migrate, type Migration, type MigrationTarget } from '../../core/db/migrate.js';
import { WriteQueue } from '../../core/db/write-queue.js';
import type { LedgerPort, LedgerWrite } from '../../core/ledger/apply.js';
import { accountShape, eventShape, KIND_TABLES, selectList, transferShape, upsertSuffix, type KindTable, type StoredEvent, type TableShape } from '../../core/ledger/rows.js';
import { verifyLedger } from '../../core/ledger/verify.js';
import type { Checkpoint } from '../../shared/api/hub.js';
import type { AttachmentMime } from '../../shared/escrow/dispute.js';
import type { Role } from '../../shared/roles.js';
import { attachmentsInvariant } from './attachments-invariant.js';
import { postgresMigrations } from './postgres-migrations/index.js';
import type { AnswerRecord, AttachmentRecord, EventsSlice, HubStorage, HubTx, SessionRecord, StaffRecord } from './types.js';

const ZERO_CHECKSUM = '0'.repeat(64);
const EVENT_COLUMNS = eventShape.columns.join(', ');
const MAX_QUEUED_WRITES = 10_000;
/** Advisory lock key of the hub's writes and migrations ('escrow' in ASCII); locks are per database. */
const WRITE_LOCK = 0x657363726f77;

/** int8 and numeric stay decimal strings, whatever anyone set pg's global parsers to. */
const EXACT_TYPES: CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === types.builtins.INT8 || oid === types.builtins.NUMERIC ? (text: string) => text : types.getTypeParser(oid, format),
};

/** A pool or a checked-out client. */
interface Sql {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

async function all<R extends QueryResultRow = Record<string, unknown>>(db: Sql, text: string, values: unknown[] = []): Promise<R[]> {
  return (await db.query<R>(text, values)).rows;
}

async function one<R extends QueryResultRow = Record<string, unknown>>(db: Sql, text: string, values: unknown[] = []): Promise<R | undefined> {
  return (await all<R>(db, text, values))[0];
}

/** A BIGINT sequence number or count (a string from pg; null: the max of no rows), far below 2^53. */
function toNumber(value: string | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/**
 * Converts the portable `?` placeholders of verify.ts and audit-table.ts (they have no `?`
 * elsewhere) to `$1..$n`.
 */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${(n += 1)}`);
}

/** Portable SQL on a pool or client: the ledger's verify and the audit table. */
const sqlOn =
  (db: Sql): AuditSql =>
  (text, params = []) =>
    all(db, numbered(text), [...params]);

/** verify's `audit_chain_intact`; to_regclass resolves the name on the search_path, as the queries do. */
const auditInvariant = auditChainInvariant(async (query) => (await query("SELECT to_regclass('audit_log') IS NOT NULL AS found"))[0]?.found === true);

const ACCOUNT_UPSERT = upsertSuffix(accountShape);

async function selectByKeys<T>(db: Sql, shape: TableShape<T>, column: string, values: readonly string[]): Promise<T[]> {
  if (values.length === 0) return [];
  const rows = await all(db, `SELECT ${selectList(shape, false)} FROM ${shape.table} WHERE ${column} = ANY($1::text[])`, [values]);
  return rows.map(shape.fromRow);
}

/**
 * Inserts rows as one JSON document of objects keyed by column, unpacked by the server into
 * the table's row type; bigints go as strings, which the BIGINT input function reads exactly.
 */
async function insertJson<T>(db: Sql, shape: TableShape<T>, values: readonly T[], suffix = ''): Promise<void> {
  if (values.length === 0) return;
  const objects = values.map((value) => {
    const row = shape.toRow(value);
    return Object.fromEntries(shape.columns.map((c, i) => [c, row[i]]));
  });
  const json = JSON.stringify(objects, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  const columns = shape.columns.join(', ');
  await db.query(`INSERT INTO ${shape.table} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${shape.table}, $1::json) ${suffix}`, [json]);
}

function postgresLedgerPort(tx: Sql): LedgerPort {
  return {
    async findEventHashes(ids) {
      if (ids.length === 0) return new Map();
      const rows = await all<{ id: string; body_hash: string }>(tx, 'SELECT id, body_hash FROM events WHERE id = ANY($1::text[])', [ids]);
      return new Map(rows.map((r) => [r.id, r.body_hash]));
    },
    async loadStates(kind, ids) {
      const table = KIND_TABLES[kind] as KindTable<{ version: number }>;
      return new Map((await selectByKeys(tx, table.shape, table.keyColumn, ids)).map((state) => [table.idOf(state), state]));
    },
    loadAccounts: (ids) => selectByKeys(tx, accountShape, 'id', ids),
    loadTransfers: (ids) => selectByKeys(tx, transferShape, 'id', ids),
    async loadResolutions(pendingIds) {
      if (pendingIds.length === 0) return [];
      const rows = await all<{ pending_id: string; kind: 'post' | 'void' }>(tx, 'SELECT pending_id, kind FROM transfers WHERE pending_id = ANY($1::text[])', [pendingIds]);
      return rows.map((r) => ({ pendingId: r.pending_id, kind: r.kind }));
    },
    async maxSeqs() {
      const row = await one<{ e: string | null; t: string | null }>(tx, 'SELECT (SELECT max(seq) FROM events) AS e, (SELECT max(seq) FROM transfers) AS t');
      return { event: toNumber(row?.e), transfer: toNumber(row?.t) };
    },
    async readDigest() {
      return (await one<{ value: string }>(tx, "SELECT value FROM ledger_meta WHERE key = 'digest'"))?.value;
    },
    async write(changes: LedgerWrite) {
      await insertJson(tx, eventShape, changes.events);
      await insertJson(tx, accountShape, changes.accounts.map(({ account }) => account), ACCOUNT_UPSERT);
      await insertJson(tx, transferShape, changes.transfers);
      for (const [kind, table] of Object.entries(KIND_TABLES) as Array<[string, KindTable<{ version: number }>]>) {
        await insertJson(tx, table.shape, changes.states.filter((s) => s.kind === kind).map((s) => s.state), table.upsert);
      }
      await tx.query("INSERT INTO ledger_meta (key, value) VALUES ('digest', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [changes.digest]);
    },
  };
}

function staffFromRow(r: Record<string, unknown>): StaffRecord {
  return {
    id: String(r.id),
    name: String(r.name),
    role: r.role as Role,
    passwordHash: String(r.password_hash),
    failedAttempts: Number(r.failed_attempts),
    lockedUntil: r.locked_until === null ? null : Number(r.locked_until),
    disabled: r.disabled === true,
    createdAt: Number(r.created_at),
  };
}

const ANSWER_COLUMNS = ['source', 'id', 'body_hash', 'actor_id', 'type', 'aggregate_id', 'status', 'answer', 'at'];

function postgresTx(tx: Sql): HubTx {
  let savepoints = 0;
  const sql = sqlOn(tx);
  return {
    ledger: postgresLedgerPort(tx),
    query: sql,
    async findAnswers(source, ids) {
      const rows = await all<{ id: string; body_hash: string; answer: string }>(
        tx,
        'SELECT id, body_hash, answer FROM answers WHERE source = $1 AND id = ANY($2::text[])',
        [source, ids],
      );
      return new Map(rows.map((r) => [r.id, { bodyHash: r.body_hash, answer: r.answer }]));
    },
    async saveAnswers(records: readonly AnswerRecord[]) {
      if (records.length === 0) return;
      const json = JSON.stringify(
        records.map((r) => ({
          source: r.source,
          id: r.id,
          body_hash: r.bodyHash,
          actor_id: r.actorId,
          type: r.type,
          aggregate_id: r.aggregateId,
          status: r.status,
          answer: r.answer,
          at: r.at,
        })),
      );
      const columns = ANSWER_COLUMNS.join(', ');
      await tx.query(`INSERT INTO answers (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::answers, $1::json)`, [json]);
    },
    async addCheckpoint({ seq, checksum }) {
      await tx.query('INSERT INTO checkpoints (seq, checksum) VALUES ($1, $2) ON CONFLICT (seq) DO UPDATE SET checksum = excluded.checksum', [seq, checksum]);
    },
    async savepoint(work) {
      const name = `sp${(savepoints += 1)}`;
      await tx.query(`SAVEPOINT ${name}`);
      try {
        const result = await work();
        await tx.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        // Also leaves the aborted state a failed statement puts the whole transaction in.
        await tx.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
        throw error;
      }
    },
    async findStaffByName(name) {
      const row = await one(tx, 'SELECT * FROM staff WHERE name = $1', [name]);
      return row ? staffFromRow(row) : null;
    },
    async findStaffById(id) {
      const row = await one(tx, 'SELECT * FROM staff WHERE id = $1', [id]);
      return row ? staffFromRow(row) : null;
    },
    async countStaff() {
      return toNumber((await one<{ n: string }>(tx, 'SELECT count(*) AS n FROM staff'))?.n);
    },
    async insertStaff(s) {
      await tx.query('INSERT INTO staff (id, name, role, password_hash, failed_attempts, locked_until, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        s.id,
        s.name,
        s.role,
        s.passwordHash,
        s.failedAttempts,
        s.lockedUntil,
        s.disabled,
        s.createdAt,
      ]);
    },
    async updateStaffAuth(id, failedAttempts, lockedUntil) {
      await tx.query('UPDATE staff SET failed_attempts = $1, locked_until = $2 WHERE id = $3', [failedAttempts, lockedUntil, id]);
    },
    async insertSession(s: SessionRecord) {
      await tx.query('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [s.tokenHash, s.staffId, s.createdAt, s.expiresAt]);
    },
    async deleteSession(tokenHash) {
      return ((await tx.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])).rowCount ?? 0) > 0;
    },
    async deleteExpiredSessions(now) {
      return (await tx.query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0;
    },
    // Under the write lock (see write()), so the head it reads is still the head at insert.
    appendAudit: (entries) => appendAuditBatch(sql, entries),
    async putAttachment(f) {
      const inserted = await tx.query('INSERT INTO attachments (sha256, mime, size, bytes, received_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING', [
        f.sha256,
        f.mime,
        f.size,
        Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength),
        f.receivedAt,
      ]);
      return (inserted.rowCount ?? 0) > 0;
    },
    async attachmentInfo(sha256s) {
      const rows = await all<{ sha256: string; mime: AttachmentMime; size: number }>(tx, 'SELECT sha256, mime, size FROM attachments WHERE sha256 = ANY($1::text[])', [sha256s]);
      return new Map(rows.map((r) => [r.sha256, { mime: r.mime, size: Number(r.size) }]));
    },
  };
}

function postgresTarget(client: ClientBase, clock: () => number): MigrationTarget {
  return {
    async ensureLedgerTable() {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        scope TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, checksum TEXT NOT NULL,
        applied_at BIGINT NOT NULL, PRIMARY KEY (scope, version))`);
    },
    applied: (scope) => all(client, 'SELECT version, name, checksum FROM schema_migrations WHERE scope = $1 ORDER BY version', [scope]),
    async apply(scope, migration, checksum) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (scope, version, name, checksum, applied_at) VALUES ($1, $2, $3, $4, $5)', [
          scope,
          migration.version,
          migration.name,
          checksum,
          clock(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
}

/** Brings one scope up to date; each migration commits with its schema_migrations row. */
export function migratePostgres(client: ClientBase, scope: string, migrations: readonly Migration[], clock: () => number = Date.now): Promise<number[]> {
  return migrate(postgresTarget(client, clock), scope, migrations);
}

export class PostgresHubStorage implements HubStorage {
  readonly dialect = 'postgres';
  private readonly queue = new WriteQueue(MAX_QUEUED_WRITES);
  private closed = false;

  private constructor(private readonly pool: Pool) {}

  static async open(url: string): Promise<PostgresHubStorage> {
    const pool = new Pool({ connectionString: url, application_name: 'escrow-hub', types: EXACT_TYPES });
    // An idle client that loses its connection emits here; unheard, it would end the process.
    pool.on('error', (error) => process.stderr.write(`hub: an idle PostgreSQL connection failed: ${error.message}\n`));
    try {
      // Under the write lock, so hub processes starting together migrate one after the other,
      // never during another's write. Ending the session drops the lock, whatever happened.
      const client = await pool.connect();
      try {
        await client.query(`SELECT pg_advisory_lock(${WRITE_LOCK})`);
        for (const { scope, migrations } of postgresMigrations) await migratePostgres(client, scope, migrations);
      } finally {
        client.release(true);
      }
      return new PostgresHubStorage(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /**
   * Runs `work` in one transaction, after every write queued before it. READ COMMITTED: each
   * statement after the lock sees what another process committed before releasing it.
   */
  write<T>(work: (tx: HubTx) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        await client.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
        const result = await work(postgresTx(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((failed: Error) => {
          broken = failed;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    });
  }

  async eventsPage(after: number, limit: number): Promise<EventsSlice> {
    const end =
      (await one<{ seq: string; checksum: string }>(this.pool, 'SELECT seq, checksum FROM checkpoints WHERE seq > $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1', [after, after + limit])) ??
      (await one<{ seq: string; checksum: string }>(this.pool, 'SELECT seq, checksum FROM checkpoints WHERE seq > $1 ORDER BY seq LIMIT 1', [after]));
    if (!end) return { events: [], checkpoint: await this.checkpointAtOrBefore(after) };
    const rows = await all(this.pool, `SELECT ${EVENT_COLUMNS} FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq`, [after, end.seq]);
    return { events: rows.map(eventShape.fromRow), checkpoint: { seq: Number(end.seq), checksum: end.checksum } };
  }

  private async checkpointAtOrBefore(seq: number): Promise<Checkpoint> {
    const row = await one<{ seq: string; checksum: string }>(this.pool, 'SELECT seq, checksum FROM checkpoints WHERE seq <= $1 ORDER BY seq DESC LIMIT 1', [seq]);
    return row ? { seq: Number(row.seq), checksum: row.checksum } : { seq: 0, checksum: ZERO_CHECKSUM };
  }

  head(): Promise<Checkpoint> {
    return this.checkpointAtOrBefore(Number.MAX_SAFE_INTEGER);
  }

  async findSession(tokenHash: string): Promise<{ session: SessionRecord; staff: StaffRecord } | null> {
    const row = await one(
      this.pool,
      `SELECT s.token_hash, s.staff_id, s.created_at AS session_created_at, s.expires_at, st.*
       FROM sessions s JOIN staff st ON st.id = s.staff_id WHERE s.token_hash = $1`,
      [tokenHash],
    );
    if (!row) return null;
    return {
      session: { tokenHash: String(row.token_hash), staffId: String(row.staff_id), createdAt: Number(row.session_created_at), expiresAt: Number(row.expires_at) },
      staff: staffFromRow(row),
    };
  }

  staffList(limit: number): Promise<Array<{ id: string; name: string; role: Role }>> {
    return all(this.pool, 'SELECT id, name, role FROM staff WHERE NOT disabled ORDER BY name LIMIT $1', [limit]);
  }

  async dueOrders(now: number, limit: number): Promise<string[]> {
    const rows = await all<{ order_id: string }>(
      this.pool,
      `SELECT order_id FROM orders WHERE confirm_due_at <= $1 AND hold_transfer_id IS NOT NULL AND dispute_id IS NULL AND risk_hold_reason IS NULL
       ORDER BY confirm_due_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.order_id);
  }

  async dueReserves(now: number, limit: number): Promise<string[]> {
    return (await all<{ order_id: string }>(this.pool, 'SELECT order_id FROM orders WHERE reserve_due_at <= $1 ORDER BY reserve_due_at LIMIT $2', [now, limit])).map((r) => r.order_id);
  }

  async dueDisputes(now: number, limit: number): Promise<string[]> {
    const rows = await all<{ dispute_id: string }>(
      this.pool,
      `SELECT dispute_id FROM disputes WHERE deadline_at <= $1 AND status IN ('awaiting_merchant', 'awaiting_buyer') ORDER BY deadline_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.dispute_id);
  }

  async aggregateEventsAfter(kind: AggregateKindName, aggregateId: string, version: number, limit: number): Promise<StoredEvent[]> {
    const rows = await all(this.pool, `SELECT ${EVENT_COLUMNS} FROM events WHERE kind = $1 AND aggregate_id = $2 AND version > $3 ORDER BY version LIMIT $4`, [
      kind,
      aggregateId,
      version,
      limit,
    ]);
    return rows.map(eventShape.fromRow);
  }

  auditHead(): Promise<AuditHead | null> {
    return readAuditHead(sqlOn(this.pool));
  }

  auditPage(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return readAuditPage(sqlOn(this.pool), afterSeq, limit);
  }

  /** Every check reads one snapshot, so writes committed meanwhile cannot fail an invariant. */
  async attachment(sha256: string): Promise<AttachmentRecord | null> {
    const row = await one<{ sha256: string; mime: AttachmentMime; size: number; bytes: Buffer; received_at: string }>(
      this.pool,
      'SELECT sha256, mime, size, bytes, received_at FROM attachments WHERE sha256 = $1',
      [sha256],
    );
    return row ? { sha256: row.sha256, mime: row.mime, size: Number(row.size), bytes: row.bytes, receivedAt: Number(row.received_at) } : null;
  }

  async verify() {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return await verifyLedger(sqlOn(client), [auditInvariant, attachmentsInvariant]);
    } finally {
      await client.query('ROLLBACK').catch((failed: Error) => {
        broken = failed;
      });
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.close();
    await this.pool.end();
  }
}
