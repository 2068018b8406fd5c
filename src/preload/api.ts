/**
 * What the preload exposes, built from two plain functions so it can be tested without
 * Electron: `invoke` (to ipcRenderer.invoke on IPC_INVOKE) and `onEvent` (the single
 * ipcRenderer listener on IPC_EVENT). The renderer gets `invoke(method, input)` and
 * `subscribe(topic, listener)`: never ipcRenderer, never an IPC event object.
 */
import { isMethodName, MAX_METHOD_LENGTH, TOPICS } from '../shared/api/bridge.js';
import { err, type Result } from '../shared/result.js';

export const ALLOWED_TOPICS: readonly string[] = Object.freeze([...TOPICS]);

/** Listeners one topic may hold in this window: a leak shows up as a refusal, not as memory. */
export const MAX_LISTENERS_PER_TOPIC = 32;

export function isAllowedTopic(topic: unknown): topic is string {
  return typeof topic === 'string' && ALLOWED_TOPICS.includes(topic);
}

export interface PreloadTransport {
  invoke(method: string, input: unknown): Promise<unknown>;
  /** Registers the one handler of pushed events (topic, payload). */
  onEvent(handler: (topic: unknown, payload: unknown) => void): void;
}

export interface PreloadApi {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
}

export function createPreloadApi(transport: PreloadTransport): PreloadApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  transport.onEvent((topic, payload) => {
    if (!isAllowedTopic(topic)) return;
    for (const listener of [...(listeners.get(topic) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`escrow bridge: a ${topic} listener failed`, error);
      }
    }
  });
  return Object.freeze({
    async invoke(method: string, input: unknown): Promise<Result<unknown>> {
      if (!isMethodName(method)) return err('unknown_method', `not a method name: ${String(method).slice(0, MAX_METHOD_LENGTH)}`);
      try {
        return (await transport.invoke(method, input)) as Result<unknown>;
      } catch (error) {
        return err('ipc_failed', error instanceof Error ? error.message : String(error));
      }
    },
    subscribe(topic: string, listener: (payload: unknown) => void): () => void {
      if (!isAllowedTopic(topic)) throw new TypeError(`not a topic: ${String(topic).slice(0, 64)}`);
      if (typeof listener !== 'function') throw new TypeError('the listener must be a function');
      const set = listeners.get(topic) ?? new Set();
      if (set.size >= MAX_LISTENERS_PER_TOPIC) throw new RangeError(`too many listeners on ${topic}`);
      set.add(listener);
      listeners.set(topic, set);
      return () => {
        set.delete(listener);
      };
    },
  });
}
