/**
 * Constant-time comparison of a presented secret (API key, launch secret) with the expected
 * one. Both sides are hashed first so the comparison is always of 32 bytes: neither the time
 * taken nor an early length check tells a caller how long the expected secret is.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
