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

/** Longest method name a caller may send; the contract's are far shorter. */
export const MAX_METHOD_LENGTH = 64;
const METHOD_NAME = /^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)*$/;

/**
 * A method name as the contract spells them (`recon.import`): dotted words, at most
 * MAX_METHOD_LENGTH characters. Checked by every transport (preload, IPC handler, web host)
 * before a name reaches the host's lookup. Plain code, no zod: the sandboxed preload bundles this
 * file.
 */
export function isMethodName(method: unknown): method is string {
  return typeof method === 'string' && method.length > 0 && method.length <= MAX_METHOD_LENGTH && METHOD_NAME.test(method);
}

/** The Electron preload exposes the bridge under this name on `window`. */
export const BRIDGE_GLOBAL = 'escrow';
/** IPC channels between preload and main. */
export const IPC_INVOKE = 'escrow:invoke';
export const IPC_EVENT = 'escrow:event';
