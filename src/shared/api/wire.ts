/**
 * JSON on the browser-mode wire: amounts are bigint, which JSON lacks, so a bigint travels as
 * `{"$bigint":"123"}` and comes back as a bigint (Electron's IPC clones bigint natively).
 */
const TAG = '$bigint';

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? { [TAG]: v.toString() } : v));
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tagged = (v as Record<string, unknown>)[TAG];
      if (keys.length === 1 && typeof tagged === 'string' && /^-?\d{1,40}$/.test(tagged)) return BigInt(tagged);
    }
    return v;
  });
}
