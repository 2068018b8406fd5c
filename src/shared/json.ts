/**
 * Canonical JSON: object keys sorted, bigint written as a decimal string, no whitespace.
 * Used wherever bytes are hashed or compared (event bodies, command bodies, audit entries), so
 * two processes that build the same value always produce the same text.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: unknown): string {
  return JSON.stringify(toCanonical(value, 0));
}

const MAX_DEPTH = 32;

function toCanonical(value: unknown, depth: number): Json {
  if (depth > MAX_DEPTH) throw new RangeError('value nests too deeply for canonical JSON');
  if (value === null) return null;
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('non-finite number in canonical JSON');
      return value;
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'object': {
      if (Array.isArray(value)) return value.map((item) => toCanonical(item, depth + 1));
      const out: { [key: string]: Json } = {};
      for (const key of Object.keys(value as object).sort()) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined) out[key] = toCanonical(item, depth + 1);
      }
      return out;
    }
    default:
      throw new TypeError(`cannot encode ${typeof value} as JSON`);
  }
}

/** JSON.stringify replacer for bigint values (wire format: decimal strings). */
export function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
