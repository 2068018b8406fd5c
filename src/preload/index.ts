/**
 * The preload script (sandboxed, so built as CommonJS): exposes one narrow bridge under
 * `window.escrow` through contextBridge: `invoke(method, input)` and `subscribe(topic,
 * listener)`. Never ipcRenderer itself, never an IPC event object; topics and method names are
 * checked here and again in the main process (which also checks the sender frame).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, IPC_EVENT, IPC_INVOKE } from '../shared/api/bridge.js';
import { createPreloadApi } from './api.js';

const api = createPreloadApi({
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE, method, input),
  onEvent: (handler) => {
    ipcRenderer.on(IPC_EVENT, (_event, topic: unknown, payload: unknown) => handler(topic, payload));
  },
});

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, { invoke: api.invoke, subscribe: api.subscribe });
