/**
 * Applying domain events to a ledger, batch by batch, in one transaction per batch. The logic
 * is written once here against `LedgerPort`, the narrow set of reads and writes a store offers
 * inside a transaction (SQLite for consoles and the embedded hub, PostgreSQL for the hub).
 *
 * Per batch: a handful of set-based reads (which events exist, the orders, accounts and pending
 * transfers touched), the whole batch evolved and posted in memory, then multi-row writes.
 * Each event answers its own result code; a rejected event changes nothing and does not stop
 * the events behind it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/json.js';
import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import { EvolveError, type AggregateKindName } from '../aggregates.js';
import { accountHash, LedgerDigest, transferHash } from './digest.js';
import type { StoredEvent, StoredTransfer } from './rows.js';
import { kindOf, kindNamed } from './kinds.js';
import { LedgerWorkingSet, type AccountRecord, type TransferRecord, type TransferResult } from './transfer.js';

/** The most events one batch may carry (one transaction, one set of multi-row statements). */
export const MAX_APPLY_BATCH = 10_000;

export type ApplyResult =
  | 'ok'
  | 'linked_event_failed'
  | 'exists'
  | 'exists_with_different_fields'
  | 'sequence_gap'
  | EvolveError['code']
  | Exclude<TransferResult, 'ok' | 'linked_event_failed' | 'exists'>;

/** An aggregate's state as the ledger loads and saves it. */
export interface KindState {
  kind: AggregateKindName;
  id: string;
  state: { version: number };
}

export interface LedgerPort {
  findEventHashes(ids: readonly string[]): Promise<Map<string, string>>;
  loadStates(kind: AggregateKindName, ids: readonly string[]): Promise<Map<string, { version: number }>>;
  loadAccounts(ids: readonly string[]): Promise<AccountRecord[]>;
  loadTransfers(ids: readonly string[]): Promise<TransferRecord[]>;
  loadResolutions(pendingIds: readonly string[]): Promise<Array<{ pendingId: string; kind: 'post' | 'void' }>>;
  maxSeqs(): Promise<{ event: number; transfer: number }>;
  readDigest(): Promise<string | undefined>;
  write(changes: LedgerWrite): Promise<void>;
}

export interface LedgerWrite {
  events: StoredEvent[];
  states: KindState[];
  /** Accounts as they are after the batch; `created` ones are inserted, the others updated. */
  accounts: Array<{ account: AccountRecord; created: boolean }>;
  transfers: StoredTransfer[];
  digest: string;
}

export interface ApplyOutcome {
  results: ApplyResult[];
  /** The global sequence numbers of the events stored by this batch, in order. */
  seqs: number[];
  digest: string;
}

/** The stored body of an event: its canonical JSON without the sequence number. */
export function eventBody(event: EventEnvelope): { body: string; bodyHash: string } {
  const { seq: _seq, ...rest } = event;
  const body = canonicalJson(rest);
  return { body, bodyHash: createHash('sha256').update(body).digest('hex') };
}

export interface ApplyOptions {
  /**
   * Replicas (consoles) keep the hub's sequence numbers: events must carry `seq` and arrive
   * without gaps. Otherwise (the hub, local tools) the store assigns the next numbers.
   */
  keepSeq?: boolean;
  /** All or nothing: when any event is refused, nothing of the batch is written. */
  atomic?: boolean;
  /**
   * Sizes of consecutive groups of events that stand or fall together (one decision's events,
   * possibly on several aggregates): when one is refused, the rest of its group answers
   * `linked_event_failed` and nothing of the group is written.
   */
  groups?: readonly number[];
}

export async function applyEvents(port: LedgerPort, events: readonly EventEnvelope[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
  if (events.length > MAX_APPLY_BATCH) throw new RangeError(`a batch holds at most ${MAX_APPLY_BATCH} events, got ${events.length}`);
  if (options.groups) return applyGroups(port, events, options.groups, options);
  const prepared = await prepare(port, events, options);
  if (prepared.changes) await port.write(prepared.changes);
  return prepared.outcome;
}

interface Prepared {
  outcome: ApplyOutcome;
  /** What to write, or null when nothing is. */
  changes: LedgerWrite | null;
}

/** Decides the whole batch in memory: nothing is written yet. */
async function prepare(port: LedgerPort, events: readonly EventEnvelope[], options: ApplyOptions): Promise<Prepared> {
  const bodies = events.map(eventBody);
  const existing = await port.findEventHashes(events.map((e) => e.id));

  const fresh = events.filter((e) => !existing.has(e.id));
  const states = await loadStates(port, fresh);
  const ws = new LedgerWorkingSet();
  await preload(port, ws, fresh, states);

  const seqs = await port.maxSeqs();
  let nextEventSeq = seqs.event + 1;
  let nextTransferSeq = seqs.transfer + 1;
  const digest = LedgerDigest.fromHex(await port.readDigest());
  const stored: StoredEvent[] = [];
  const changed = new Map<string, KindState>();
  const seen = new Map<string, string>();
  const results: ApplyResult[] = [];

  events.forEach((event, i) => {
    const { body, bodyHash } = bodies[i];
    const priorHash = existing.get(event.id) ?? seen.get(event.id);
    if (priorHash !== undefined) {
      results.push(priorHash === bodyHash ? 'exists' : 'exists_with_different_fields');
      return;
    }
    if (options.keepSeq && event.seq !== nextEventSeq) {
      results.push('sequence_gap');
      return;
    }
    const kind = kindOf(event.type);
    if (!kind) {
      results.push('unknown_event_type');
      return;
    }
    const key = stateKey(kind.name, event.aggregateId);
    try {
      const before = states.get(key)?.state ?? null;
      const after = kind.evolve(before, event);
      const chain = ws.applyChain(kind.postings(before, event), event.id, event.at);
      if (!chain.ok) {
        results.push(chain.results.find((r) => r !== 'linked_event_failed') as ApplyResult);
        return;
      }
      const next: KindState = { kind: kind.name, id: event.aggregateId, state: after };
      states.set(key, next);
      changed.set(key, next);
      seen.set(event.id, bodyHash);
      stored.push({
        seq: nextEventSeq,
        id: event.id,
        kind: kind.name,
        aggregateId: event.aggregateId,
        version: event.version,
        type: event.type,
        at: event.at,
        body,
        bodyHash,
      });
      nextEventSeq += 1;
      results.push('ok');
    } catch (error) {
      if (!(error instanceof EvolveError)) throw error;
      results.push(error.code);
    }
  });

  if (options.atomic && results.some((r) => r !== 'ok')) return { outcome: { results, seqs: [], digest: digest.toHex() }, changes: null };

  const transfers = ws.newTransfers().map((t): StoredTransfer => ({ ...t, seq: nextTransferSeq++ }));
  const accounts = ws.changedAccounts().map((account) => {
    const original = ws.originalAccounts.get(account.id) ?? null;
    if (original) digest.remove(accountHash(original));
    digest.add(accountHash(account));
    return { account, created: original === null };
  });
  for (const t of transfers) digest.add(transferHash(t));

  return {
    outcome: { results, seqs: stored.map((e) => e.seq), digest: digest.toHex() },
    changes: stored.length > 0 ? { events: stored, states: [...changed.values()], accounts, transfers, digest: digest.toHex() } : null,
  };
}

/**
 * Groups: the batch is decided in memory first; when a group has a refused event the batch is
 * decided again without the groups that failed (nothing was written), and that is written.
 */
async function applyGroups(port: LedgerPort, events: readonly EventEnvelope[], groups: readonly number[], options: ApplyOptions): Promise<ApplyOutcome> {
  if (groups.reduce((a, b) => a + b, 0) !== events.length) throw new RangeError('event groups must cover the batch exactly');
  const rest = { ...options, groups: undefined };
  const first = await prepare(port, events, rest);
  const bounds: Array<[number, number]> = [];
  groups.reduce((start, size) => (bounds.push([start, start + size]), start + size), 0);
  const failed = bounds.map(([from, to]) => first.outcome.results.slice(from, to).some((r) => r !== 'ok' && r !== 'exists'));
  if (!failed.includes(true)) {
    if (first.changes) await port.write(first.changes);
    return first.outcome;
  }
  const kept = bounds.flatMap(([from, to], g) => (failed[g] ? [] : events.slice(from, to)));
  const second = await prepare(port, kept, rest);
  if (second.changes) await port.write(second.changes);
  const results: ApplyResult[] = [];
  let next = 0;
  bounds.forEach(([from, to], g) => {
    if (failed[g]) {
      for (const r of first.outcome.results.slice(from, to)) results.push(r === 'ok' || r === 'exists' ? 'linked_event_failed' : r);
    } else {
      results.push(...second.outcome.results.slice(next, next + (to - from)));
      next += to - from;
    }
  });
  return { results, seqs: second.outcome.seqs, digest: second.outcome.digest };
}

function stateKey(kind: AggregateKindName, id: string): string {
  return `${kind}/${id}`;
}

/** Loads the current state of every aggregate the batch touches, one query per kind. */
async function loadStates(port: LedgerPort, fresh: readonly EventEnvelope[]): Promise<Map<string, KindState>> {
  const idsByKind = new Map<AggregateKindName, Set<string>>();
  for (const event of fresh) {
    const kind = kindOf(event.type);
    if (!kind) continue;
    const ids = idsByKind.get(kind.name) ?? new Set<string>();
    ids.add(event.aggregateId);
    idsByKind.set(kind.name, ids);
  }
  const states = new Map<string, KindState>();
  for (const [kind, ids] of idsByKind) {
    for (const [id, state] of await port.loadStates(kind, [...ids])) states.set(stateKey(kind, id), { kind, id, state });
  }
  return states;
}

/**
 * Loads every account and pending transfer the batch can touch: the account footprint of each
 * aggregate (from its state, or from its first event) and the holds it keeps open; a pending
 * transfer is always one of those, or created within the batch.
 */
async function preload(port: LedgerPort, ws: LedgerWorkingSet, fresh: readonly EventEnvelope[], states: Map<string, KindState>): Promise<void> {
  const accountIds = new Set<string>();
  for (const event of fresh) {
    const kind = kindOf(event.type);
    if (!kind) continue;
    const state = states.get(stateKey(kind.name, event.aggregateId))?.state ?? null;
    for (const id of kind.accountFootprint(state, event)) accountIds.add(id);
  }
  const ids = [...accountIds];
  const loaded = new Map((await port.loadAccounts(ids)).map((a) => [a.id, a]));
  for (const id of ids) ws.loadAccount(loaded.get(id) ?? null, id);

  const holds = [...states.values()].flatMap(({ kind, state }) => kindNamed(kind).openHolds(state));
  for (const transfer of await port.loadTransfers(holds)) ws.loadTransfer(transfer);
  for (const { pendingId, kind } of await port.loadResolutions(holds)) ws.loadResolution(pendingId, kind);
}
