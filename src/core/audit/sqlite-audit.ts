/**
 * The audit log in a SQLite file (the console's store, the hub's embedded one). Appends go
 * through the database's write queue and read the head inside their transaction, so appends
 * racing each other still chain one after the other.
 */
import { migrateSqlite } from '../db/sqlite-migrations.js';
import { insertMany, type SqliteDb, type SqlRunner } from '../db/sqlite.js';
import type { InvariantCheck, Query } from '../ledger/verify.js';
import { AUDIT_COLUMNS, auditChainInvariant, auditRow, readAuditHead, readAuditPage, type AuditLog } from './audit-table.js';
import { nextEntry, type AuditEntry, type AuditFields, type AuditHead } from './chain.js';
import { AUDIT_SCOPE, sqliteAuditMigrations } from './migrations/index.js';

const queryOn =
  (runner: SqlRunner): Query =>
  (sql, params) =>
    runner.all(sql, params);

export class SqliteAuditLog implements AuditLog {
  private constructor(private readonly db: SqliteDb) {}

  /** Brings the `audit` scope up to date (or with `checkOnly` refuses a database that is not). */
  static async open(db: SqliteDb, options: { checkOnly?: boolean } = {}): Promise<SqliteAuditLog> {
    await migrateSqlite(db, AUDIT_SCOPE, sqliteAuditMigrations, options);
    return new SqliteAuditLog(db);
  }

  append(fields: AuditFields): Promise<AuditEntry> {
    return this.db.transaction((tx) => this.appendInTransaction(tx, fields));
  }

  /** For a caller whose action and its audit entry must commit together or not at all. */
  async appendInTransaction(tx: SqlRunner, fields: AuditFields): Promise<AuditEntry> {
    const entry = nextEntry(await readAuditHead(queryOn(tx)), fields);
    await insertMany(tx, 'audit_log', AUDIT_COLUMNS, [auditRow(entry)]);
    return entry;
  }

  head(): Promise<AuditHead | null> {
    return readAuditHead(queryOn(this.db.read));
  }

  page(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return readAuditPage(queryOn(this.db.read), afterSeq, limit);
  }
}

/** verify's `audit_chain_intact` on a SQLite database: `verifyLedger(query, [auditInvariant])`. */
export const auditInvariant: InvariantCheck = auditChainInvariant(
  async (query) => (await query("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'")).length > 0,
);
