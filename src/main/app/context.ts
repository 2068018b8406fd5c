import type { EscrowConfig } from '../../core/escrow/config.js';
import type { StaffIdentity } from '../../shared/api/hub.js';
import type { IdGenerator } from '../../shared/ids.js';
import type { ConsoleStore } from '../store/console-store.js';

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
  log(message: string): void;
}
