/**
 * Canonical JSON: object keys sorted, bigint written as a decimal string, no whitespace.
 * Used wherever bytes are hashed or compared (event bodies, command bodies, audit entries), so
 * two processes that build the same value always produce the same text.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

const MAX_DEPTH = 32;

/** Writes the text directly (no intermediate sorted copies): this runs for every event. */
function write(value: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw new RangeError('value nests too deeply for canonical JSON');
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return `"${value}"`;
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('non-finite number in canonical JSON');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item) => write(item, depth + 1)).join(',')}]`;
      const record = value as Record<string, unknown>;
      let out = '';
      for (const key of Object.keys(record).sort()) {
        const item = record[key];
        if (item === undefined) continue;
        out += `${out ? ',' : ''}${JSON.stringify(key)}:${write(item, depth + 1)}`;
      }
      return `{${out}}`;
    }
    default:
      throw new TypeError(`cannot encode ${typeof value} as JSON`);
  }
}

/** JSON.stringify replacer for bigint values (wire format: decimal strings). */
export function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
