/**
 * The browser-mode host's gate: a per-launch secret (in the printed URL, then an HttpOnly
 * SameSite=Strict cookie, or an `x-console-secret` header for tools), the Host header
 * (DNS rebinding), the Origin of state-changing requests, and the security headers every
 * answer carries.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export const secretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a 43-character base64url secret');

export const SECRET_HEADER = 'x-console-secret';

/**
 * The cookie's name carries the port: cookies are not isolated by port, so two consoles on one
 * machine would otherwise overwrite each other's.
 */
export function cookieName(port: number): string {
  return `escrow_console_${port}`;
}

export function sessionCookie(port: number, secret: string): string {
  return `${cookieName(port)}=${secret}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The value of one cookie from a Cookie header (undefined when absent). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The Host values this server answers to: its loopback address and `localhost`, with its port. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** The Origins allowed on POSTs: the page's own (either spelling of loopback). */
export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

/**
 * The renderer's own policy (the meta tag of src/renderer/index.html: no inline scripts, the
 * app's own origin only) plus what only a header can say: no framing, no plugins, no <base>,
 * forms only to this origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // pdf.js (evidence PDFs) runs its parser in a module worker loaded from the build.
  "worker-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};
