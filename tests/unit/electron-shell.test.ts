/**
 * The hardened Electron shell, without launching Electron (its binary is not available on the
 * build machines): the pure security decisions (src/main/electron/security.ts and friends), the
 * app:// protocol handler on a real temporary folder, the preload's bridge, the renderer's
 * bridge, and the main process's wiring with `electron` replaced by a recording fake.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, IPC_EVENT, IPC_INVOKE, isMethodName, MENU_TOPIC, TOPICS, type MenuCommand } from '../../src/shared/api/bridge.js';
import { createAppProtocolHandler } from '../../src/main/electron/app-protocol.js';
import { parseShellArgs } from '../../src/main/electron/args.js';
import { createInvokeHandler, forwardTopics, notificationFromPayload, STATEMENT_FILE_FILTERS } from '../../src/main/electron/ipc.js';
import { MENU_SCREEN_COUNT, menuTemplate } from '../../src/main/electron/menu.js';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  appOrigins,
  CONTENT_SECURITY_POLICY,
  denyPermissionCheck,
  denyPermissionRequest,
  devContentSecurityPolicy,
  externalUrl,
  isAllowedDownload,
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedIpcEvent,
  isTrustedSender,
  safePathUnder,
  WEB_PREFERENCES,
  webPreferencesFor,
  windowOpenDecision,
  withContentSecurityPolicy,
  type SenderLike,
} from '../../src/main/electron/security.js';
import { clampToDisplay, loadWindowState, saveWindowState, WINDOW_STATE_FILE, windowStateSchema } from '../../src/main/electron/window-state.js';
import { mimeTypeFor } from '../../src/main/host/mime-types.js';
import { ALLOWED_TOPICS, createPreloadApi, MAX_LISTENERS_PER_TOPIC } from '../../src/preload/api.js';
import { createElectronBridge, onMenuCommand } from '../../src/renderer/src/bridge/electron-bridge.js';
import type { Result } from '../../src/shared/result.js';

// ---------------------------------------------------------------------------------------------
// A recording stand-in for the electron module (the real one needs the binary), and for the
// console host (the wiring test does not need a database).
// ---------------------------------------------------------------------------------------------

type Listener = (...args: never[]) => unknown;
interface FakeEmitter {
  handlers: Map<string, Listener[]>;
  on(name: string, listener: Listener): FakeEmitter;
  once(name: string, listener: Listener): FakeEmitter;
  emit(name: string, ...args: unknown[]): void;
}
function emitter<T extends object>(extra: T): T & FakeEmitter {
  const handlers = new Map<string, Listener[]>();
  const self: FakeEmitter = {
    handlers,
    on(name, listener) {
      handlers.set(name, [...(handlers.get(name) ?? []), listener]);
      return self;
    },
    once(name, listener) {
      return self.on(name, listener);
    },
    emit(name, ...args) {
      for (const listener of handlers.get(name) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
    },
  };
  return Object.assign(self, extra);
}

const fake = vi.hoisted(() => {
  const state = {
    windows: [] as Array<{ options: Record<string, unknown>; instance: Record<string, unknown> }>,
    menuTemplate: null as unknown,
    host: null as null | {
      invoke: ReturnType<typeof vi.fn>;
      subscribe: ReturnType<typeof vi.fn>;
      close: ReturnType<typeof vi.fn>;
      listeners: Map<string, (payload: unknown) => void>;
    },
    hostOptions: null as null | Record<string, unknown>,
    ready: null as null | (() => void),
    userData: '/nonexistent/escrow-user-data',
    readyPromise: null as null | Promise<void>,
  };
  state.readyPromise = new Promise<void>((resolve) => (state.ready = resolve));
  return state;
});

vi.mock('electron', () => {
  // Built lazily inside the factory (vi.mock is hoisted above the helpers).
  const mk = (extra: object) => {
    const handlers = new Map<string, ((...args: unknown[]) => unknown)[]>();
    const self: Record<string, unknown> = {
      handlers,
      on(name: string, listener: (...args: unknown[]) => unknown) {
        handlers.set(name, [...(handlers.get(name) ?? []), listener]);
        return self;
      },
      once(name: string, listener: (...args: unknown[]) => unknown) {
        handlers.set(name, [...(handlers.get(name) ?? []), listener]);
        return self;
      },
      emit(name: string, ...args: unknown[]) {
        for (const listener of handlers.get(name) ?? []) listener(...args);
      },
    };
    return Object.assign(self, extra);
  };
  const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.webContents = mk({ id: 7, send: vi.fn(), setWindowOpenHandler: vi.fn(), mainFrame: {} });
      Object.assign(this, mk({}));
      fake.windows.push({ options, instance: this as unknown as Record<string, unknown> });
    }
    loadURL = vi.fn(async () => undefined);
    isDestroyed = () => false;
    isMinimized = () => true;
    restore = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    maximize = vi.fn();
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 10, y: 20, width: 1100, height: 700 });
    static getAllWindows = () => [];
  }
  const session = mk({
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
  });
  class Notification {
    static isSupported = () => true;
    static shown: unknown[] = [];
    constructor(readonly options: unknown) {}
    on = vi.fn();
    show = vi.fn(() => Notification.shown.push(this.options));
  }
  return {
    app: mk({
      isPackaged: true,
      enableSandbox: vi.fn(),
      setPath: vi.fn((_name: string, path: string) => {
        fake.userData = path;
      }),
      getPath: vi.fn(() => fake.userData),
      exit: vi.fn(),
      quit: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => true),
      whenReady: () => fake.readyPromise,
      setAppUserModelId: vi.fn(),
    }),
    BrowserWindow,
    contextBridge: { exposeInMainWorld: vi.fn() },
    dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/tmp/statement.csv'] })), showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 'pong' })), on: vi.fn() },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => {
        fake.menuTemplate = template;
        return template;
      }),
      setApplicationMenu: vi.fn(),
    },
    Notification,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) },
    session: { defaultSession: session },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
});

vi.mock('../../src/main/host/console-host.js', () => ({
  ConsoleHost: {
    open: vi.fn(async (options: Record<string, unknown>) => {
      const listeners = new Map<string, (payload: unknown) => void>();
      fake.hostOptions = options;
      fake.host = {
        listeners,
        invoke: vi.fn(async (method: string) => ({ ok: true, value: `ran ${method}` })),
        subscribe: vi.fn((topic: string, listener: (payload: unknown) => void) => {
          // The shell subscribes twice to 'notification' (forwarding and the native notification).
          const key = listeners.has(topic) ? `${topic}#2` : topic;
          listeners.set(key, listener);
          return () => listeners.delete(key);
        }),
        close: vi.fn(async () => undefined),
      };
      return fake.host;
    }),
  },
}));

const trustedEvent = (overrides: Partial<SenderLike> = {}): SenderLike => ({
  sender: { id: 7 },
  senderFrame: { url: 'app://console/index.html', parent: null },
  ...overrides,
});

// ---------------------------------------------------------------------------------------------

describe('web preferences', () => {
  it('isolate, sandbox and strip the renderer of Node', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      plugins: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    });
    expect(WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
    expect(WEB_PREFERENCES).not.toHaveProperty('preload');
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true);
  });

  it('add only the preload and the DevTools switch', () => {
    const prefs = webPreferencesFor('/app/out/preload/index.cjs', { devTools: false });
    expect(prefs).toEqual({ ...WEB_PREFERENCES, preload: '/app/out/preload/index.cjs', devTools: false });
  });

  it('register app: as a standard, secure scheme that does not bypass CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('allowServiceWorkers');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
  });
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('content security policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('allows only the app itself', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    // pdf.js's worker for evidence PDFs comes from the bundle: no blob: or data: workers.
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
  });

  it('has no eval, no inline code, no remote or wildcard source', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-inline|unsafe-hashes|strict-dynamic/);
    for (const sources of policy.values()) {
      for (const source of sources) expect(source).toMatch(/^('self'|'none'|data:|blob:)$/);
    }
  });

  it('in development adds only the dev server socket and inline code (for hot reload), never eval', () => {
    const dev = directives(devContentSecurityPolicy('http://localhost:5173/'));
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('frame-ancestors')).toEqual(["'none'"]);
    expect(dev.get('object-src')).toEqual(["'none'"]);
    expect([...dev.values()].flat().join(' ')).not.toMatch(/unsafe-eval|\*|https?:/);
    expect(() => devContentSecurityPolicy('file:///tmp/index.html')).toThrow();
  });

  it('replaces whatever CSP header a response brought', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html', 'X-A': ['1'] }, CONTENT_SECURITY_POLICY);
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'X-A': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('navigation', () => {
  const production = appOrigins(null);
  const development = appOrigins('http://localhost:5173/');

  it('stays on the app origin (and the dev server in development)', () => {
    expect(production).toEqual([APP_ORIGIN]);
    expect(development).toEqual([APP_ORIGIN, 'http://localhost:5173']);
    expect(isAllowedNavigation(APP_ENTRY_URL, production)).toBe(true);
    expect(isAllowedNavigation('app://console/orders/O1?x=1#top', production)).toBe(true);
    expect(isAllowedNavigation('APP://CONSOLE/index.html', production)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/index.html', development)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'http://example.com/',
    'https://example.com/',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'app://evil/index.html',
    'app://console:8080/index.html',
    'app://user:pw@console/index.html',
    'blob:app://console/1234',
    'chrome://settings',
    '',
    'not a url',
  ])('refuses %s in production', (url) => {
    expect(isAllowedNavigation(url, production)).toBe(false);
  });

  it.each(['http://localhost:5174/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', 'file:///index.html', 'javascript:void(0)'])(
    'refuses %s in development',
    (url) => {
      expect(isAllowedNavigation(url, development)).toBe(false);
    },
  );

  it('refuses what is not a string', () => {
    expect(isAllowedNavigation(undefined, production)).toBe(false);
    expect(isAllowedNavigation({ toString: () => APP_ENTRY_URL }, production)).toBe(false);
  });
});

describe('window.open', () => {
  it('is always denied; only https links go to the system browser', () => {
    expect(windowOpenDecision('https://example.com/help')).toEqual({ action: 'deny', openExternally: 'https://example.com/help' });
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', APP_ENTRY_URL, 'https://user:pw@example.com/', 'mailto:a@b.c', 'smb://server/share', '']) {
      expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternally: null });
    }
    expect(externalUrl(`https://example.com/${'a'.repeat(3000)}`)).toBeNull();
  });
});

describe('IPC senders', () => {
  const origins = appOrigins(null);

  it('are trusted only from the app origin', () => {
    expect(isTrustedSender('app://console/index.html', APP_ORIGIN)).toBe(true);
    expect(isTrustedSender('app://console/index.html', origins)).toBe(true);
    for (const url of ['https://evil.example/', 'file:///index.html', 'app://other/index.html', 'about:blank', 'data:text/html,x', '', null, undefined]) {
      expect(isTrustedSender(url, origins)).toBe(false);
    }
    expect(isTrustedSender('http://localhost:5173/', origins)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', appOrigins('http://localhost:5173'))).toBe(true);
  });

  it('must be the top frame of our window', () => {
    const expected = { webContentsId: 7, origins };
    expect(isTrustedIpcEvent(trustedEvent(), expected)).toBe(true);
    expect(isTrustedIpcEvent(trustedEvent({ sender: { id: 8 } }), expected)).toBe(false);
    expect(isTrustedIpcEvent(trustedEvent({ senderFrame: { url: 'app://console/index.html', parent: {} } }), expected)).toBe(false);
    expect(isTrustedIpcEvent(trustedEvent({ senderFrame: null }), expected)).toBe(false);
    expect(isTrustedIpcEvent(trustedEvent({ senderFrame: { url: 'https://evil.example/', parent: null } }), expected)).toBe(false);
    expect(isTrustedIpcEvent(trustedEvent(), { webContentsId: null, origins })).toBe(false);
    const destroyed = {
      sender: { id: 7 },
      get senderFrame(): never {
        throw new Error('frame destroyed');
      },
    };
    expect(isTrustedIpcEvent(destroyed, expected)).toBe(false);
  });

  it('the invoke handler refuses untrusted senders and bad method names before the host', async () => {
    const invoke = vi.fn(async (method: string, input: unknown): Promise<Result<unknown>> => ({ ok: true, value: { method, input } }));
    const log = vi.fn();
    const handler = createInvokeHandler({ host: async () => ({ invoke }), trusted: (e) => isTrustedIpcEvent(e, { webContentsId: 7, origins }), log });
    expect(await handler(trustedEvent({ senderFrame: { url: 'https://evil.example/', parent: null } }), 'orders.list', {})).toMatchObject({
      ok: false,
      error: { code: 'untrusted_sender' },
    });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'));
    for (const method of [42, null, '', 'a'.repeat(65), 'orders list', '__proto__', 'constructor.x()', 'orders..list', '.orders']) {
      expect(await handler(trustedEvent(), method, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    expect(invoke).not.toHaveBeenCalled();
    expect(await handler(trustedEvent(), 'orders.list', { limit: 5 })).toEqual({ ok: true, value: { method: 'orders.list', input: { limit: 5 } } });
    expect(isMethodName('a'.repeat(64))).toBe(true);
  });

  it('the invoke handler answers a Result when the host fails or never opened', async () => {
    const log = vi.fn();
    const throwing = createInvokeHandler({ host: async () => ({ invoke: async () => Promise.reject(new Error('boom')) }), trusted: () => true, log });
    expect(await throwing(trustedEvent(), 'x.y', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    const unopened = createInvokeHandler({ host: () => Promise.reject(new Error('disk full')), trusted: () => true, log });
    expect(await unopened(trustedEvent(), 'x.y', {})).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('disk full') } });
  });
});

describe('permissions, requests, downloads', () => {
  it('every permission request and check is denied', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'usb', 'serial', 'unknown']) {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });

  it('the renderer fetches nothing off the app (nor the dev server in development)', () => {
    for (const url of [APP_ENTRY_URL, 'app://console/assets/index.js', 'blob:app://console/1', 'data:image/png;base64,AA==', 'devtools://devtools/bundled/x.js']) {
      expect(isAllowedRequest(url, null)).toBe(true);
    }
    for (const url of ['https://example.com/', 'http://localhost:5173/', 'file:///etc/passwd', 'app://other/x', 'ftp://x/', 'ws://localhost:5173/']) {
      expect(isAllowedRequest(url, null)).toBe(false);
    }
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('downloads only what the page made itself', () => {
    const origins = appOrigins(null);
    expect(isAllowedDownload('blob:app://console/6d1f', origins)).toBe(true);
    expect(isAllowedDownload('data:text/csv,a,b', origins)).toBe(true);
    for (const url of ['https://example.com/x.exe', 'blob:https://example.com/1', 'file:///etc/passwd', 'app://console/index.html']) {
      expect(isAllowedDownload(url, origins)).toBe(false);
    }
  });
});

describe('the app:// protocol', () => {
  let base: string;
  let root: string;
  let handler: (request: Request) => Promise<Response>;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'escrow-app-protocol-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
    writeFileSync(join(root, 'assets', 'font.woff2'), 'x');
    writeFileSync(join(root, '.secret'), 'hidden');
    writeFileSync(join(base, 'secret.txt'), 'TOP SECRET');
    mkdirSync(join(base, 'renderer-evil'));
    writeFileSync(join(base, 'renderer-evil', 'x.js'), 'TOP SECRET');
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
    handler = createAppProtocolHandler({ root, csp: CONTENT_SECURITY_POLICY });
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  it('serves the build with the right MIME types and the security headers', async () => {
    const index = await get('app://console/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>app</title>');
    expect((await get('app://console/assets/index-abc.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://console/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://console/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await get('app://console/assets/font.woff2')).headers.get('content-type')).toBe('font/woff2');
    expect(mimeTypeFor('x.unknown')).toBe('application/octet-stream');
    const head = await get('app://console/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers only files of the build: a missing file or a folder is a 404', async () => {
    expect((await get('app://console/orders/O123')).status).toBe(404);
    expect((await get('app://console/assets/missing.js')).status).toBe(404);
    expect((await get('app://console/assets')).status).toBe(404);
    expect((await get('app://console/assets/')).status).toBe(404);
  });

  it.each([
    'app://console/..%2fsecret.txt',
    'app://console/..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://console/%2e%2e%2fsecret.txt',
    'app://console/assets/%2e%2e/%2e%2e/secret.txt',
    'app://console/assets/..%5c..%5csecret.txt',
    'app://console/..%5csecret.txt',
    'app://console/assets%2f..%2f..%2fsecret.txt',
    'app://console/%252e%252e%252fsecret.txt',
    'app://console/index.html%00.js',
    'app://console/%2fetc%2fpasswd',
    'app://console/..%2frenderer-evil%2fx.js',
    'app://console/.secret',
    'app://console/C:%2fWindows%2fwin.ini',
    'app://console/%E0%A4%A',
  ])('refuses %s', async (url) => {
    const response = await get(url);
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toMatch(/TOP SECRET|hidden|root:/);
  });

  it('refuses a symbolic link out of the build', async () => {
    const response = await get('app://console/assets/link.txt');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('TOP SECRET');
  });

  it('refuses another host and anything but GET and HEAD', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://console/index.html', 'POST')).status).toBe(405);
    expect((await get('app://console/index.html', 'DELETE')).status).toBe(405);
  });

  it('safePathUnder keeps every answer strictly inside the root', () => {
    expect(safePathUnder(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(safePathUnder(root, '/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
    for (const path of ['/', '', '/..', '/../secret.txt', '/%2e%2e/secret.txt', '/a/../../secret.txt', '/a\\..\\b', '/x%00', '/%ZZ', '/C:/x', '/.env', `/${'a'.repeat(2000)}`]) {
      expect(safePathUnder(root, path)).toBeNull();
    }
    expect(safePathUnder(root, '/assets/x.js')?.startsWith(root + sep)).toBe(true);
  });
});

describe('window state', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  const second = { x: 1920, y: 0, width: 1280, height: 1000 };
  const displays = { workAreas: [primary, second], primary };

  it('validates the file: integers in range, known keys only', () => {
    expect(windowStateSchema.safeParse({ x: 10, y: 10, width: 1200, height: 800, maximized: true }).success).toBe(true);
    expect(windowStateSchema.parse({ width: 1200, height: 800 })).toEqual({ width: 1200, height: 800, maximized: false });
    for (const bad of [
      { x: '10', y: 0, width: 1200, height: 800 },
      { x: 1.5, y: 0, width: 1200, height: 800 },
      { width: 1e9, height: 800 },
      { width: 1200, height: -1 },
      { width: 1200, height: 800, maximized: 'yes' },
      { width: 1200, height: 800, extra: 1 },
      { x: Number.NaN, y: 0, width: 1200, height: 800 },
      null,
      [],
    ]) {
      expect(windowStateSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('opens centred on the primary display without a saved state', () => {
    expect(clampToDisplay(null, displays)).toEqual({ bounds: { x: 320, y: 120, width: 1280, height: 800 }, maximized: false });
  });

  it('keeps a saved position that is on a display, moved wholly onto it', () => {
    expect(clampToDisplay({ x: 2000, y: 100, width: 1000, height: 700, maximized: true }, displays)).toEqual({
      bounds: { x: 2000, y: 100, width: 1000, height: 700 },
      maximized: true,
    });
    // Hanging off the right edge of the second display: pulled back, and shrunk to fit it.
    expect(clampToDisplay({ x: 2900, y: 500, width: 1400, height: 1200, maximized: false }, displays)).toEqual({
      bounds: { x: 1920, y: 0, width: 1280, height: 1000 },
      maximized: false,
    });
  });

  it('re-centres a window saved on a display that is gone', () => {
    const placed = clampToDisplay({ x: 5000, y: 3000, width: 1000, height: 700, maximized: false }, displays);
    expect(placed.bounds).toEqual({ x: 460, y: 170, width: 1000, height: 700 });
    // A sliver on screen is not enough to grab the title bar.
    expect(clampToDisplay({ x: -990, y: 100, width: 1000, height: 700, maximized: false }, displays).bounds).toEqual({ x: 460, y: 170, width: 1000, height: 700 });
  });

  it('round-trips through the data folder; a bad file means the defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escrow-window-state-'));
    try {
      const log = vi.fn();
      expect(loadWindowState(dir, log)).toBeNull();
      expect(log).not.toHaveBeenCalled();
      saveWindowState(dir, { x: 10.4, y: 20, width: 1100.6, height: 700, maximized: true });
      expect(loadWindowState(dir, log)).toEqual({ x: 10, y: 20, width: 1101, height: 700, maximized: true });
      writeFileSync(join(dir, WINDOW_STATE_FILE), '{not json');
      expect(loadWindowState(dir, log)).toBeNull();
      writeFileSync(join(dir, WINDOW_STATE_FILE), JSON.stringify({ x: 0, y: 0, width: 'wide', height: 700 }));
      expect(loadWindowState(dir, log)).toBeNull();
      expect(log).toHaveBeenCalledTimes(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('menu', () => {
  const find = (template: MenuItemConstructorOptions[], accelerator: string) =>
    template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : [])).find((item) => item.accelerator === accelerator);

  it('sends search, lock and screens 1..6 to the renderer', () => {
    const sent: MenuCommand[] = [];
    const template = menuTemplate({ platform: 'linux', dev: false, send: (c) => sent.push(c) });
    const click = (accelerator: string) => (find(template, accelerator)?.click as () => void)();
    click('CmdOrCtrl+K');
    click('CmdOrCtrl+L');
    for (let i = 1; i <= 6; i += 1) click(`CmdOrCtrl+${i}`);
    expect(MENU_SCREEN_COUNT).toBe(6);
    expect(sent).toEqual([{ action: 'search' }, { action: 'lock' }, ...[1, 2, 3, 4, 5, 6].map((index) => ({ action: 'screen', index }))]);
  });

  it('has reload and DevTools only in development, and an Edit menu for copy and paste', () => {
    const roles = (dev: boolean, platform: NodeJS.Platform) =>
      menuTemplate({ platform, dev, send: () => undefined }).flatMap((item) => [item.role, ...(Array.isArray(item.submenu) ? item.submenu.map((s) => s.role) : [])]);
    expect(roles(false, 'win32')).not.toContain('toggleDevTools');
    expect(roles(false, 'win32')).not.toContain('reload');
    expect(roles(true, 'win32')).toContain('toggleDevTools');
    expect(roles(false, 'darwin')).toContain('editMenu');
    expect(roles(false, 'darwin')).toContain('appMenu');
  });

  it('lets the menu topic through the preload, like every shared topic', () => {
    expect(TOPICS).toContain(MENU_TOPIC);
    expect(ALLOWED_TOPICS).toEqual([...TOPICS]);
  });
});

describe('main-process helpers', () => {
  it('parses --data and --hub among Chromium switches', () => {
    expect(parseShellArgs(['.', '--no-sandbox-x', '--data', 'd', '--hub=https://hub.example:8443/'])).toEqual({
      dataDir: join(process.cwd(), 'd'),
      hubUrl: 'https://hub.example:8443/',
      problems: [],
    });
    expect(parseShellArgs([]).problems).toEqual([]);
    expect(parseShellArgs(['--data']).problems).toEqual(['--data needs a value']);
    expect(parseShellArgs(['--hub', 'file:///etc/passwd']).problems[0]).toMatch(/http\(s\) URL/);
    expect(parseShellArgs(['--data', 'a', '--data', 'b']).problems).toEqual(['--data given twice']);
  });

  it('forwards every topic to the window and survives a failing send', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const host = { subscribe: vi.fn((topic: string, l: (p: unknown) => void) => (listeners.set(topic, l), () => listeners.delete(topic))) };
    const sent: unknown[] = [];
    const log = vi.fn();
    const stop = forwardTopics(host as never, (topic, payload) => {
      if (topic === 'notification') throw new Error('window gone');
      sent.push([topic, payload]);
    }, log);
    expect([...listeners.keys()]).toEqual([...TOPICS]);
    listeners.get('sync.status')!({ state: 'online' });
    listeners.get('notification')!({ title: 'x' });
    expect(sent).toEqual([['sync.status', { state: 'online' }]]);
    expect(log).toHaveBeenCalledOnce();
    stop();
    expect(listeners.size).toBe(0);
  });

  it('makes a native notification only from a well-formed payload', () => {
    expect(notificationFromPayload({ title: 'New dispute', body: 'D9 needs a decision', kind: 'dispute' })).toEqual({ title: 'New dispute', body: 'D9 needs a decision' });
    expect(notificationFromPayload({ title: 'a\u0000b\nc', body: 'x'.repeat(900) })).toEqual({ title: 'a b c', body: `${'x'.repeat(499)}…` });
    for (const bad of [null, 'text', { body: 'b' }, { title: '  ' }, { title: 5 }]) expect(notificationFromPayload(bad)).toBeNull();
  });

  it('offers the statement formats in the open dialog', () => {
    expect(STATEMENT_FILE_FILTERS[0].extensions).toEqual(['csv', 'sta', 'mt940', 'xml', 'txt']);
  });
});

describe('preload bridge', () => {
  function transport() {
    let handler: ((topic: unknown, payload: unknown) => void) | null = null;
    const invoke = vi.fn(async (method: string, input: unknown): Promise<unknown> => ({ ok: true, value: [method, input] }));
    return { invoke, onEvent: (h: (topic: unknown, payload: unknown) => void) => void (handler = h), push: (topic: unknown, payload: unknown) => handler!(topic, payload) };
  }

  it('exposes invoke and subscribe only, frozen', () => {
    const api = createPreloadApi(transport());
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('checks the method name before anything crosses', async () => {
    const t = transport();
    const api = createPreloadApi(t);
    expect(await api.invoke('orders.list', { a: 1 })).toEqual({ ok: true, value: ['orders.list', { a: 1 }] });
    expect(await api.invoke('a'.repeat(65), {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await api.invoke(7 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(t.invoke).toHaveBeenCalledOnce();
    t.invoke.mockRejectedValueOnce(new Error('no handler'));
    expect(await api.invoke('x.y', {})).toMatchObject({ ok: false, error: { code: 'ipc_failed' } });
  });

  it('subscribes only to known topics and hands listeners the payload alone', () => {
    const t = transport();
    const api = createPreloadApi(t);
    expect(() => api.subscribe('secrets', () => undefined)).toThrow(TypeError);
    expect(() => api.subscribe('sync.status', 'nope' as never)).toThrow(TypeError);
    const got: unknown[][] = [];
    const unsubscribe = api.subscribe('sync.status', (...args: unknown[]) => got.push(args));
    api.subscribe('sync.status', () => {
      throw new Error('a broken listener');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    t.push('sync.status', { state: 'online' });
    t.push('secrets', { leaked: true });
    t.push(undefined, {});
    expect(got).toEqual([[{ state: 'online' }]]);
    unsubscribe();
    t.push('sync.status', { state: 'offline' });
    expect(got).toHaveLength(1);
    error.mockRestore();
  });

  it('caps the listeners of a topic', () => {
    const api = createPreloadApi(transport());
    for (let i = 0; i < MAX_LISTENERS_PER_TOPIC; i += 1) api.subscribe('notification', () => undefined);
    expect(() => api.subscribe('notification', () => undefined)).toThrow(RangeError);
  });

  it('the preload script exposes the bridge, never ipcRenderer or an event', async () => {
    const electron = await import('electron');
    await import('../../src/preload/index.js');
    const expose = vi.mocked(electron.contextBridge.exposeInMainWorld);
    expect(expose).toHaveBeenCalledOnce();
    const [key, api] = expose.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe(BRIDGE_GLOBAL);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    const exposed = api as { invoke: (m: string, i: unknown) => Promise<unknown>; subscribe: (t: string, l: (...a: unknown[]) => void) => () => void };
    expect(await exposed.invoke('ping.now', { x: 1 })).toEqual({ ok: true, value: 'pong' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'ping.now', { x: 1 });
    const [[channel, onEvent]] = vi.mocked(electron.ipcRenderer.on).mock.calls as unknown as [[string, (...a: unknown[]) => void]];
    expect(channel).toBe(IPC_EVENT);
    const got: unknown[][] = [];
    exposed.subscribe('session.changed', (...args) => got.push(args));
    onEvent({ sender: 'the raw IpcRendererEvent', ports: [] }, 'session.changed', { locked: true });
    expect(got).toEqual([[{ locked: true }]]);
  });
});

describe('renderer bridge', () => {
  it('is null outside Electron', () => {
    expect(createElectronBridge()).toBeNull();
    expect(onMenuCommand(() => undefined)).toBeNull();
  });

  it('wraps window.escrow as a ConsoleBridge and filters menu commands', async () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const api = {
      invoke: vi.fn(async () => ({ ok: true, value: 1 })),
      subscribe: vi.fn((topic: string, listener: (payload: unknown) => void) => (listeners.set(topic, listener), () => listeners.delete(topic))),
    };
    (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] = api;
    try {
      const bridge = createElectronBridge()!;
      expect(await bridge.invoke('a.b', {})).toEqual({ ok: true, value: 1 });
      api.invoke.mockRejectedValueOnce(new Error('gone'));
      expect(await bridge.invoke('a.b', {})).toMatchObject({ ok: false, error: { code: 'ipc_failed' } });
      const status: unknown[] = [];
      bridge.subscribe('sync.status', (p) => status.push(p));
      listeners.get('sync.status')!({ state: 'online' });
      expect(status).toEqual([{ state: 'online' }]);
      const commands: MenuCommand[] = [];
      onMenuCommand((c) => commands.push(c));
      listeners.get('menu')!({ action: 'lock' });
      listeners.get('menu')!({ action: 'format-disk' });
      listeners.get('menu')!({ action: 'screen', index: 'x' });
      listeners.get('menu')!({ action: 'screen', index: 0 });
      listeners.get('menu')!(null);
      listeners.get('menu')!({ action: 'screen', index: 2 });
      expect(commands).toEqual([{ action: 'lock' }, { action: 'screen', index: 2 }]);
    } finally {
      delete (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL];
    }
  });
});

describe('main process wiring (electron faked)', () => {
  let dataDir: string;
  const stderr = vi.spyOn(process.stderr, 'write');

  beforeAll(async () => {
    stderr.mockImplementation(() => true);
    dataDir = mkdtempSync(join(tmpdir(), 'escrow-electron-main-'));
    const argv = process.argv;
    process.argv = ['/opt/escrow/escrow-console', '--data', dataDir, '--enable-logging'];
    try {
      await import('../../src/main/electron/index.js');
    } finally {
      process.argv = argv;
    }
    fake.ready!();
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  afterAll(() => {
    stderr.mockRestore();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers the scheme, sandboxes every renderer and uses the data folder before ready', async () => {
    const { app, protocol } = await import('electron');
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(app.setPath).toHaveBeenCalledWith('userData', dataDir);
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('opens one window with the hardened preferences on app://console', () => {
    expect(fake.windows).toHaveLength(1);
    const { options, instance } = fake.windows[0];
    const prefs = options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ ...WEB_PREFERENCES, devTools: false });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(options.show).toBe(false);
    expect(instance.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
  });

  it('denies every permission on the session and sets the CSP on http(s) responses', async () => {
    const { session } = await import('electron');
    const ses = session.defaultSession;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest);
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck);
    const [[onHeaders]] = vi.mocked(ses.webRequest.onHeadersReceived).mock.calls as unknown as [[(d: unknown, cb: (r: unknown) => void) => void]];
    const headers = vi.fn();
    onHeaders({ responseHeaders: { 'Content-Security-Policy': ["default-src *"] } }, headers);
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    const [[onBefore]] = vi.mocked(ses.webRequest.onBeforeRequest).mock.calls as unknown as [[(d: unknown, cb: (r: unknown) => void) => void]];
    const decide = vi.fn();
    onBefore({ url: 'https://tracker.example/' }, decide);
    onBefore({ url: 'app://console/assets/index.js' }, decide);
    expect(decide.mock.calls).toEqual([[{ cancel: true }], [{ cancel: false }]]);
  });

  it('hardens every web contents: navigation, window.open, webviews', async () => {
    const { app, shell } = await import('electron');
    const contents = emitter({ setWindowOpenHandler: vi.fn() });
    (app as unknown as FakeEmitter).emit('web-contents-created', {}, contents);
    const navigate = (name: string, url: string) => {
      const event = { url, preventDefault: vi.fn() };
      contents.emit(name, event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-redirect', 'http://evil.example/')).toBe(true);
    expect(navigate('will-frame-navigate', 'javascript:alert(1)')).toBe(true);
    expect(navigate('will-navigate', 'app://console/index.html')).toBe(false);
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
    const [[openHandler]] = contents.setWindowOpenHandler.mock.calls as [[(d: { url: string }) => unknown]];
    expect(openHandler({ url: 'https://docs.example/help' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.example/help');
    expect(openHandler({ url: 'http://docs.example/help' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledOnce();
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('navigation refused: https://evil.example/'));
  });

  it('binds IPC to the host behind the sender check', async () => {
    const { ipcMain } = await import('electron');
    const [[channel, handle]] = vi.mocked(ipcMain.handle).mock.calls as unknown as [[string, (e: SenderLike, m: unknown, i: unknown) => Promise<unknown>]];
    expect(channel).toBe(IPC_INVOKE);
    expect(await handle(trustedEvent(), 'orders.list', {})).toEqual({ ok: true, value: 'ran orders.list' });
    expect(await handle(trustedEvent({ senderFrame: { url: 'app://console/index.html', parent: {} } }), 'orders.list', {})).toMatchObject({ ok: false });
    expect(await handle(trustedEvent({ sender: { id: 99 } }), 'orders.list', {})).toMatchObject({ ok: false });
    expect(fake.host!.invoke).toHaveBeenCalledOnce();
    expect(fake.hostOptions).toMatchObject({ dataDir });
    expect(fake.hostOptions).not.toHaveProperty('hubUrl');
  });

  it('pushes topics to the window, and high-priority cases as native notifications', async () => {
    const { Notification } = await import('electron');
    const webContents = fake.windows[0].instance.webContents as { send: ReturnType<typeof vi.fn> };
    fake.host!.listeners.get('sync.status')!({ state: 'online' });
    expect(webContents.send).toHaveBeenCalledWith(IPC_EVENT, 'sync.status', { state: 'online' });
    fake.host!.listeners.get('notification#2')!({ title: 'New dispute', body: 'D9', kind: 'dispute' });
    expect((Notification as unknown as { shown: unknown[] }).shown).toEqual([{ title: 'New dispute', body: 'D9' }]);
  });

  it('sends menu shortcuts on the menu topic', () => {
    const webContents = fake.windows[0].instance.webContents as { send: ReturnType<typeof vi.fn> };
    const template = fake.menuTemplate as MenuItemConstructorOptions[];
    const search = template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : [])).find((item) => item.accelerator === 'CmdOrCtrl+K');
    (search!.click as () => void)();
    expect(webContents.send).toHaveBeenCalledWith(IPC_EVENT, MENU_TOPIC, { action: 'search' });
  });

  it('uses the native dialog to pick a statement', async () => {
    const { dialog } = await import('electron');
    const pick = fake.hostOptions!.pickStatement as () => Promise<string | null>;
    expect(await pick()).toBe('/tmp/statement.csv');
    const [, options] = vi.mocked(dialog.showOpenDialog).mock.calls[0] as unknown as [unknown, { filters: { extensions: string[] }[]; properties: string[] }];
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters[0].extensions).toEqual(['csv', 'sta', 'mt940', 'xml', 'txt']);
  });

  it('focuses the first window when a second instance starts, and saves the window state on close', async () => {
    const { app } = await import('electron');
    const window = fake.windows[0].instance as unknown as FakeEmitter & { restore: ReturnType<typeof vi.fn>; focus: ReturnType<typeof vi.fn> };
    (app as unknown as FakeEmitter).emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    window.emit('close');
    expect(JSON.parse(readFileSync(join(dataDir, WINDOW_STATE_FILE), 'utf8'))).toEqual({ x: 10, y: 20, width: 1100, height: 700, maximized: false });
  });
});
