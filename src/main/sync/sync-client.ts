/**
 * The console's sync client.
 *
 * Pull: pages of the hub's event log after the local cursor; each page's events, the new
 * cursor and the verified checkpoint are written in one SQLite transaction. After a page the
 * local ledger checksum must equal the hub's checkpoint at that sequence number; if it does
 * not, the client raises a drift alarm and stops pulling until a resync rebuilds the ledger.
 *
 * Push: the outbox, oldest first, in batches. Transient failures (network, 429, 5xx) are
 * retried with exponential backoff and full jitter; answers from the hub are final and
 * recorded, accepted or rejected, so a rejection never blocks the commands behind it.
 */
import type { SyncStatus } from '../../shared/api/console.js';
import { eventEnvelopeSchema, type EventEnvelope } from '../../shared/escrow/envelope.js';
import type { Checkpoint, CommandAnswer } from '../../shared/api/hub.js';
import { ConsoleStore } from '../store/console-store.js';
import { HubError, type HubClient } from './hub-client.js';

export type { SyncState, SyncStatus } from '../../shared/api/console.js';

export interface SyncOptions {
  clock?: () => number;
  random?: () => number;
  /** Events per pull. */
  pageSize?: number;
  /** How long a pull waits for news at the head of the log. */
  longPollMs?: number;
  /** Commands per push. */
  pushBatch?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export class DriftError extends Error {}

export class SyncClient {
  private status: SyncStatus = { state: 'offline', cursor: 0, head: 0, pending: 0, lastError: null, lastSyncAt: null, drift: null };
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private running = false;
  private wakePush: (() => void) | null = null;
  /** Every sleep of both loops, woken at once by stop(). */
  private readonly sleepers = new Set<() => void>();
  private pullFailures = 0;
  /** The hub answered again after an outage: the next push includes backed-off commands. */
  private hubReturned = false;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly pageSize: number;
  private readonly longPollMs: number;
  private readonly pushBatch: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private loops: Promise<void>[] = [];

  constructor(
    private store: ConsoleStore,
    readonly hub: HubClient,
    options: SyncOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.random = options.random ?? Math.random;
    this.pageSize = options.pageSize ?? 2000;
    this.longPollMs = options.longPollMs ?? 20_000;
    this.pushBatch = options.pushBatch ?? 50;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 60_000;
  }

  get current(): SyncStatus {
    return { ...this.status };
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.current);
  }

  /** Exponential backoff with full jitter: a random delay up to base * 2^attempt, capped. */
  backoff(attempt: number): number {
    const cap = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.min(attempt, 20));
    return Math.floor(this.random() * cap);
  }

  /** Pulls one page (waiting up to `waitMs` at the head). Returns the number of events applied. */
  async pullOnce(waitMs = 0): Promise<number> {
    if (this.status.drift) return 0;
    const { cursor } = await this.store.position();
    const page = await this.hub.events(cursor, this.pageSize, waitMs);
    const events = page.events.map((raw, i) => {
      const parsed = eventEnvelopeSchema.safeParse(raw);
      if (!parsed.success) throw new DriftError(`the hub sent an event this console cannot read (after seq ${cursor}, #${i}): ${parsed.error.issues[0]?.message}`);
      return parsed.data as EventEnvelope;
    });
    if (events.length === 0) {
      if (await this.checkAtRest(cursor, page.checkpoint)) {
        this.update({ cursor, head: page.head, state: cursor < page.head ? 'catching_up' : 'online', lastSyncAt: this.clock(), lastError: null });
      }
      return 0;
    }
    const last = events[events.length - 1].seq!;
    let drift = null as SyncStatus['drift'];
    try {
      await this.store.ledger.apply(events, { keepSeq: true }, async (tx, outcome) => {
        const refused = outcome.results.findIndex((r) => r !== 'ok');
        if (refused >= 0) throw new DriftError(`event seq ${events[refused].seq} from the hub does not apply here: ${outcome.results[refused]}`);
        const verified = page.checkpoint.seq === last ? page.checkpoint : null;
        if (verified && verified.checksum !== outcome.digest) drift = { seq: last, local: outcome.digest, hub: verified.checksum };
        await ConsoleStore.savePosition(tx, { cursor: last, checkpoint: verified });
      });
    } catch (error) {
      if (error instanceof DriftError) this.raiseDrift({ seq: cursor, local: 'unappliable', hub: 'n/a' }, error.message);
      throw error;
    }
    if (drift) {
      this.raiseDrift(drift, `the local ledger disagrees with the hub at seq ${last}: run resync`);
      return events.length;
    }
    this.update({ cursor: last, head: page.head, state: last < page.head ? 'catching_up' : 'online', lastSyncAt: this.clock(), lastError: null });
    return events.length;
  }

  /** At the head with nothing new: the local checksum must still match the hub's. */
  private async checkAtRest(cursor: number, checkpoint: Checkpoint): Promise<boolean> {
    if (checkpoint.seq !== cursor) return true;
    const local = await this.store.ledger.head();
    if (local.checksum === checkpoint.checksum) return true;
    this.raiseDrift({ seq: cursor, local: local.checksum, hub: checkpoint.checksum }, `the local ledger disagrees with the hub at seq ${cursor}: run resync`);
    return false;
  }

  private raiseDrift(drift: NonNullable<SyncStatus['drift']>, message: string): void {
    this.update({ state: 'drift', drift, lastError: message });
  }

  /**
   * Sends the due part of the outbox once; `includeBackedOff` sends the commands still waiting
   * out a backoff too (the hub is known to answer again, or staff asked to sync now).
   * Returns the number of commands answered.
   */
  async pushOnce({ includeBackedOff = false }: { includeBackedOff?: boolean } = {}): Promise<number> {
    const actor = this.hub.staffId;
    const due = actor ? await this.store.duePending(this.clock(), this.pushBatch, actor, { includeBackedOff }) : [];
    let answered = 0;
    if (due.length > 0) {
      // Counted before sending too: a decision just queued shows as pending while the hub answers.
      this.update({ pending: await this.store.pendingCount() });
      answered = await this.send(due.map((e) => ({ id: e.id, request: e.request, attempts: e.attempts })));
      this.update({ pending: await this.store.pendingCount() });
    }
    await this.anchorAuditHead();
    return answered;
  }

  /**
   * Sends this console's audit head to the hub when it moved, so the hub's own chain records
   * it: a tail rewritten here later no longer matches what the hub holds. Offline, it waits.
   */
  private async anchorAuditHead(): Promise<void> {
    const head = await this.store.audit.head();
    if (!head || head.seq === (await this.store.anchoredHead())?.seq) return;
    try {
      await this.hub.anchorAuditHead({ consoleId: await this.store.consoleId(), ...head });
      await this.store.saveAnchoredHead(head);
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
    }
  }

  private async send(batch: Array<{ id: string; request: string; attempts: number }>): Promise<number> {
    const now = this.clock();
    try {
      const answers = await this.hub.commands(batch.map((b) => b.request));
      await this.store.recordAnswers(answers, now);
      if (this.status.state === 'offline' || this.status.state === 'unauthenticated') this.update({ state: 'online', lastError: null });
      return answers.length;
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      if (error.kind === 'transient') {
        const attempts = Math.max(...batch.map((b) => b.attempts));
        await this.store.recordRetry(batch.map((b) => b.id), now + this.backoff(attempts + 1), error.message);
        this.update({ state: 'offline', lastError: error.message });
        return 0;
      }
      if (error.kind === 'unauthenticated') {
        this.update({ state: 'unauthenticated', lastError: error.message });
        return 0;
      }
      // A final refusal of the whole request: isolate the command that causes it.
      if (batch.length > 1) {
        let answered = 0;
        for (const one of batch) answered += await this.send([one]);
        return answered;
      }
      const answer: CommandAnswer = { id: batch[0].id, status: 'rejected', code: error.code, message: error.message };
      await this.store.recordAnswers([answer], now);
      return 1;
    }
  }

  /** Refreshes the cached staff directory (for assigning cases); offline, the cache stays. */
  async refreshDirectory(): Promise<void> {
    try {
      await this.store.saveStaffDirectory(await this.hub.staff(), this.clock());
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
    }
  }

  /**
   * "Sync now": pushes and pulls until a round neither answers nor pulls anything and the cursor
   * is at the head. Staff asking to sync mean now, so commands waiting out a backoff are sent
   * too; once the hub has answered, the loops stop waiting out their backoff as well.
   */
  async syncUntilCaughtUp(maxRounds = 100_000): Promise<SyncStatus> {
    await this.refreshDirectory();
    for (let round = 0; round < maxRounds; round += 1) {
      const answered = await this.pushOnce({ includeBackedOff: true });
      const pulled = await this.pullOnce(0);
      if (this.status.drift) break;
      if (answered === 0 && pulled === 0 && this.status.cursor >= this.status.head) break;
    }
    this.update({ pending: await this.store.pendingCount() });
    this.wakeSleepers();
    return this.current;
  }

  /** Wakes the push loop: a command was just queued. */
  notify(): void {
    this.wakePush?.();
  }

  /** Wakes the push loop to send everything pending, backed off or not (the hub is back). */
  private resumePush(): void {
    this.hubReturned = true;
    this.notify();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = [this.pullLoop(), this.pushLoop()];
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeSleepers();
    this.hub.cancelWaits();
    await Promise.allSettled(this.loops);
  }

  private wakeSleepers(): void {
    for (const wake of this.sleepers) wake();
  }

  private async pullLoop(): Promise<void> {
    // The staff directory (the assignees of cases) is refreshed whenever the loops start, i.e.
    // at every sign-in; offline the cached one stays.
    await this.refreshDirectory().catch(() => undefined);
    while (this.running && !this.status.drift) {
      try {
        // After an outage, a quick probe: a long poll would hide the hub's return until it ends.
        const recovering = this.pullFailures > 0;
        const applied = await this.pullOnce(recovering ? 0 : this.longPollMs);
        this.pullFailures = 0;
        // The hub answers again: what was backed off during the outage goes now, not at its slot.
        if (recovering) this.resumePush();
        if (applied === 0 && !this.running) break;
      } catch (error) {
        // Stopping cancels the long poll: that is no outage.
        if (!this.running) break;
        this.pullFailures += 1;
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof HubError && error.kind === 'unauthenticated') this.update({ state: 'unauthenticated', lastError: message });
        else if (!(error instanceof DriftError)) this.update({ state: 'offline', lastError: message });
        await this.sleep(this.backoff(this.pullFailures));
      }
    }
  }

  private async pushLoop(): Promise<void> {
    while (this.running) {
      try {
        const includeBackedOff = this.hubReturned;
        this.hubReturned = false;
        await this.pushOnce({ includeBackedOff });
      } catch (error) {
        this.update({ lastError: error instanceof Error ? error.message : String(error) });
      }
      const next = this.hub.staffId ? await this.store.nextAttemptAt(this.hub.staffId) : null;
      const delay = next === null ? this.longPollMs : Math.max(0, next - this.clock());
      if (delay > 0) await this.sleep(delay, true);
    }
  }

  private sleep(ms: number, wakeable = false): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const sleepers = this.sleepers;
      function done() {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
      if (wakeable) this.wakePush = done;
    });
  }

  /** Continues on a freshly rebuilt store (after a resync). */
  replaceStore(store: ConsoleStore): void {
    this.store = store;
    this.update({ drift: null, state: 'catching_up', lastError: null });
  }
}
