/**
 * Results crossing a boundary (IPC, HTTP, the decider) are values, not exceptions:
 * `{ ok: true, value }` or `{ ok: false, error }` with a flat code and a human message.
 */

export interface Failure<C extends string = string> {
  code: C;
  message: string;
  /** Optional structured detail (e.g. the field that failed validation, the winning decision). */
  detail?: unknown;
}

export type Result<T, C extends string = string> = { ok: true; value: T } | { ok: false; error: Failure<C> };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<C extends string>(code: C, message: string, detail?: unknown): { ok: false; error: Failure<C> } {
  return detail === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, detail } };
}
