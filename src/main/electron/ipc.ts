/**
 * The IPC side of the bridge, without electron: the handler of IPC_INVOKE (sender check, method
 * name check, then the host) and the fan-out of the host's topics to the window. Pure enough
 * for the tests to drive with fakes; src/main/electron/index.ts binds them to ipcMain and
 * webContents.send.
 */
import { isMethodName, TOPICS, type Topic } from '../../shared/api/bridge.js';
import { err, type Result } from '../../shared/result.js';
import type { ConsoleHost } from '../host/console-host.js';
import type { SenderLike } from './security.js';

export interface InvokeHandlerOptions {
  /** The host, once it has opened (demo mode seeds a hub first); a rejection is reported per call. */
  host: () => Promise<Pick<ConsoleHost, 'invoke'>>;
  /** The sender check (isTrustedIpcEvent bound to the current window). */
  trusted: (event: SenderLike) => boolean;
  log: (message: string) => void;
}

/** ipcMain.handle(IPC_INVOKE, handler): always answers a Result, never throws to the renderer. */
export function createInvokeHandler(options: InvokeHandlerOptions): (event: SenderLike, method: unknown, input: unknown) => Promise<Result<unknown>> {
  return async (event, method, input) => {
    if (!options.trusted(event)) {
      let url = '?';
      try {
        url = String(event.senderFrame?.url ?? 'no frame').slice(0, 200);
      } catch {
        // a destroyed frame
      }
      options.log(`ipc: refused a call from an untrusted sender (${url})`);
      return err('untrusted_sender', 'this window may not call the console');
    }
    if (!isMethodName(method)) return err('unknown_method', 'the method name is not valid');
    let host: Pick<ConsoleHost, 'invoke'>;
    try {
      host = await options.host();
    } catch (error) {
      return err('unavailable', `the console could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      return await host.invoke(method, input);
    } catch (error) {
      options.log(`ipc: ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return err('internal', 'the console failed to do this; nothing was changed unless it said so');
    }
  };
}

/**
 * Subscribes to every topic the host publishes and sends each to the window. A send that fails
 * (window gone, payload not cloneable) is logged, never thrown into the host. Returns the
 * unsubscribe function.
 */
export function forwardTopics(
  host: Pick<ConsoleHost, 'subscribe'>,
  send: (topic: Topic, payload: unknown) => void,
  log: (message: string) => void,
): () => void {
  const unsubscribes = TOPICS.map((topic) =>
    host.subscribe(topic, (payload) => {
      try {
        send(topic, payload);
      } catch (error) {
        log(`ipc: could not send ${topic}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}

const MAX_TITLE = 120;
const MAX_BODY = 500;

function clip(text: string, max: number): string {
  const flat = Array.from(text, (c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
    .join('')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A native notification from a 'notification' payload ({title, body, kind}), or null if malformed. */
export function notificationFromPayload(payload: unknown): { title: string; body: string } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { title, body } = payload as { title?: unknown; body?: unknown };
  if (typeof title !== 'string' || title.trim() === '') return null;
  return { title: clip(title, MAX_TITLE), body: typeof body === 'string' ? clip(body, MAX_BODY) : '' };
}

/** The open-file dialog of files.pickStatement. */
export const STATEMENT_FILE_FILTERS = Object.freeze([{ name: 'Statement files', extensions: ['csv', 'sta', 'mt940', 'xml', 'txt'] }]);
