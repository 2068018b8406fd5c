/**
 * Electron main process: one hardened window over the console host. Every decision it applies
 * lives in a pure module next to it (security.ts, app-protocol.ts, ipc.ts, menu.ts,
 * window-state.ts, args.ts), tested without Electron; this file only wires them in.
 *
 *   - the renderer comes from app://console (protocol.handle over the renderer build) in
 *     production, from the electron-vite dev server in development (never when packaged);
 *   - CSP on every response (the protocol handler; webRequest for http(s)), requests off the
 *     app's origins cancelled, permissions, navigation, new windows, webviews refused;
 *   - IPC: one invoke channel, sender checked (our window, top frame, app origin); the host's
 *     topics pushed with webContents.send;
 *   - one instance per data folder; window bounds kept in the data folder.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, screen, session, shell, type Session, type WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE, MENU_TOPIC, type MenuCommand } from '../../shared/api/bridge.js';
import { ConsoleHost } from '../host/console-host.js';
import { createAppProtocolHandler } from './app-protocol.js';
import { parseShellArgs } from './args.js';
import { createInvokeHandler, forwardTopics, notificationFromPayload, STATEMENT_FILE_FILTERS } from './ipc.js';
import { menuTemplate } from './menu.js';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appOrigins,
  CONTENT_SECURITY_POLICY,
  denyPermissionCheck,
  denyPermissionRequest,
  devContentSecurityPolicy,
  isAllowedDownload,
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedIpcEvent,
  webPreferencesFor,
  windowOpenDecision,
  withContentSecurityPolicy,
} from './security.js';
import { clampToDisplay, loadWindowState, MIN_SIZE, saveWindowState } from './window-state.js';

/** How long quitting waits for the host (sync loops, store, demo hub) to close. */
const CLOSE_TIMEOUT_MS = 10_000;

const log = (message: string): void => {
  process.stderr.write(`electron: ${message}\n`);
};

const args = parseShellArgs(process.argv.slice(1));
/** The dev server, only for an unpackaged app started by electron-vite. */
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
const origins = appOrigins(devServerUrl);
const csp = devServerUrl ? devContentSecurityPolicy(devServerUrl) : CONTENT_SECURITY_POLICY;
const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

// Before `ready`: the scheme's privileges, sandboxing of every renderer, the data folder (which
// is also Chromium's profile and the key of the single-instance lock).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
if (args.dataDir) {
  try {
    // setPath refuses a folder that does not exist yet.
    mkdirSync(args.dataDir, { recursive: true, mode: 0o700 });
    app.setPath('userData', args.dataDir);
  } catch (error) {
    args.problems.push(`--data ${args.dataDir}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

if (args.problems.length > 0) {
  process.stderr.write(`${args.problems.join('\n')}\nusage: escrow-console [--data DIR] [--hub URL]\n`);
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  // Another console runs on this data folder: it focuses its window (second-instance).
  app.quit();
} else {
  run();
}

function run(): void {
  const dataDir = app.getPath('userData');
  let window: BrowserWindow | null = null;
  let quitting = false;

  const focusWindow = (): void => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  const send = (topic: string, payload: unknown): void => {
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, topic, payload);
  };
  // Shown notifications stay referenced until dismissed, or their click would be lost to GC.
  const notifications = new Set<Notification>();

  const host = ConsoleHost.open({
    dataDir,
    ...(args.hubUrl ? { hubUrl: args.hubUrl } : {}),
    pickStatement: async () => {
      const options = { title: 'Import a statement', properties: ['openFile' as const], filters: STATEMENT_FILE_FILTERS.map((f) => ({ ...f, extensions: [...f.extensions] })) };
      const result = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    log,
  });
  // A failure is answered to every call (ipc.ts) and shown once; the window stays for the message.
  host.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log(`the console could not start: ${message}`);
    void app.whenReady().then(() => dialog.showErrorBox('Escrow Console could not start', `${message}\n\nData folder: ${dataDir}`));
  });

  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  ipcMain.handle(
    IPC_INVOKE,
    createInvokeHandler({
      host: () => host,
      trusted: (event) => isTrustedIpcEvent(event, { webContentsId: window && !window.isDestroyed() ? window.webContents.id : null, origins }),
      log,
    }),
  );

  void host.then((opened) => {
    forwardTopics(opened, send, log);
    opened.subscribe('notification', (payload) => {
      const note = notificationFromPayload(payload);
      if (!note || !Notification.isSupported()) return;
      const native = new Notification({ title: note.title, body: note.body });
      notifications.add(native);
      const forget = () => notifications.delete(native);
      native.on('click', () => {
        forget();
        focusWindow();
      });
      native.on('close', forget);
      native.on('failed', forget);
      native.show();
    });
  }, () => undefined);

  function createWindow(): BrowserWindow {
    const displays = { workAreas: screen.getAllDisplays().map((d) => d.workArea), primary: screen.getPrimaryDisplay().workArea };
    const placement = clampToDisplay(loadWindowState(dataDir, log), displays);
    const created = new BrowserWindow({
      ...placement.bounds,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: 'Escrow Console',
      webPreferences: webPreferencesFor(preloadPath, { devTools: !app.isPackaged }),
    });
    created.once('ready-to-show', () => {
      if (placement.maximized) created.maximize();
      created.show();
    });
    created.on('close', () => {
      try {
        const bounds = created.getNormalBounds();
        saveWindowState(dataDir, { ...bounds, maximized: created.isMaximized() });
      } catch (error) {
        log(`window state: not saved: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    created.webContents.on('render-process-gone', (_event, details) => log(`renderer gone: ${details.reason}`));
    void created.loadURL(devServerUrl ?? APP_ENTRY_URL);
    return created;
  }

  void app.whenReady().then(() => {
    if (process.platform === 'win32') app.setAppUserModelId('com.escrow.console');
    hardenSession(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: rendererDir, csp: CONTENT_SECURITY_POLICY }));
    const sendMenu = (command: MenuCommand): void => send(MENU_TOPIC, command);
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, dev: !app.isPackaged, send: sendMenu })));
    window = createWindow();
    app.on('activate', () => {
      if (!window) window = createWindow();
      else focusWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the host (sync loops, store, demo hub) before the process ends.
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    const closed = host.then((opened) => opened.close());
    const timeout = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('the host did not close in time')), CLOSE_TIMEOUT_MS).unref());
    Promise.race([closed, timeout])
      .catch((error: unknown) => log(`close: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => app.exit(0));
  });
}

/** Every web contents (the window, and anything that should never exist): no way out. */
function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
  const guard = (event: { url: string; preventDefault: () => void }, kind: string): void => {
    if (isAllowedNavigation(event.url, origins)) return;
    event.preventDefault();
    log(`${kind} refused: ${event.url.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event) => guard(event, 'navigation'));
  contents.on('will-frame-navigate', (event) => guard(event, 'frame navigation'));
  contents.on('will-redirect', (event) => guard(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('webview refused');
  });
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

/** The session: permissions, devices, requests, headers, downloads. */
function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.setDevicePermissionHandler(denyPermissionCheck);
  ses.setSpellCheckerEnabled(false);
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, devServerUrl);
    if (!allowed) log(`request refused: ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) });
  });
  ses.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL(), origins)) {
      event.preventDefault();
      log(`download refused: ${item.getURL().slice(0, 200)}`);
    }
  });
}
