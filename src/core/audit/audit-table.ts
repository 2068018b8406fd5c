/**
 * The `audit_log` table in plain SQL that SQLite and PostgreSQL both run (`?` placeholders,
 * which the PostgreSQL store numbers): rows to entries and back, appending, paging, and
 * verify's check. Each store adds only its transactions and how it asks whether the table
 * exists.
 */
import { canonicalJson, type Json } from '../../shared/json.js';
import type { InvariantCheck, InvariantResult, Query } from '../ledger/verify.js';
import { nextEntry, type AuditAction, type AuditActor, type AuditEntry, type AuditFields, type AuditHead } from './chain.js';
import { verifyChain } from './verify-chain.js';

/** What every audit store offers (the console's SQLite file, the hub's database). */
export interface AuditLog {
  append(fields: AuditFields): Promise<AuditEntry>;
  head(): Promise<AuditHead | null>;
  page(afterSeq: number, limit: number): Promise<AuditEntry[]>;
}

export const AUDIT_COLUMNS = ['seq', 'at', 'actor', 'action', 'target', 'detail', 'prev_hash', 'hash'] as const;
export const MAX_AUDIT_PAGE = 5_000;
export const AUDIT_CHAIN_INVARIANT = 'audit_chain_intact';
/**
 * Entries one appendAuditBatch call may add. Its single INSERT binds 8 values an entry: 8,000
 * stays well inside both databases' limits (SQLite 32,766 bound values, PostgreSQL 65,535).
 */
export const MAX_AUDIT_BATCH = 1_000;

/** A Query that also binds null (an absent target), for the insert. */
export type AuditSql = (sql: string, params?: readonly (string | number | null)[]) => Promise<Record<string, unknown>[]>;

/** Pages verify streams: a few MiB at most (details are bounded to 4 KiB). */
const VERIFY_PAGE = 2_000;
/** As many examples as verifyLedger keeps for its own invariants. */
const MAX_EXAMPLES = 5;

export function auditRow(entry: AuditEntry): (string | number | null)[] {
  return [entry.seq, entry.at, canonicalJson(entry.actor), entry.action, entry.target ?? null, canonicalJson(entry.detail), entry.prevHash, entry.hash];
}

/**
 * A row as an entry, without judging it: a tampered row may hold anything, and verifyChain
 * hashes what is there, so a value that is not what was written fails its hash.
 */
export function auditEntryFromRow(row: Record<string, unknown>): AuditEntry {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    actor: storedJson(row.actor) as AuditActor,
    action: String(row.action) as AuditAction,
    ...(row.target === null || row.target === undefined ? {} : { target: String(row.target) }),
    detail: storedJson(row.detail),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

/** Text that no longer parses stays text: it then cannot hash like the JSON that was sealed. */
function storedJson(text: unknown): Json {
  try {
    return JSON.parse(String(text)) as Json;
  } catch {
    return String(text);
  }
}

export async function readAuditHead(query: Query): Promise<AuditHead | null> {
  const [row] = await query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  return row ? { seq: Number(row.seq), hash: String(row.hash) } : null;
}

export async function readAuditPage(query: Query, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new RangeError(`afterSeq must be a whole number >= 0, got ${afterSeq}`);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) throw new RangeError(`an audit page holds 1 to ${MAX_AUDIT_PAGE} entries, asked for ${limit}`);
  const rows = await query(`SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`, [afterSeq, limit]);
  return rows.map(auditEntryFromRow);
}

/**
 * Chains `batch` after the head and inserts it with one multi-row INSERT. Runs inside the
 * caller's write transaction, and writers must be serialized (the store's job), so the head
 * read here is still the head when the rows land; if not, the insert trigger refuses them.
 * Every entry is checked (nextEntry throws) before anything is written.
 */
export async function appendAuditBatch(sql: AuditSql, batch: readonly AuditFields[]): Promise<AuditEntry[]> {
  if (batch.length > MAX_AUDIT_BATCH) throw new RangeError(`at most ${MAX_AUDIT_BATCH} audit entries can be appended at once, got ${batch.length}`);
  if (batch.length === 0) return [];
  let head = await readAuditHead(sql);
  const entries = batch.map((fields) => (head = nextEntry(head, fields)));
  const tuple = `(${AUDIT_COLUMNS.map(() => '?').join(', ')})`;
  // Rows are inserted in the order listed, so each one's trigger check sees the one before it.
  await sql(`INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES ${entries.map(() => tuple).join(', ')}`, entries.flatMap(auditRow));
  return entries;
}

/** Every entry in seq order, a page at a time, for verifyChain. */
export async function* streamAuditLog(query: Query, pageSize = VERIFY_PAGE): AsyncGenerator<AuditEntry> {
  for (let after = 0; ; ) {
    const page = await readAuditPage(query, after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].seq;
  }
}

/**
 * verify's `audit_chain_intact`. Asking whether the table exists differs per database, so the
 * store supplies it; a database without the table (or an empty one) has nothing to break.
 */
export function auditChainInvariant(hasAuditTable: (query: Query) => Promise<boolean>): InvariantCheck {
  return async (query): Promise<InvariantResult> => {
    if (!(await hasAuditTable(query))) return { name: AUDIT_CHAIN_INVARIANT, ok: true, violations: [] };
    const report = await verifyChain(streamAuditLog(query));
    return {
      name: AUDIT_CHAIN_INVARIANT,
      ok: report.ok,
      violations: report.violations.slice(0, MAX_EXAMPLES).map((v) => `audit seq ${v.seq} ${v.problem}: ${v.message}`),
    };
  };
}
