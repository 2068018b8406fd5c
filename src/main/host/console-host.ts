/**
 * The running console, whatever shows it (the Electron window or the browser-mode host): the
 * local store, the hub client, who is signed in, the sync loops, settings, and the handlers of
 * the contract bound to all of that. Both shells call `invoke` and `subscribe`, nothing else.
 *
 * With no hub configured the console runs in demo mode: an embedded hub on loopback, seeded by
 * the simulator, with demo staff accounts (the UI says so on every screen).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_ESCROW_CONFIG, type EscrowConfig } from '../../core/escrow/config.js';
import type { ConsoleSettings, SyncStatus } from '../../shared/api/console.js';
import type { Topic } from '../../shared/api/bridge.js';
import { createIdGenerator } from '../../shared/ids.js';
import { ok, type Result } from '../../shared/result.js';
import { invoke } from '../app/app.js';
import type { HandlerContext, HostControls } from '../app/context.js';
import { handlers } from '../app/handlers.js';
import { ConsoleSession } from '../session/console-session.js';
import { ConsoleStore } from '../store/console-store.js';
import { HubClient } from '../sync/hub-client.js';
import { AttachmentFiles } from '../attachments/attachment-files.js';
import { AttachmentSource } from '../attachments/attachment-source.js';
import { rebuildFromHub } from '../sync/resync.js';
import { SyncClient } from '../sync/sync-client.js';
import { startDemoHub, type DemoHub } from './demo-hub.js';
import { CaseAlerts } from './case-alerts.js';
import { SettingsFile } from './settings.js';

export interface HostOptions {
  dataDir: string;
  /** A hub given on the command line (wins over the settings file); undefined: use the file. */
  hubUrl?: string | null;
  /** The local ledger file; default `<dataDir>/console.db` (`demo-console.db` in demo mode). */
  dbFile?: string;
  /** Demo mode's simulated orders (default 2,000). */
  demoOrders?: number;
  /** Electron's native file dialog; absent in browser mode. */
  pickStatement?: () => Promise<string | null>;
  clock?: () => number;
  log?: (message: string) => void;
  config?: EscrowConfig;
}

/** Most listeners one topic keeps (windows, SSE streams): a leak shows up as a refusal. */
const MAX_LISTENERS = 64;

export class ConsoleHost {
  private readonly listeners = new Map<Topic, Set<(payload: unknown) => void>>();
  private readonly importable = new Set<string>();
  private readonly newId = createIdGenerator();
  private syncing = false;
  private readonly alerts: CaseAlerts;
  private readonly attachments: AttachmentSource;
  /** A prefetch round of evidence files is running (one at a time). */
  private prefetching = false;

  private constructor(
    private store: ConsoleStore,
    private readonly hub: HubClient,
    private readonly sync: SyncClient,
    readonly session: ConsoleSession,
    private readonly settingsFile: SettingsFile,
    readonly demo: DemoHub | null,
    private readonly options: HostOptions & { clock: () => number; log: (message: string) => void; config: EscrowConfig },
  ) {
    sync.onStatus((status) => this.publish('sync.status', status));
    this.alerts = new CaseAlerts({
      read: () => this.store.ledger.db.read,
      config: options.config,
      role: () => session.staff()?.role ?? null,
      locked: () => session.locked(),
      language: () => settingsFile.current.language,
      publish: (notification) => this.publish('notification', notification),
      log: options.log,
    });
    sync.onStatus((status) => this.alerts.onStatus(status));
    this.attachments = new AttachmentSource(new AttachmentFiles(join(options.dataDir, 'attachments')), hub, options.log);
    sync.onStatus((status) => {
      if (status.state === 'online') this.prefetchAttachments();
    });
  }

  /** Keeps downloading new messages' files while the hub is reachable, so cases open offline too. */
  private prefetchAttachments(): void {
    if (this.prefetching) return;
    this.prefetching = true;
    const round = async (): Promise<void> => {
      for (let rounds = 0; rounds < 1000 && this.syncing; rounds += 1) {
        const done = await this.attachments.prefetch(this.store.ledger.db.read);
        if (done.interrupted || (done.scanned === 0 && done.downloaded === 0)) return;
      }
    };
    round()
      .catch((error: unknown) => this.options.log(`attachments: prefetch failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.prefetching = false;
      });
  }

  static async open(options: HostOptions): Promise<ConsoleHost> {
    const full = { clock: Date.now, log: (m: string) => process.stderr.write(`${m}\n`), config: DEFAULT_ESCROW_CONFIG, ...options, dataDir: resolve(options.dataDir) };
    mkdirSync(full.dataDir, { recursive: true, mode: 0o700 });
    const settings = await SettingsFile.load(full.dataDir, full.log);
    const configured = options.hubUrl === undefined ? settings.current.hubUrl : options.hubUrl;
    const demo = configured ? null : await startDemoHub({ dir: join(full.dataDir, 'demo'), orders: options.demoOrders ?? 2000, log: full.log });
    const store = await ConsoleStore.open(ConsoleHost.ledgerFile(full, demo !== null));
    const hub = new HubClient(demo?.url ?? configured!);
    // In demo mode the console lives on the demo hub's (simulated) clock.
    const clock = options.clock ?? demo?.clock ?? Date.now;
    const sync = new SyncClient(store, hub, { clock });
    const session = new ConsoleSession(store, hub, clock);
    return new ConsoleHost(store, hub, sync, session, settings, demo, { ...full, clock, hubUrl: options.hubUrl });
  }

  /** A demo's ledger never shares a file with a real hub's: their histories differ. */
  private static ledgerFile(options: HostOptions, demo: boolean): string {
    return options.dbFile ? resolve(options.dbFile) : join(resolve(options.dataDir), demo ? 'demo-console.db' : 'console.db');
  }

  /** Calls a method of the contract as the signed-in staff member (validation, permission, handler). */
  async invoke(method: string, input: unknown): Promise<Result<unknown>> {
    const before = this.session.staff();
    const result = await invoke(handlers, method, input, this.context());
    const after = this.session.staff();
    if (before?.id !== after?.id) await this.sessionChanged();
    else if (method === 'session.lock' || method === 'session.unlock') this.publish('session.changed', { staff: after, locked: this.session.locked() });
    return result;
  }

  subscribe(topic: Topic, listener: (payload: unknown) => void): () => void {
    const set = this.listeners.get(topic) ?? new Set();
    if (set.size >= MAX_LISTENERS) throw new Error(`too many listeners on ${topic}`);
    set.add(listener);
    this.listeners.set(topic, set);
    return () => set.delete(listener);
  }

  /** Lets a statement import read a file the user handed over (an upload, a dialog's choice). */
  allowImport(path: string): void {
    this.importable.add(resolve(path));
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  async close(): Promise<void> {
    await this.sync.stop();
    await this.store.close();
    await this.demo?.close();
  }

  private publish(topic: Topic, payload: unknown): void {
    for (const listener of this.listeners.get(topic) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        this.options.log(`host: a ${topic} listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Sign-in starts the sync loops, sign-out stops them. */
  private async sessionChanged(): Promise<void> {
    const staff = this.session.staff();
    if (staff && !this.syncing) {
      this.syncing = true;
      this.sync.start();
    } else if (!staff && this.syncing) {
      this.syncing = false;
      this.alerts.reset();
      await this.sync.stop();
    }
    this.publish('session.changed', { staff, locked: this.session.locked() });
  }

  private context(): HandlerContext {
    return {
      store: this.store,
      session: () => this.session.staff(),
      locked: () => this.session.locked(),
      now: this.options.clock,
      newId: this.newId,
      config: this.options.config,
      queued: () => this.sync.notify(),
      demo: this.demo !== null,
      log: this.options.log,
      notify: (topic, payload) => this.publish(topic as Topic, payload),
      auth: this.session,
      attachments: this.attachments,
      host: this.controls(),
    };
  }

  private controls(): HostControls {
    return {
      syncStatus: () => this.sync.current,
      syncNow: () => this.sync.syncUntilCaughtUp(1000),
      resync: () => this.resync(),
      settings: () => this.settingsView(),
      updateSettings: async (patch) => {
        await this.settingsFile.update(patch);
        return ok(this.settingsView());
      },
      pickStatement: async () => {
        const path = (await this.options.pickStatement?.()) ?? null;
        if (path) this.allowImport(path);
        return path;
      },
      importable: (path) => this.importable.has(resolve(path)),
    };
  }

  private settingsView(): ConsoleSettings {
    return this.settingsFile.view(this.demo !== null, this.options.hubUrl === undefined ? undefined : this.options.hubUrl);
  }

  private async resync(): Promise<SyncStatus> {
    await this.sync.stop();
    const file = ConsoleHost.ledgerFile(this.options, this.demo !== null);
    try {
      this.store = await rebuildFromHub(this.store, file, this.hub, { clock: this.options.clock });
      this.sync.replaceStore(this.store);
      this.session.replaceStore(this.store);
    } finally {
      if (this.syncing) this.sync.start();
    }
    return this.sync.current;
  }
}
