import type { EscrowConfig } from '../../core/escrow/config.js';
import type { ConsoleSettings, SyncStatus } from '../../shared/api/console.js';
import type { StaffIdentity } from '../../shared/api/hub.js';
import type { Result } from '../../shared/result.js';
import type { IdGenerator } from '../../shared/ids.js';
import type { AttachmentSource } from '../attachments/attachment-source.js';
import type { ConsoleSession } from '../session/console-session.js';
import type { ConsoleStore } from '../store/console-store.js';

/** What the running console offers besides its store (absent in tests that call handlers directly). */
export interface HostControls {
  syncStatus(): SyncStatus;
  syncNow(): Promise<SyncStatus>;
  resync(): Promise<SyncStatus>;
  settings(): ConsoleSettings;
  updateSettings(patch: { language?: ConsoleSettings['language']; hubUrl?: string | null; idleLockMinutes?: number }): Promise<Result<ConsoleSettings>>;
  /** The native file dialog (Electron); null when cancelled or where there is none. */
  pickStatement(): Promise<string | null>;
  /** Whether a statement import may read this path: one the dialog returned or an upload. */
  importable(path: string): boolean;
}

/** What a handler may use: the local store, the signed-in staff member, the clock. */
export interface HandlerContext {
  store: ConsoleStore;
  session(): StaffIdentity | null;
  locked(): boolean;
  now(): number;
  newId: IdGenerator;
  config: EscrowConfig;
  /** Wakes the sync client: a decision was just queued. */
  queued(): void;
  demo: boolean;
  /** Evidence files: the console's copies, fetched from the hub when missing (absent in tests without files). */
  attachments?: AttachmentSource;
  /** Sign-in, lock and sign-out (absent where a test fixes who is signed in). */
  auth?: ConsoleSession;
  host?: HostControls;
  /** Pushes a notice to the window (e.g. the progress of a long import); tests may omit it. */
  notify?(topic: string, payload: unknown): void;
  log(message: string): void;
}
