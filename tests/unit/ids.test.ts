import { describe, expect, it } from 'vitest';
import { createIdGenerator, isUuidV7, uuidV7Time } from '../../src/shared/ids.js';
import { canonicalJson } from '../../src/shared/json.js';

describe('UUIDv7 ids', () => {
  it('are version 7, carry their time and sort in creation order within one millisecond', () => {
    const now = Date.UTC(2026, 10, 25);
    const next = createIdGenerator(() => now);
    const ids = Array.from({ length: 5000 }, () => next());
    expect(ids.every(isUuidV7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidV7Time(ids[0])).toBe(now);
    // 4096 ids per millisecond, then the clock is advanced instead of breaking the order.
    expect(uuidV7Time(ids[4999])).toBe(now + 1);
  });

  it('never go backwards when the clock does', () => {
    let t = 2_000_000_000_000;
    const next = createIdGenerator(() => t);
    const a = next();
    t -= 10_000;
    expect(next() > a).toBe(true);
  });
});

describe('canonical JSON', () => {
  it('sorts keys, writes bigint as text and drops undefined', () => {
    expect(canonicalJson({ b: 1n, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":"1"}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
  });
});
