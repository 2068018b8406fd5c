/**
 * Every security decision of the Electron shell, as plain data and pure functions: the window's
 * web preferences, the content security policy, which origins the app lives on, which
 * navigations, requests, downloads and external links are allowed, which IPC senders are
 * trusted, and how a request path maps to a file of the renderer build.
 *
 * Nothing here imports electron at run time (only its types), so the unit tests check each
 * decision without launching Electron; src/main/electron/index.ts wires them in.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme, WebPreferences } from 'electron';

/** The renderer is served from `app://console/...` in production. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `standard`: relative URLs, a real origin (so `'self'` and same-origin checks work); `secure`:
 * a secure context like https. No bypassCSP, no service workers, no CORS, no streaming.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = Object.freeze({
  scheme: APP_SCHEME,
  privileges: Object.freeze({ standard: true, secure: true, supportFetchAPI: true }),
});

/** The window's hardening, everything that is not the preload path or the DevTools switch. */
export const WEB_PREFERENCES = Object.freeze({
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
  enableWebSQL: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  autoplayPolicy: 'document-user-activation-required',
} as const satisfies WebPreferences);

export function webPreferencesFor(preload: string, options: { devTools: boolean }): WebPreferences {
  return { ...WEB_PREFERENCES, preload, devTools: options.devTools };
}

type Directives = Record<string, readonly string[]>;

/**
 * The production policy. No inline script, no eval, no remote source anywhere; styles from the
 * bundle only (React and recharts set styles through the CSSOM, which style-src does not
 * govern, so 'unsafe-inline' is not needed); images may be data:/blob: (charts, exports,
 * evidence previews); workers only from the bundle (pdf.js's parser for evidence PDFs).
 */
export const CSP_DIRECTIVES: Directives = Object.freeze({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'worker-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
});

export function buildCsp(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export const CONTENT_SECURITY_POLICY = buildCsp(CSP_DIRECTIVES);

/**
 * The policy while the renderer comes from the electron-vite dev server (never in a packaged
 * app): Vite's React refresh preamble is an inline module script, CSS arrives as injected
 * <style> elements, and hot reload talks over a WebSocket to the dev server. Still no eval and
 * no other origin.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const origin = originOf(devServerUrl);
  if (!origin || !/^https?:/.test(origin)) throw new Error(`not a dev server URL: ${devServerUrl}`);
  const socket = origin.replace(/^http/, 'ws');
  return buildCsp({
    ...CSP_DIRECTIVES,
    'script-src': ["'self'", "'unsafe-inline'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", socket],
  });
}

/**
 * The origin of a URL the app may live on (`app://console`, `http(s)://host:port`,
 * `ws(s)://host:port`), or null. Node's URL gives custom schemes the opaque origin "null", so
 * app: is handled by hand; credentials or a port on app: are refused.
 */
export function originOf(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 4096) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  switch (parsed.protocol) {
    case 'http:':
    case 'https:':
    case 'ws:':
    case 'wss:':
      return parsed.origin;
    case `${APP_SCHEME}:`:
      return parsed.host && !parsed.port ? `${APP_SCHEME}://${parsed.host.toLowerCase()}` : null;
    default:
      return null;
  }
}

/** Where the renderer may live: the app origin, plus the dev server's origin in development. */
export function appOrigins(devServerUrl: string | null): readonly string[] {
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  return Object.freeze(dev && /^https?:/.test(dev) ? [APP_ORIGIN, dev] : [APP_ORIGIN]);
}

function inOrigins(url: unknown, origins: string | readonly string[]): boolean {
  const origin = originOf(url);
  if (!origin) return false;
  return (typeof origins === 'string' ? [origins] : origins).includes(origin);
}

/** will-navigate / will-frame-navigate / will-redirect: only within the app's own origins. */
export function isAllowedNavigation(url: unknown, origins: readonly string[]): boolean {
  return inOrigins(url, origins);
}

/**
 * A link the app may hand to the system browser: https only, no credentials, bounded length.
 * Returns the normalised URL, or null (window.open is denied either way).
 */
export function externalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password || !parsed.hostname) return null;
    return parsed.href;
  } catch {
    return null;
  }
}

/** setWindowOpenHandler: no window is ever opened by the app itself. */
export function windowOpenDecision(url: unknown): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: externalUrl(url) };
}

/** An IPC message is trusted only from a frame whose URL is on one of the app's origins. */
export function isTrustedSender(frameUrl: unknown, appOrigin: string | readonly string[]): boolean {
  return inOrigins(frameUrl, appOrigin);
}

/** The parts of an IpcMainInvokeEvent the sender check reads (structurally; tests pass fakes). */
export interface SenderLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * The sender check of every IPC call: our window's web contents, its top frame (not an iframe),
 * on the app's origin. A frame that has gone away (senderFrame null) is not trusted.
 */
export function isTrustedIpcEvent(event: SenderLike, expected: { webContentsId: number | null; origins: readonly string[] }): boolean {
  try {
    if (expected.webContentsId === null || event.sender.id !== expected.webContentsId) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return isTrustedSender(frame.url, expected.origins);
  } catch {
    // Reading a frame that was destroyed mid-call can throw: not trusted.
    return false;
  }
}

/** session.setPermissionRequestHandler: every permission request is refused. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** session.setPermissionCheckHandler / setDevicePermissionHandler: every check answers no. */
export function denyPermissionCheck(): boolean {
  return false;
}

/**
 * webRequest.onBeforeRequest: what the renderer may fetch at all (the CSP says the same from the
 * page's side). app: on our host, blob:/data: (the page's own objects), DevTools' own scheme, and
 * the dev server in development. Never file:, never the network.
 */
export function isAllowedRequest(url: unknown, devServerUrl: string | null): boolean {
  if (typeof url !== 'string') return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case APP_SCHEME:
      return originOf(url) === APP_ORIGIN;
    case 'blob':
    case 'data':
    case 'devtools':
      return true;
    case 'http':
    case 'https':
    case 'ws':
    case 'wss': {
      const dev = devServerUrl ? originOf(devServerUrl) : null;
      const origin = originOf(url);
      if (!dev || !origin) return false;
      return origin === dev || origin === dev.replace(/^http/, 'ws');
    }
    default:
      return false;
  }
}

/** will-download: only files the page made itself (an export saved from a blob: or data: URL). */
export function isAllowedDownload(url: unknown, origins: readonly string[]): boolean {
  if (typeof url !== 'string') return false;
  if (url.startsWith('data:')) return true;
  if (!url.startsWith('blob:')) return false;
  return inOrigins(url.slice('blob:'.length), origins);
}

/** webRequest.onHeadersReceived: the response headers with our CSP, replacing any other. */
export function withContentSecurityPolicy(headers: Record<string, string[] | string> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/**
 * The file under `root` that a request path names, or null when it names anything else:
 * percent-decoded once, no NUL, no backslash, no `.` or `..` segment, no hidden file, and the
 * resolved path must stay strictly inside root. (Symbolic links are checked by the caller with
 * realpath, which needs the file system.)
 */
export function safePathUnder(root: string, requestPath: string): string | null {
  if (typeof requestPath !== 'string' || requestPath.length > 1024) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.length === 0) return null;
  if (segments.some((s) => s.startsWith('.') || s.includes(':'))) return null;
  const base = resolve(root);
  const target = resolve(base, ...segments);
  const rel = relative(base, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return target;
}
