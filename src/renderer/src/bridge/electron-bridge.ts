/**
 * The renderer's side of the Electron bridge: `window.escrow`, exposed by the preload
 * (src/preload/index.ts), wrapped as a ConsoleBridge. Null when the console does not run in
 * Electron (then the browser-mode bridge is used).
 */
import { BRIDGE_GLOBAL, MENU_TOPIC, type ConsoleBridge, type MenuCommand } from '../../../shared/api/bridge.js';
import { err, type Result } from '../../../shared/result.js';


/**
 * A command of the application menu (src/main/electron/menu.ts). `screen.index` is 1-based: the
 * index-th screen of the role's navigation, as Ctrl/Cmd+digit in the renderer.
 */
export type { MenuCommand };

/** What the preload exposes under `window.escrow`. */
export interface EscrowPreloadApi {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Present only in the Electron shell (the preload's contextBridge). */
    readonly escrow?: EscrowPreloadApi;
  }
}

function preloadApi(): EscrowPreloadApi | null {
  const api = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] as Partial<EscrowPreloadApi> | undefined;
  if (!api || typeof api.invoke !== 'function' || typeof api.subscribe !== 'function') return null;
  return api as EscrowPreloadApi;
}

export function createElectronBridge(): ConsoleBridge | null {
  const api = preloadApi();
  if (!api) return null;
  return {
    async invoke(method, input) {
      try {
        return await api.invoke(method, input);
      } catch (error) {
        return err('ipc_failed', error instanceof Error ? error.message : String(error));
      }
    },
    subscribe(topic, listener) {
      return api.subscribe(topic, listener);
    },
  };
}

function isMenuCommand(payload: unknown): payload is MenuCommand {
  if (typeof payload !== 'object' || payload === null) return false;
  const command = payload as { action?: unknown; index?: unknown };
  if (command.action === 'search' || command.action === 'lock') return true;
  return command.action === 'screen' && Number.isInteger(command.index) && (command.index as number) >= 1 && (command.index as number) <= 9;
}

/** The application menu's commands (search, lock, go to a screen); null outside Electron. */
export function onMenuCommand(listener: (command: MenuCommand) => void): (() => void) | null {
  const api = preloadApi();
  if (!api) return null;
  return api.subscribe(MENU_TOPIC, (payload) => {
    if (isMenuCommand(payload)) listener(payload);
  });
}
