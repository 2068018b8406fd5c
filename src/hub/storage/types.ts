/**
 * The hub's storage, one interface over SQLite (embedded default) and PostgreSQL (scale). All
 * SQL lives behind it; the hub's logic (commands, intake, auth, scheduler) is written once
 * against it. Writes run one at a time through `write` (one transaction each); reads may run
 * alongside and see the last committed state.
 */
import type { AggregateKindName } from '../../core/aggregates.js';
import type { AuditEntry, AuditFields, AuditHead } from '../../core/audit/chain.js';
import type { LedgerPort } from '../../core/ledger/apply.js';
import type { StoredEvent } from '../../core/ledger/rows.js';
import type { Query, VerifyReport } from '../../core/ledger/verify.js';
import type { Checkpoint } from '../../shared/api/hub.js';
import type { AttachmentMime } from '../../shared/escrow/dispute.js';
import type { Role } from '../../shared/roles.js';

export interface StaffRecord {
  id: string;
  name: string;
  role: Role;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: number | null;
  disabled: boolean;
  createdAt: number;
}

export interface SessionRecord {
  tokenHash: string;
  staffId: string;
  createdAt: number;
  expiresAt: number;
}

/** Who sent a request whose answer is kept for idempotency. */
export type AnswerSource = 'staff' | 'marketplace';

export interface StoredAnswer {
  bodyHash: string;
  /** The answer as first given, JSON. */
  answer: string;
}

export interface AnswerRecord extends StoredAnswer {
  source: AnswerSource;
  id: string;
  actorId: string | null;
  type: string | null;
  aggregateId: string | null;
  status: 'accepted' | 'rejected';
  at: number;
}

/** An evidence file as the hub keeps it: checked bytes under their SHA-256. */
export interface AttachmentRecord {
  sha256: string;
  mime: AttachmentMime;
  size: number;
  bytes: Uint8Array;
  receivedAt: number;
}

export type AttachmentInfo = Pick<AttachmentRecord, 'mime' | 'size'>;

export interface EventsSlice {
  events: StoredEvent[];
  checkpoint: Checkpoint;
}

export interface HubReads {
  /**
   * Events after `after`, ending on a checkpoint: at most `limit` events unless a single
   * batch was larger, in which case the page holds that whole batch.
   */
  eventsPage(after: number, limit: number): Promise<EventsSlice>;
  head(): Promise<Checkpoint>;
  findSession(tokenHash: string): Promise<{ session: SessionRecord; staff: StaffRecord } | null>;
  /** Active staff, for directories (never their password hashes). */
  staffList(limit: number): Promise<Array<{ id: string; name: string; role: Role }>>;
  /** Orders whose auto-confirm time has come and whose hold is neither frozen nor resolved. */
  dueOrders(now: number, limit: number): Promise<string[]>;
  /** Released orders whose rolling reserve is due back to the merchant. */
  dueReserves(now: number, limit: number): Promise<string[]>;
  /** Disputes waiting for a party's reply past their deadline. */
  dueDisputes(now: number, limit: number): Promise<string[]>;
  /** The events of one aggregate after a version (for conflict answers). */
  aggregateEventsAfter(kind: AggregateKindName, aggregateId: string, version: number, limit: number): Promise<StoredEvent[]>;
  /** The hub's audit chain (every console's staff actions at the hub, and their chain heads). */
  auditHead(): Promise<AuditHead | null>;
  auditPage(afterSeq: number, limit: number): Promise<AuditEntry[]>;
  /** One evidence file with its bytes, or null when the hub has not received it. */
  attachment(sha256: string): Promise<AttachmentRecord | null>;
}

export interface HubTx {
  readonly ledger: LedgerPort;
  /** Portable read-only SQL (`?` placeholders) inside the transaction, for the risk history. */
  readonly query: Query;
  findAnswers(source: AnswerSource, ids: readonly string[]): Promise<Map<string, StoredAnswer>>;
  saveAnswers(records: readonly AnswerRecord[]): Promise<void>;
  addCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** Runs `work` under a savepoint: if it throws, its writes are undone and the error rethrown. */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
  findStaffByName(name: string): Promise<StaffRecord | null>;
  findStaffById(id: string): Promise<StaffRecord | null>;
  countStaff(): Promise<number>;
  insertStaff(staff: StaffRecord): Promise<void>;
  updateStaffAuth(id: string, failedAttempts: number, lockedUntil: number | null): Promise<void>;
  insertSession(session: SessionRecord): Promise<void>;
  /** Ends one session (sign-out); false when there was none. */
  deleteSession(tokenHash: string): Promise<boolean>;
  deleteExpiredSessions(now: number): Promise<number>;
  /** Appends entries to the audit chain, in order, in this transaction (at most MAX_AUDIT_BATCH). */
  appendAudit(entries: readonly AuditFields[]): Promise<AuditEntry[]>;
  /** Stores a checked file unless one with its hash is there; true when it was new. */
  putAttachment(file: AttachmentRecord): Promise<boolean>;
  /** Type and size of the files among `sha256s` the hub holds (for intake's reference check). */
  attachmentInfo(sha256s: readonly string[]): Promise<Map<string, AttachmentInfo>>;
}

export interface HubStorage extends HubReads {
  readonly dialect: 'sqlite' | 'postgres';
  write<T>(work: (tx: HubTx) => Promise<T>): Promise<T>;
  /** The ledger's invariants and `audit_chain_intact`. */
  verify(): Promise<VerifyReport>;
  close(): Promise<void>;
}
