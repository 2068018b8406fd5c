/**
 * The console's local database: the replicated escrow ledger (core) plus the console's own
 * tables (sync state, outbox). The ledger holds only events the hub has accepted; commands
 * decided here wait in the outbox, shown as "pending sync", until the hub answers.
 */
import { randomUUID } from 'node:crypto';
import type { AuditFields, AuditHead } from '../../core/audit/chain.js';
import { AUDIT_SCOPE, sqliteAuditMigrations } from '../../core/audit/migrations/index.js';
import { SqliteAuditLog } from '../../core/audit/sqlite-audit.js';
import { insertMany, type SqlRunner } from '../../core/db/sqlite.js';
import type { DisputeState } from '../../core/disputes/state.js';
import { SqliteLedger } from '../../core/ledger/sqlite-ledger.js';
import { commandTarget, type CommandAnswer, type CommandRequest, type Checkpoint, type StaffIdentity } from '../../shared/api/hub.js';
import type { Role } from '../../shared/roles.js';
import { canonicalJson } from '../../shared/json.js';
import { CONSOLE_SCOPE, consoleMigrations } from './migrations/index.js';

export type OutboxStatus = 'pending' | 'accepted' | 'rejected';

export interface OutboxEntry {
  seq: number;
  id: string;
  createdAt: number;
  actor: StaffIdentity;
  type: string;
  aggregateId: string;
  expectedVersion: number;
  /** The request exactly as it is sent (canonical JSON, amounts as strings). */
  request: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  answer: CommandAnswer | null;
  answeredAt: number | null;
}

export interface SyncPosition {
  cursor: number;
  /** The hub's checkpoint at the cursor, as last verified. */
  checkpoint: Checkpoint | null;
}

function entryFromRow(r: Record<string, unknown>): OutboxEntry {
  return {
    seq: Number(r.seq),
    id: String(r.id),
    createdAt: Number(r.created_at),
    actor: { id: String(r.actor_id), name: String(r.actor_name), role: r.actor_role as Role },
    type: String(r.type),
    aggregateId: String(r.aggregate_id),
    expectedVersion: Number(r.expected_version),
    request: String(r.request),
    status: r.status as OutboxStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at),
    lastError: r.last_error === null ? null : String(r.last_error),
    answer: r.answer === null ? null : (JSON.parse(String(r.answer)) as CommandAnswer),
    answeredAt: r.answered_at === null ? null : Number(r.answered_at),
  };
}

/** Most entries one outbox query returns. */
const MAX_OUTBOX_PAGE = 500;

const UPSERT_STATE = 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

export class ConsoleStore {
  private constructor(
    readonly ledger: SqliteLedger,
    /** This console's hash-chained audit trail of staff actions (its head is anchored at the hub). */
    readonly audit: SqliteAuditLog,
  ) {}

  static async open(file: string): Promise<ConsoleStore> {
    const ledger = await SqliteLedger.open(file, {
      extraMigrations: [
        { scope: CONSOLE_SCOPE, migrations: consoleMigrations },
        { scope: AUDIT_SCOPE, migrations: sqliteAuditMigrations },
      ],
    });
    return new ConsoleStore(ledger, await SqliteAuditLog.open(ledger.db, { checkOnly: true }));
  }

  /** Records a staff action; inside `tx` it commits (or not) with the action itself. */
  record(fields: AuditFields, tx?: SqlRunner): Promise<unknown> {
    return tx ? this.audit.appendInTransaction(tx, fields) : this.audit.append(fields);
  }

  /** This console's stable id, made on first use: the hub files its chain heads under it. */
  async consoleId(): Promise<string> {
    const existing = await this.ledger.db.read.get<{ value: string }>("SELECT value FROM sync_state WHERE key = 'console_id'");
    if (existing) return existing.value;
    return this.ledger.db.transaction(async (tx) => {
      const again = await tx.get<{ value: string }>("SELECT value FROM sync_state WHERE key = 'console_id'");
      if (again) return again.value;
      const id = randomUUID();
      await tx.run(UPSERT_STATE, ['console_id', id]);
      return id;
    });
  }

  /** The audit head the hub last acknowledged for this console (null: none yet). */
  async anchoredHead(): Promise<AuditHead | null> {
    const row = await this.ledger.db.read.get<{ value: string }>("SELECT value FROM sync_state WHERE key = 'audit_anchor'");
    return row ? (JSON.parse(row.value) as AuditHead) : null;
  }

  saveAnchoredHead(head: AuditHead): Promise<void> {
    return this.ledger.db.transaction((tx) => tx.run(UPSERT_STATE, ['audit_anchor', JSON.stringify(head)]).then(() => undefined));
  }

  close(): Promise<void> {
    return this.ledger.close();
  }

  dispute(id: string): Promise<DisputeState | null> {
    return this.ledger.dispute(id);
  }

  async staffMember(id: string): Promise<StaffIdentity | null> {
    const row = await this.ledger.db.read.get<{ id: string; name: string; role: Role }>('SELECT id, name, role FROM staff_directory WHERE id = ?', [id]);
    return row ?? null;
  }

  async staffDirectory(): Promise<StaffIdentity[]> {
    return this.ledger.db.read.all<StaffIdentity>('SELECT id, name, role FROM staff_directory ORDER BY name LIMIT 10000');
  }

  /** Replaces the cached staff directory with the hub's current one. */
  saveStaffDirectory(staff: readonly StaffIdentity[], now: number): Promise<void> {
    return this.ledger.db.transaction(async (tx) => {
      await tx.run('DELETE FROM staff_directory');
      await insertMany(tx, 'staff_directory', ['id', 'name', 'role', 'fetched_at'], staff.map((s) => [s.id, s.name, s.role, now]));
    });
  }

  async position(): Promise<SyncPosition> {
    const rows = await this.ledger.db.read.all<{ key: string; value: string }>("SELECT key, value FROM sync_state WHERE key IN ('cursor', 'checkpoint')");
    const values = new Map(rows.map((r) => [r.key, r.value]));
    return {
      cursor: Number(values.get('cursor') ?? 0),
      checkpoint: values.has('checkpoint') ? (JSON.parse(values.get('checkpoint')!) as Checkpoint) : null,
    };
  }

  /** Writes the cursor (and the verified checkpoint) inside the transaction that applied the events. */
  static async savePosition(tx: SqlRunner, position: SyncPosition): Promise<void> {
    await tx.run(UPSERT_STATE, ['cursor', String(position.cursor)]);
    if (position.checkpoint) await tx.run(UPSERT_STATE, ['checkpoint', JSON.stringify(position.checkpoint)]);
  }

  /**
   * Queues a command in the same transaction as the local intent (`alsoWrite`), so a crash
   * leaves both or neither.
   */
  queue(request: CommandRequest, actor: StaffIdentity, now: number, alsoWrite?: (tx: SqlRunner) => Promise<void>): Promise<void> {
    return this.ledger.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO outbox (id, created_at, actor_id, actor_name, actor_role, type, aggregate_id, expected_version, request, status, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
        [request.id, now, actor.id, actor.name, actor.role, request.command.type, commandTarget(request.command).id, request.expectedVersion, canonicalJson(request), now],
      );
      if (alsoWrite) await alsoWrite(tx);
      await this.record(
        { at: now, actor: { id: actor.id, role: actor.role }, action: 'command.queued', target: `command:${request.id}`, detail: { type: request.command.type, aggregateId: commandTarget(request.command).id } },
        tx,
      );
    });
  }

  /** Every pending command, oldest first (what the hub will see before anything decided now). */
  async pending(): Promise<OutboxEntry[]> {
    const rows = await this.ledger.db.read.all<Record<string, unknown>>("SELECT * FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT ?", [MAX_OUTBOX_PAGE]);
    return rows.map(entryFromRow);
  }

  /**
   * Pending commands of one staff member due for sending, oldest first. Only the signed-in
   * member's own decisions are sent: the hub decides each as the token's owner, so a colleague's
   * queued decision waits for them to sign in here again. Strictly in order: the due commands
   * from the oldest on, up to the first still waiting out a backoff (a newer decision on the
   * same case must not reach the hub before an older one). `includeBackedOff` sends through
   * those waits (the hub is back, or staff asked to sync now).
   */
  async duePending(now: number, limit: number, actorId: string, { includeBackedOff = false }: { includeBackedOff?: boolean } = {}): Promise<OutboxEntry[]> {
    const rows = await this.ledger.db.read.all<Record<string, unknown>>("SELECT * FROM outbox WHERE status = 'pending' AND actor_id = ? ORDER BY seq LIMIT ?", [
      actorId,
      Math.min(limit, MAX_OUTBOX_PAGE),
    ]);
    const entries = rows.map(entryFromRow);
    if (includeBackedOff) return entries;
    const waiting = entries.findIndex((e) => e.nextAttemptAt > now);
    return waiting === -1 ? entries : entries.slice(0, waiting);
  }

  /** When the oldest pending command of the member may be sent (the rest wait behind it). */
  async nextAttemptAt(actorId: string): Promise<number | null> {
    const row = await this.ledger.db.read.get<{ at: number }>("SELECT next_attempt_at AS at FROM outbox WHERE status = 'pending' AND actor_id = ? ORDER BY seq LIMIT 1", [actorId]);
    return row?.at ?? null;
  }

  async pendingCount(): Promise<number> {
    const row = await this.ledger.db.read.get<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'");
    return row?.n ?? 0;
  }

  async entries(status: OutboxStatus | 'all', limit = 100): Promise<OutboxEntry[]> {
    const rows = await this.ledger.db.read.all<Record<string, unknown>>(
      `SELECT * FROM outbox ${status === 'all' ? '' : 'WHERE status = ?'} ORDER BY seq DESC LIMIT ?`,
      status === 'all' ? [Math.min(limit, MAX_OUTBOX_PAGE)] : [status, Math.min(limit, MAX_OUTBOX_PAGE)],
    );
    return rows.map(entryFromRow);
  }

  /** Records the hub's final answers, each with its audit entry. */
  recordAnswers(answers: readonly CommandAnswer[], now: number): Promise<void> {
    return this.ledger.db.transaction(async (tx) => {
      for (const answer of answers) {
        const row = await tx.get<Record<string, unknown>>("SELECT * FROM outbox WHERE id = ? AND status = 'pending'", [answer.id]);
        if (!row) continue;
        const entry = entryFromRow(row);
        await tx.run("UPDATE outbox SET status = ?, answer = ?, answered_at = ?, last_error = NULL WHERE id = ?", [answer.status, JSON.stringify(answer), now, answer.id]);
        await this.record(
          {
            at: now,
            actor: { id: entry.actor.id, role: entry.actor.role },
            action: answer.status === 'accepted' ? 'command.accepted' : 'command.rejected',
            target: `command:${answer.id}`,
            detail: { type: entry.type, aggregateId: entry.aggregateId, ...(answer.status === 'rejected' ? { code: answer.code } : {}) },
          },
          tx,
        );
      }
    });
  }

  /** Records a transient failure: the commands stay pending until `nextAttemptAt`. */
  recordRetry(ids: readonly string[], nextAttemptAt: number, error: string): Promise<void> {
    return this.ledger.db.transaction(async (tx) => {
      for (const id of ids) {
        await tx.run("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'pending'", [nextAttemptAt, error.slice(0, 500), id]);
      }
    });
  }
}
