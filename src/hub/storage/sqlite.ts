/**
 * The hub's storage on an embedded SQLite file: the core ledger tables, the audit trail's and
 * the hub's own.
 */
import type { AggregateKindName } from '../../core/aggregates.js';
import { appendAuditBatch, readAuditHead, readAuditPage, type AuditSql } from '../../core/audit/audit-table.js';
import type { AuditEntry, AuditHead } from '../../core/audit/chain.js';
import { AUDIT_SCOPE, sqliteAuditMigrations } from '../../core/audit/migrations/index.js';
import { auditInvariant } from '../../core/audit/sqlite-audit.js';
import { insertMany, selectIn, type SqlRunner } from '../../core/db/sqlite.js';
import { eventShape, type StoredEvent } from '../../core/ledger/rows.js';
import { SqliteLedger, sqliteLedgerPort } from '../../core/ledger/sqlite-ledger.js';
import { verifyLedger } from '../../core/ledger/verify.js';
import type { Checkpoint } from '../../shared/api/hub.js';
import type { AttachmentMime } from '../../shared/escrow/dispute.js';
import type { Role } from '../../shared/roles.js';
import { attachmentsInvariant } from './attachments-invariant.js';
import { HUB_SCOPE, sqliteHubMigrations } from './sqlite-migrations/index.js';
import type { AttachmentRecord, EventsSlice, HubStorage, HubTx, SessionRecord, StaffRecord } from './types.js';

const ZERO_CHECKSUM = '0'.repeat(64);
const EVENT_COLUMNS = eventShape.columns.join(', ');

function staffFromRow(r: Record<string, unknown>): StaffRecord {
  return {
    id: String(r.id),
    name: String(r.name),
    role: r.role as Role,
    passwordHash: String(r.password_hash),
    failedAttempts: Number(r.failed_attempts),
    lockedUntil: r.locked_until === null ? null : Number(r.locked_until),
    disabled: Number(r.disabled) === 1,
    createdAt: Number(r.created_at),
  };
}

/** Portable SQL (`?` placeholders) on a connection: the ledger's verify and the audit table. */
const sqlOn =
  (runner: SqlRunner): AuditSql =>
  (sql, params = []) =>
    runner.all(sql, params);

function sqliteTx(tx: SqlRunner): HubTx {
  let savepoints = 0;
  const sql = sqlOn(tx);
  return {
    ledger: sqliteLedgerPort(tx),
    query: sql,
    async findAnswers(source, ids) {
      const rows = await selectIn<{ id: string; body_hash: string; answer: string }>(
        tx,
        ids,
        (p) => `SELECT id, body_hash, answer FROM answers WHERE source = '${source === 'staff' ? 'staff' : 'marketplace'}' AND id IN (${p})`,
      );
      return new Map(rows.map((r) => [r.id, { bodyHash: r.body_hash, answer: r.answer }]));
    },
    async saveAnswers(records) {
      await insertMany(
        tx,
        'answers',
        ['source', 'id', 'body_hash', 'actor_id', 'type', 'aggregate_id', 'status', 'answer', 'at'],
        records.map((r) => [r.source, r.id, r.bodyHash, r.actorId, r.type, r.aggregateId, r.status, r.answer, r.at]),
      );
    },
    async addCheckpoint({ seq, checksum }) {
      await tx.run('INSERT INTO checkpoints (seq, checksum) VALUES (?, ?) ON CONFLICT (seq) DO UPDATE SET checksum = excluded.checksum', [seq, checksum]);
    },
    async savepoint(work) {
      const name = `sp${(savepoints += 1)}`;
      await tx.exec(`SAVEPOINT ${name}`);
      try {
        const result = await work();
        await tx.exec(`RELEASE ${name}`);
        return result;
      } catch (error) {
        await tx.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
        throw error;
      }
    },
    async findStaffByName(name) {
      const row = await tx.get<Record<string, unknown>>('SELECT * FROM staff WHERE name = ?', [name]);
      return row ? staffFromRow(row) : null;
    },
    async findStaffById(id) {
      const row = await tx.get<Record<string, unknown>>('SELECT * FROM staff WHERE id = ?', [id]);
      return row ? staffFromRow(row) : null;
    },
    async countStaff() {
      const row = await tx.get<{ n: number }>('SELECT count(*) AS n FROM staff');
      return row?.n ?? 0;
    },
    async insertStaff(s) {
      await tx.run('INSERT INTO staff (id, name, role, password_hash, failed_attempts, locked_until, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
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
      await tx.run('UPDATE staff SET failed_attempts = ?, locked_until = ? WHERE id = ?', [failedAttempts, lockedUntil, id]);
    },
    async insertSession(s: SessionRecord) {
      await tx.run('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [s.tokenHash, s.staffId, s.createdAt, s.expiresAt]);
    },
    async deleteSession(tokenHash) {
      return (await tx.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash])).changes > 0;
    },
    async deleteExpiredSessions(now) {
      return (await tx.run('DELETE FROM sessions WHERE expires_at <= ?', [now])).changes;
    },
    // Through the write queue (see write()), so the head it reads is still the head at insert.
    appendAudit: (entries) => appendAuditBatch(sql, entries),
    async putAttachment(f) {
      const inserted = await tx.run('INSERT INTO attachments (sha256, mime, size, bytes, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING', [
        f.sha256,
        f.mime,
        f.size,
        Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength),
        f.receivedAt,
      ]);
      return inserted.changes > 0;
    },
    async attachmentInfo(sha256s) {
      const rows = await selectIn<{ sha256: string; mime: AttachmentMime; size: number }>(tx, sha256s, (p) => `SELECT sha256, mime, size FROM attachments WHERE sha256 IN (${p})`);
      return new Map(rows.map((r) => [r.sha256, { mime: r.mime, size: r.size }]));
    },
  };
}

export class SqliteHubStorage implements HubStorage {
  readonly dialect = 'sqlite';

  private constructor(private readonly ledger: SqliteLedger) {}

  static async open(file: string): Promise<SqliteHubStorage> {
    const ledger = await SqliteLedger.open(file, {
      extraMigrations: [
        { scope: HUB_SCOPE, migrations: sqliteHubMigrations },
        { scope: AUDIT_SCOPE, migrations: sqliteAuditMigrations },
      ],
    });
    return new SqliteHubStorage(ledger);
  }

  write<T>(work: (tx: HubTx) => Promise<T>): Promise<T> {
    return this.ledger.db.transaction((tx) => work(sqliteTx(tx)));
  }

  private get read(): SqlRunner {
    return this.ledger.db.read;
  }

  async eventsPage(after: number, limit: number): Promise<EventsSlice> {
    const end =
      (await this.read.get<{ seq: number; checksum: string }>('SELECT seq, checksum FROM checkpoints WHERE seq > ? AND seq <= ? ORDER BY seq DESC LIMIT 1', [after, after + limit])) ??
      (await this.read.get<{ seq: number; checksum: string }>('SELECT seq, checksum FROM checkpoints WHERE seq > ? ORDER BY seq LIMIT 1', [after]));
    if (!end) return { events: [], checkpoint: await this.checkpointAtOrBefore(after) };
    const rows = await this.read.all<Record<string, unknown>>(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq > ? AND seq <= ? ORDER BY seq`, [after, end.seq]);
    return { events: rows.map(eventShape.fromRow), checkpoint: { seq: end.seq, checksum: end.checksum } };
  }

  private async checkpointAtOrBefore(seq: number): Promise<Checkpoint> {
    const row = await this.read.get<{ seq: number; checksum: string }>('SELECT seq, checksum FROM checkpoints WHERE seq <= ? ORDER BY seq DESC LIMIT 1', [seq]);
    return row ? { seq: row.seq, checksum: row.checksum } : { seq: 0, checksum: ZERO_CHECKSUM };
  }

  head(): Promise<Checkpoint> {
    return this.checkpointAtOrBefore(Number.MAX_SAFE_INTEGER);
  }

  async findSession(tokenHash: string): Promise<{ session: SessionRecord; staff: StaffRecord } | null> {
    const row = await this.read.get<Record<string, unknown>>(
      `SELECT s.token_hash, s.staff_id, s.created_at AS session_created_at, s.expires_at, st.*
       FROM sessions s JOIN staff st ON st.id = s.staff_id WHERE s.token_hash = ?`,
      [tokenHash],
    );
    if (!row) return null;
    return {
      session: { tokenHash: String(row.token_hash), staffId: String(row.staff_id), createdAt: Number(row.session_created_at), expiresAt: Number(row.expires_at) },
      staff: staffFromRow(row),
    };
  }

  staffList(limit: number): Promise<Array<{ id: string; name: string; role: Role }>> {
    return this.read.all('SELECT id, name, role FROM staff WHERE disabled = 0 ORDER BY name LIMIT ?', [limit]);
  }

  async dueOrders(now: number, limit: number): Promise<string[]> {
    const rows = await this.read.all<{ order_id: string }>(
      `SELECT order_id FROM orders WHERE confirm_due_at <= ? AND hold_transfer_id IS NOT NULL AND dispute_id IS NULL AND risk_hold_reason IS NULL
       ORDER BY confirm_due_at LIMIT ?`,
      [now, limit],
    );
    return rows.map((r) => r.order_id);
  }

  async dueReserves(now: number, limit: number): Promise<string[]> {
    return (await this.read.all<{ order_id: string }>('SELECT order_id FROM orders WHERE reserve_due_at <= ? ORDER BY reserve_due_at LIMIT ?', [now, limit])).map((r) => r.order_id);
  }

  async dueDisputes(now: number, limit: number): Promise<string[]> {
    const rows = await this.read.all<{ dispute_id: string }>(
      `SELECT dispute_id FROM disputes WHERE deadline_at <= ? AND status IN ('awaiting_merchant', 'awaiting_buyer') ORDER BY deadline_at LIMIT ?`,
      [now, limit],
    );
    return rows.map((r) => r.dispute_id);
  }

  async aggregateEventsAfter(kind: AggregateKindName, aggregateId: string, version: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.read.all<Record<string, unknown>>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE kind = ? AND aggregate_id = ? AND version > ? ORDER BY version LIMIT ?`,
      [kind, aggregateId, version, limit],
    );
    return rows.map(eventShape.fromRow);
  }

  auditHead(): Promise<AuditHead | null> {
    return readAuditHead(sqlOn(this.read));
  }

  auditPage(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return readAuditPage(sqlOn(this.read), afterSeq, limit);
  }

  async attachment(sha256: string): Promise<AttachmentRecord | null> {
    const row = await this.read.get<{ sha256: string; mime: AttachmentMime; size: number; bytes: Buffer; received_at: number }>(
      'SELECT sha256, mime, size, bytes, received_at FROM attachments WHERE sha256 = ?',
      [sha256],
    );
    return row ? { sha256: row.sha256, mime: row.mime, size: row.size, bytes: row.bytes, receivedAt: row.received_at } : null;
  }

  verify() {
    return this.ledger.db.snapshot((conn) => verifyLedger(sqlOn(conn), [auditInvariant, attachmentsInvariant]));
  }

  close(): Promise<void> {
    return this.ledger.close();
  }
}
