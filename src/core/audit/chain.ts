/**
 * The audit trail's entry format (DESIGN §6: every staff action lands in a hash-chained log).
 * Pure: storage lives elsewhere (sqlite-audit.ts; the hub's PostgreSQL store later).
 *
 * Each entry seals all of its fields with SHA-256 and carries the hash of the entry before it,
 * so editing, deleting, reordering or inserting an entry breaks the chain after it. SHA-256 is
 * not a secret: whoever can write the file can also re-hash a whole tail. That is why consoles
 * send their head to the hub, which records it in its own chain (`chain.head`): a rewritten
 * tail is then caught against the recorded head (verifyChain's `expectedHead`).
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type Json } from '../../shared/json.js';
import { ROLES, type Role } from '../../shared/roles.js';

export const AUDIT_ACTIONS = [
  // Staff commands (DESIGN §5): answered by the hub, or queued while the console is offline.
  'command.accepted',
  'command.rejected',
  'command.queued',
  // Sessions (DESIGN §6: sign-in, lock-out, idle lock).
  'session.login',
  'session.login_failed',
  'session.logout',
  'session.lock',
  'session.unlock',
  // Administration: staff accounts, thresholds and other settings.
  'staff.created',
  'staff.updated',
  'staff.disabled',
  'settings.changed',
  // Data crossing the boundary outside the event stream.
  'export',
  'statement.imported',
  // The ledger's own health: verify runs, checksum drift, rebuilds from the hub.
  'ledger.verified',
  'ledger.drift_detected',
  'ledger.resynced',
  'day.closed',
  // Another chain's head, recorded by the hub for a console (see chain-head.ts).
  'chain.head',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type StaffActor = { id: string; role: Role };
export type ServiceActor = { kind: 'system' | 'marketplace' };
export type AuditActor = StaffActor | ServiceActor;

/** What a caller supplies; the chain adds seq, prevHash and hash. */
export type AuditFields = {
  /** ms since the epoch, from the injected clock. */
  at: number;
  actor: AuditActor;
  action: AuditAction;
  /** What the action was about: `order:<id>`, `console:<id>`, a command id, ... */
  target?: string;
  detail: Json;
};

export type AuditHead = { seq: number; hash: string };

export type AuditEntry = AuditFields & { seq: number; prevHash: string; hash: string };

/** The prevHash of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bytes of canonical JSON a detail may take: an audit entry records a fact, not a payload. */
export const MAX_DETAIL_BYTES = 4096;
export const MAX_TARGET_LENGTH = 256;
const MAX_ACTOR_ID_LENGTH = 128;
const SERVICE_KINDS: ReadonlySet<string> = new Set<ServiceActor['kind']>(['system', 'marketplace']);

export class AuditEntryError extends Error {
  readonly code = 'invalid_audit_entry';
}

/**
 * SHA-256 (hex) of the canonical JSON of every field but `hash`: `{action, actor, at, detail,
 * prevHash, seq, target}`, keys sorted, an absent target written as null.
 */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, action, target, detail, prevHash } = entry;
  const sealed = { seq, at, actor, action, target: target ?? null, detail, prevHash };
  return createHash('sha256').update(canonicalJson(sealed)).digest('hex');
}

/** The entry that follows `previous` (null: the first one). Refuses fields that do not fit. */
export function nextEntry(previous: AuditHead | null, fields: AuditFields): AuditEntry {
  const sealed = {
    seq: previous ? previous.seq + 1 : 1,
    at: checkedTime(fields.at),
    actor: checkedActor(fields.actor),
    action: checkedAction(fields.action),
    ...(fields.target === undefined ? {} : { target: checkedTarget(fields.target) }),
    detail: boundedDetail(fields.detail),
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...sealed, hash: entryHash(sealed) };
}

function checkedTime(at: number): number {
  if (!Number.isSafeInteger(at) || at < 0) throw new AuditEntryError(`audit time must be whole milliseconds since the epoch, got ${at}`);
  return at;
}

/** A copy with only the actor's own keys: anything else would be sealed into the entry too. */
function checkedActor(actor: AuditActor): AuditActor {
  if ('kind' in actor) {
    if (SERVICE_KINDS.has(actor.kind)) return { kind: actor.kind };
    throw new AuditEntryError(`unknown audit actor kind ${JSON.stringify(actor.kind)}`);
  }
  if (typeof actor.id !== 'string' || actor.id.length === 0 || actor.id.length > MAX_ACTOR_ID_LENGTH) {
    throw new AuditEntryError(`a staff actor needs an id of 1 to ${MAX_ACTOR_ID_LENGTH} characters`);
  }
  if (!(ROLES as readonly string[]).includes(actor.role)) throw new AuditEntryError(`unknown staff role ${JSON.stringify(actor.role)}`);
  return { id: actor.id, role: actor.role };
}

function checkedAction(action: AuditAction): AuditAction {
  if (!(AUDIT_ACTIONS as readonly string[]).includes(action)) throw new AuditEntryError(`unknown audit action ${JSON.stringify(action)}`);
  return action;
}

function checkedTarget(target: string): string {
  if (target.length === 0 || target.length > MAX_TARGET_LENGTH) throw new AuditEntryError(`an audit target has 1 to ${MAX_TARGET_LENGTH} characters`);
  return target;
}

/**
 * Refuses a detail over the bound and returns it as storage will give it back (parsed from its
 * canonical text), so an entry in memory and the same entry read from a table are equal.
 */
function boundedDetail(detail: Json): Json {
  let text: string;
  try {
    text = canonicalJson(detail);
  } catch (error) {
    throw new AuditEntryError(`audit detail is not JSON: ${(error as Error).message}`);
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_DETAIL_BYTES) throw new AuditEntryError(`audit detail takes ${bytes} bytes of canonical JSON; at most ${MAX_DETAIL_BYTES} are allowed`);
  return JSON.parse(text) as Json;
}
