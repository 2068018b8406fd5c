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
import { EvolveError, evolveOrder } from '../escrow/evolve.js';
import { orderAccountFootprint, orderPostings } from '../escrow/postings.js';
import type { OrderState } from '../escrow/state.js';
import { accountHash, LedgerDigest, transferHash } from './digest.js';
import type { StoredEvent, StoredTransfer } from './rows.js';
import { LedgerWorkingSet, type AccountRecord, type TransferRecord, type TransferResult } from './transfer.js';

/** The most events one batch may carry (one transaction, one set of multi-row statements). */
export const MAX_APPLY_BATCH = 10_000;

export type ApplyResult =
  | 'ok'
  | 'exists'
  | 'exists_with_different_fields'
  | 'sequence_gap'
  | EvolveError['code']
  | Exclude<TransferResult, 'ok' | 'linked_event_failed' | 'exists'>;

export interface LedgerPort {
  findEventHashes(ids: readonly string[]): Promise<Map<string, string>>;
  loadOrders(ids: readonly string[]): Promise<Map<string, OrderState>>;
  loadAccounts(ids: readonly string[]): Promise<AccountRecord[]>;
  loadTransfers(ids: readonly string[]): Promise<TransferRecord[]>;
  loadResolutions(pendingIds: readonly string[]): Promise<Array<{ pendingId: string; kind: 'post' | 'void' }>>;
  maxSeqs(): Promise<{ event: number; transfer: number }>;
  readDigest(): Promise<string | undefined>;
  write(changes: LedgerWrite): Promise<void>;
}

export interface LedgerWrite {
  events: StoredEvent[];
  orders: OrderState[];
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
}

export async function applyEvents(port: LedgerPort, events: readonly EventEnvelope[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
  if (events.length > MAX_APPLY_BATCH) throw new RangeError(`a batch holds at most ${MAX_APPLY_BATCH} events, got ${events.length}`);
  const bodies = events.map(eventBody);
  const existing = await port.findEventHashes(events.map((e) => e.id));

  const fresh = events.filter((e) => !existing.has(e.id));
  const orders = await port.loadOrders([...new Set(fresh.map((e) => e.aggregateId))]);
  const ws = new LedgerWorkingSet();
  await preload(port, ws, fresh, orders);

  const seqs = await port.maxSeqs();
  let nextEventSeq = seqs.event + 1;
  let nextTransferSeq = seqs.transfer + 1;
  const digest = LedgerDigest.fromHex(await port.readDigest());
  const stored: StoredEvent[] = [];
  const changedOrders = new Set<string>();
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
    try {
      const before = orders.get(event.aggregateId) ?? null;
      const after = evolveOrder(before, event);
      const chain = ws.applyChain(orderPostings(before, event), event.id, event.at);
      if (!chain.ok) {
        results.push(chain.results.find((r) => r !== 'linked_event_failed') as ApplyResult);
        return;
      }
      orders.set(event.aggregateId, after);
      changedOrders.add(event.aggregateId);
      seen.set(event.id, bodyHash);
      stored.push({ seq: nextEventSeq, id: event.id, aggregateId: event.aggregateId, version: event.version, type: event.type, at: event.at, body, bodyHash });
      nextEventSeq += 1;
      results.push('ok');
    } catch (error) {
      if (!(error instanceof EvolveError)) throw error;
      results.push(error.code);
    }
  });

  const transfers = ws.newTransfers().map((t): StoredTransfer => ({ ...t, seq: nextTransferSeq++ }));
  const accounts = ws.changedAccounts().map((account) => {
    const original = ws.originalAccounts.get(account.id) ?? null;
    if (original) digest.remove(accountHash(original));
    digest.add(accountHash(account));
    return { account, created: original === null };
  });
  for (const t of transfers) digest.add(transferHash(t));

  if (stored.length > 0) {
    await port.write({
      events: stored,
      orders: [...changedOrders].map((id) => orders.get(id)!),
      accounts,
      transfers,
      digest: digest.toHex(),
    });
  }
  return { results, seqs: stored.map((e) => e.seq), digest: digest.toHex() };
}

/**
 * Loads every account and pending transfer the batch can touch: the account footprint of each
 * order (known from its state or its `order.paid` event) and each order's current hold;
 * pending transfers are always an order's current hold, loaded here or created in the batch.
 */
async function preload(port: LedgerPort, ws: LedgerWorkingSet, fresh: readonly EventEnvelope[], orders: Map<string, OrderState>): Promise<void> {
  const accountIds = new Set<string>();
  for (const event of fresh) {
    const order = orders.get(event.aggregateId);
    const owner = order ?? (event.type === 'order.paid' ? event.data : null);
    if (owner) for (const id of orderAccountFootprint(owner.merchantId, owner.currency)) accountIds.add(id);
  }
  const ids = [...accountIds];
  const loaded = new Map((await port.loadAccounts(ids)).map((a) => [a.id, a]));
  for (const id of ids) ws.loadAccount(loaded.get(id) ?? null, id);

  const holds = [...orders.values()].map((o) => o.holdTransferId).filter((id): id is string => id !== null);
  for (const transfer of await port.loadTransfers(holds)) ws.loadTransfer(transfer);
  for (const { pendingId, kind } of await port.loadResolutions(holds)) ws.loadResolution(pendingId, kind);
}
