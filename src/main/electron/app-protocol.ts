/**
 * The handler behind `protocol.handle('app', ...)`: serves the renderer build, and nothing else,
 * as `app://console/...`. Plain fetch Request/Response and node:fs, no electron, so the tests
 * call it directly.
 *
 * webRequest header events do not fire for custom protocols, so the CSP and the other security
 * headers are set here, on every response.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { mimeTypeFor } from '../host/mime-types.js';
import { APP_HOST, APP_SCHEME, safePathUnder } from './security.js';

export interface AppProtocolOptions {
  /** The renderer build (out/renderer). */
  root: string;
  /** The Content-Security-Policy header of every response. */
  csp: string;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = resolve(options.root);
  let realRoot: Promise<string> | null = null;
  const headers = (contentType: string): Record<string, string> => ({
    'Content-Type': contentType,
    'Content-Security-Policy': options.csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  });
  const refuse = (status: number, text: string): Response => new Response(text, { status, headers: headers('text/plain; charset=utf-8') });

  /** The real file, or null if it is missing, not a regular file, or a link out of the build. */
  async function regularFileInside(file: string): Promise<string | null> {
    try {
      realRoot ??= realpath(root);
      const real = await realpath(file);
      if (!isInside(await realRoot, real)) return null;
      return (await stat(real)).isFile() ? real : null;
    } catch {
      realRoot = null;
      return null;
    }
  }

  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, 'bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return refuse(404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
    const path = url.pathname === '/' || url.pathname === '' ? '/index.html' : url.pathname;
    const file = safePathUnder(root, path);
    if (!file) return refuse(403, 'forbidden');
    // Only files of the build: no directory listing, no fallback page for unknown paths (the
    // window always loads /index.html; the renderer routes inside it).
    const real = await regularFileInside(file);
    if (!real) return refuse(404, 'not found');
    const body = request.method === 'HEAD' ? null : await readFile(real);
    return new Response(body, { status: 200, headers: headers(mimeTypeFor(real)) });
  };
}
