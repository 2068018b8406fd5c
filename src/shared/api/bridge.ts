/**
 * What the renderer talks to, whatever carries it: Electron's preload bridge or the browser-mode
 * host (HTTP + server-sent events). Two calls only: invoke a method of the contract, and
 * subscribe to a topic the main process pushes.
 */
import type { Result } from '../result.js';

export interface ConsoleBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Returns the unsubscribe function. */
  subscribe(topic: Topic, listener: (payload: unknown) => void): () => void;
}

/** What the main process pushes. */
export const TOPICS = [
  /** SyncStatus, on every change (the status bar). */
  'sync.status',
  /** {bytesRead, totalBytes, linesRead} of a running statement import. */
  'recon.import.progress',
  /** {staff, locked} when someone signs in or out, or the console locks. */
  'session.changed',
  /** {title, body, kind}: a new high-priority case (also a native notification in Electron). */
  'notification',
  /** MenuCommand: the Electron application menu (search, lock, go to the n-th screen of the role). */
  'menu',
] as const;
export type Topic = (typeof TOPICS)[number];

/** The topic the application menu's commands travel on. */
export const MENU_TOPIC: Topic = 'menu';

export type MenuCommand = { action: 'search' } | { action: 'lock' } | { action: 'screen'; index: number };

/** The Electron preload exposes the bridge under this name on `window`. */
export const BRIDGE_GLOBAL = 'escrow';
/** IPC channels between preload and main. */
export const IPC_INVOKE = 'escrow:invoke';
export const IPC_EVENT = 'escrow:event';
