/**
 * The preload script: exposes one narrow bridge to the renderer through contextBridge.
 * Never ipcRenderer itself. The full invoke/subscribe contract arrives with the console issue.
 */
import { contextBridge, ipcRenderer } from 'electron';

const CHANNEL = 'escrow:invoke';

contextBridge.exposeInMainWorld('escrow', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(CHANNEL, method, input),
});
