/**
 * The renderer's side of browser mode (`npm run web`, src/main/web/server.ts): the ConsoleBridge
 * over HTTP on the page's own origin. `invoke` POSTs `{method, input}` to /api/invoke; `subscribe`
 * listens on one EventSource (/api/events) shared by every subscriber, opened with the first
 * and closed with the last. Both carry the wire JSON of src/shared/api/wire.ts (bigint tagged).
 * Authentication is the host's HttpOnly cookie, which the browser sends by itself (same origin).
 */
import { TOPICS, type ConsoleBridge, type Topic } from '../../../shared/api/bridge.js';
import { decodeWire, encodeWire } from '../../../shared/api/wire.js';
import { err, type Result } from '../../../shared/result.js';

const INVOKE_URL = '/api/invoke';
const EVENTS_URL = '/api/events';
/** After the host refused or dropped the event stream for good (401, 503, restarted), try again this much later. */
const RECONNECT_MS = 5000;

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (candidate.ok === true) return 'value' in candidate;
  return candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null && typeof candidate.error.code === 'string' && typeof candidate.error.message === 'string';
}

export function createBrowserBridge(): ConsoleBridge {
  const listeners = new Map<Topic, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const listening = () => [...listeners.values()].some((set) => set.size > 0);

  function dispatch(topic: Topic, event: MessageEvent): void {
    let payload: unknown;
    try {
      payload = decodeWire(String(event.data));
    } catch {
      return;
    }
    for (const listener of [...(listeners.get(topic) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`a ${topic} listener failed`, error);
      }
    }
  }

  function open(): void {
    if (source || retry || !listening()) return;
    const stream = new EventSource(EVENTS_URL);
    for (const topic of TOPICS) stream.addEventListener(topic, (event) => dispatch(topic, event as MessageEvent));
    stream.onerror = () => {
      // A dropped connection is retried by the browser itself (readyState CONNECTING); a refusal
      // closes the stream for good, so try again a little later while anyone still listens.
      if (stream.readyState !== EventSource.CLOSED || source !== stream) return;
      source = null;
      retry = setTimeout(() => {
        retry = null;
        open();
      }, RECONNECT_MS);
    };
    source = stream;
  }

  function closeIfUnused(): void {
    if (listening()) return;
    source?.close();
    source = null;
    if (retry) clearTimeout(retry);
    retry = null;
  }

  return {
    async invoke(method: string, input: unknown): Promise<Result<unknown>> {
      let response: Response;
      try {
        response = await fetch(INVOKE_URL, {
          method: 'POST',
          credentials: 'same-origin',
          cache: 'no-store',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: encodeWire({ method, input: input ?? {} }),
        });
      } catch {
        return err('host_unreachable', 'the console host does not answer; is `npm run web` still running?');
      }
      let body: unknown;
      try {
        body = decodeWire(await response.text());
      } catch {
        return err('bad_response', `the console host answered ${response.status} without a readable body`);
      }
      // Transport refusals (401 without the secret, 413, ...) come in the same Result shape.
      return isResult(body) ? body : err('bad_response', `the console host answered ${response.status} with an unexpected body`);
    },

    subscribe(topic: Topic, listener: (payload: unknown) => void): () => void {
      const set = listeners.get(topic) ?? new Set();
      // A wrapper per subscription, so the same function subscribed twice unsubscribes once each.
      const entry = (payload: unknown) => listener(payload);
      set.add(entry);
      listeners.set(topic, set);
      open();
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        set.delete(entry);
        closeIfUnused();
      };
    },
  };
}
