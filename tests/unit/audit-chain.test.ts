import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consoleHeadFields, recordedConsoleHead } from '../../src/core/audit/chain-head.js';
import {
  AUDIT_ACTIONS,
  AuditEntryError,
  entryHash,
  GENESIS_HASH,
  MAX_DETAIL_BYTES,
  MAX_TARGET_LENGTH,
  nextEntry,
  type AuditActor,
  type AuditEntry,
  type AuditFields,
} from '../../src/core/audit/chain.js';
import { MAX_REPORTED_VIOLATIONS, verifyChain, type ChainReport } from '../../src/core/audit/verify-chain.js';
import type { Json } from '../../src/shared/json.js';
import { ROLES } from '../../src/shared/roles.js';
import { fcOptions } from '../support/fc.js';

const login = (at: number, id = 'S1'): AuditFields => ({ at, actor: { id, role: 'agent' }, action: 'session.login', detail: { ip: '10.0.0.7' } });

/** A chain of `n` entries with varied actors, actions and targets. */
function chainOf(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i += 1) {
    const fields: AuditFields = {
      at: 1_000 + i,
      actor: i % 3 === 0 ? { kind: 'system' } : { id: `S${i}`, role: ROLES[i % ROLES.length] },
      action: AUDIT_ACTIONS[i % AUDIT_ACTIONS.length],
      ...(i % 2 === 0 ? { target: `order:O${i}` } : {}),
      detail: { n: i },
    };
    entries.push(nextEntry(entries.at(-1) ?? null, fields));
  }
  return entries;
}

const problems = (report: ChainReport) => report.violations.map((v) => [v.seq, v.problem]);

/** Entries whose content was rewritten without touching their seq, as rows keyed by seq are. */
function withContentOf(entries: AuditEntry[], seq: number, source: AuditEntry): AuditEntry[] {
  return entries.map((e) => (e.seq === seq ? { ...source, seq } : e));
}

/** A forged, correctly hashed entry placed after seq `after`, the later rows renumbered (not re-hashed). */
function withInserted(entries: AuditEntry[], after: number): AuditEntry[] {
  const previous = entries.find((e) => e.seq === after) ?? null;
  const forged = nextEntry(previous, { at: 5, actor: { id: 'S9', role: 'finance' }, action: 'command.accepted', detail: { refund: '100000' } });
  return [...entries.filter((e) => e.seq <= after), forged, ...entries.filter((e) => e.seq > after).map((e) => ({ ...e, seq: e.seq + 1 }))];
}

describe('audit entries', () => {
  it('chain from 64 zeros, number from 1 and seal every field but the hash', () => {
    const first = nextEntry(null, login(1_000));
    const second = nextEntry(first, { ...login(2_000), target: 'console:C1' });
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, target: 'console:C1' });
    // The definition other stores implement: SHA-256 over this exact text.
    const text =
      '{"action":"session.login","actor":{"id":"S1","role":"agent"},"at":1000,"detail":{"ip":"10.0.0.7"},' +
      `"prevHash":"${GENESIS_HASH}","seq":1,"target":null}`;
    expect(first.hash).toBe(createHash('sha256').update(text).digest('hex'));
    expect(entryHash(first)).toBe(first.hash);
  });

  it('keep only the actor’s own keys and store the detail as its canonical JSON gives it back', () => {
    const actor = { id: 'S1', role: 'agent', note: 'sealed by mistake' } as AuditActor;
    const entry = nextEntry(null, { ...login(1), actor, detail: { b: [1, undefined, -0], a: null } as never });
    expect(entry.actor).toEqual({ id: 'S1', role: 'agent' });
    expect(entry.detail).toEqual({ a: null, b: [1, null, 0] });
  });

  it('bound the detail to 4 KiB of canonical JSON', () => {
    const sized = (bytes: number) => ({ s: 'x'.repeat(bytes - '{"s":""}'.length) });
    expect(() => nextEntry(null, { ...login(1), detail: sized(MAX_DETAIL_BYTES) })).not.toThrow();
    expect(() => nextEntry(null, { ...login(1), detail: sized(MAX_DETAIL_BYTES + 1) })).toThrow(/4097 bytes.*at most 4096/);
    expect(() => nextEntry(null, { ...login(1), detail: { s: '汉'.repeat(1_400) } })).toThrow(AuditEntryError);
  });

  it('refuse what does not fit the format', () => {
    const refused = (fields: Partial<AuditFields>) => () => nextEntry(null, { ...login(1), ...fields } as AuditFields);
    expect(refused({ action: 'order.bribe' as never })).toThrow(/unknown audit action/);
    expect(refused({ actor: { id: 'S1', role: 'root' as never } })).toThrow(/unknown staff role/);
    expect(refused({ actor: { id: '', role: 'agent' } })).toThrow(/id of 1 to 128/);
    expect(refused({ actor: { kind: 'hub' as never } })).toThrow(/unknown audit actor kind/);
    expect(refused({ at: 1.5 })).toThrow(/whole milliseconds/);
    expect(refused({ target: 't'.repeat(MAX_TARGET_LENGTH + 1) })).toThrow(/target/);
    expect(refused({ detail: { n: Number.NaN } })).toThrow(/not JSON/);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain, sync or async, and reports its head', async () => {
    const entries = chainOf(12);
    async function* paged() {
      yield* entries;
    }
    for (const source of [entries, paged()]) {
      expect(await verifyChain(source)).toEqual({ ok: true, length: 12, head: { seq: 12, hash: entries[11].hash }, violations: [], omittedViolations: 0 });
    }
    expect(await verifyChain([])).toEqual({ ok: true, length: 0, head: null, violations: [], omittedViolations: 0 });
  });

  it('pinpoints an edited entry', async () => {
    const entries = chainOf(8);
    entries[3] = { ...entries[3], detail: { n: 999 } };
    expect(problems(await verifyChain(entries))).toEqual([[4, 'hash_mismatch']]);
  });

  it('pinpoints an entry edited and re-hashed: the next one no longer links to it', async () => {
    const entries = chainOf(8);
    const edited = { ...entries[3], actor: { id: 'S7', role: 'admin' as const } };
    entries[3] = { ...edited, hash: entryHash(edited) };
    expect(problems(await verifyChain(entries))).toEqual([[5, 'broken_link']]);
  });

  it('pinpoints a deleted entry as a gap and a broken link, the first one included', async () => {
    const entries = chainOf(8);
    expect(problems(await verifyChain(entries.filter((e) => e.seq !== 5)))).toEqual([
      [6, 'sequence_gap'],
      [6, 'broken_link'],
    ]);
    expect(problems(await verifyChain(entries.slice(1)))).toEqual([
      [2, 'sequence_gap'],
      [2, 'broken_link'],
    ]);
  });

  it('pinpoints a deletion hidden by renumbering the rows after it', async () => {
    const entries = chainOf(8);
    const renumbered = [...entries.slice(0, 4), ...entries.slice(5).map((e) => ({ ...e, seq: e.seq - 1 }))];
    expect(problems(await verifyChain(renumbered))).toEqual([
      [5, 'sequence_gap'],
      [5, 'broken_link'],
      [5, 'renumbered'],
    ]);
  });

  it('cannot see a deleted last entry alone, but does against a recorded head', async () => {
    const entries = chainOf(8);
    const head = { seq: 8, hash: entries[7].hash };
    const truncated = entries.slice(0, 7);
    expect((await verifyChain(truncated)).ok).toBe(true);
    const report = await verifyChain(truncated, { expectedHead: head });
    expect(problems(report)).toEqual([[8, 'head_mismatch']]);
    expect(report.violations[0].message).toMatch(/chain ends at seq 7/);
    expect((await verifyChain(entries, { expectedHead: head })).ok).toBe(true);
    expect((await verifyChain(chainOf(10), { expectedHead: head })).ok).toBe(true);
  });

  it('pinpoints a reordered pair, swapped in place or in the order read', async () => {
    const entries = chainOf(8);
    const swappedInPlace = withContentOf(withContentOf(entries, 4, entries[4]), 5, entries[3]);
    expect(problems(await verifyChain(swappedInPlace))).toEqual([
      [4, 'reordered'],
      [5, 'reordered'],
    ]);
    const readOutOfOrder = [...entries.slice(0, 3), entries[4], entries[3], ...entries.slice(5)];
    expect(problems(await verifyChain(readOutOfOrder))).toEqual([
      [4, 'reordered'],
      [5, 'reordered'],
    ]);
  });

  it('pinpoints an inserted entry, with or without the rows after it renumbered', async () => {
    const entries = chainOf(8);
    expect(problems(await verifyChain(withInserted(entries, 3)))).toEqual([
      [4, 'inserted'],
      [5, 'renumbered'],
    ]);
    const forged = withInserted(entries, 3)[3];
    expect(problems(await verifyChain([...entries.slice(0, 3), forged, ...entries.slice(3)]))).toEqual([[4, 'inserted']]);
  });

  it('cannot see a tail rewritten and re-hashed alone, but does against a recorded head', async () => {
    const entries = chainOf(8);
    const rewritten = entries.slice(0, 3);
    for (const e of withInserted(entries, 3).slice(3)) rewritten.push(nextEntry(rewritten.at(-1)!, e));
    expect((await verifyChain(rewritten)).ok).toBe(true);
    expect(problems(await verifyChain(rewritten, { expectedHead: { seq: 8, hash: entries[7].hash } }))).toEqual([[8, 'head_mismatch']]);
  });

  it('treats junk it cannot hash as an edit and keeps the report bounded', async () => {
    const entries = chainOf(MAX_REPORTED_VIOLATIONS + 20);
    const junk = entries.map((e) => ({ ...e, at: Number.NaN }));
    const report = await verifyChain(junk);
    expect(report.violations).toHaveLength(MAX_REPORTED_VIOLATIONS);
    expect(report.violations.every((v) => v.problem === 'hash_mismatch')).toBe(true);
    expect(report.omittedViolations).toBe(20);
  });
});

const actorArb: fc.Arbitrary<AuditActor> = fc.oneof(
  fc.record({ id: fc.string({ minLength: 1, maxLength: 12 }), role: fc.constantFrom(...ROLES) }),
  fc.record({ kind: fc.constantFrom('system' as const, 'marketplace' as const) }),
);
const fieldsArb: fc.Arbitrary<AuditFields> = fc.record(
  {
    at: fc.integer({ min: 0, max: 2 ** 42 }),
    actor: actorArb,
    action: fc.constantFrom(...AUDIT_ACTIONS),
    target: fc.string({ minLength: 1, maxLength: 20 }),
    detail: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  },
  { requiredKeys: ['at', 'actor', 'action', 'detail'] },
);
const chainArb = fc.array(fieldsArb, { minLength: 1, maxLength: 16 }).map((list) => {
  const entries: AuditEntry[] = [];
  for (const fields of list) entries.push(nextEntry(entries.at(-1) ?? null, fields));
  return entries;
});

const flipHex = (hash: string) => (hash[0] === '0' ? '1' : '0') + hash.slice(1);
const otherThan = <T>(values: readonly T[], value: T) => values[(values.indexOf(value) + 1) % values.length];

/** Every field of an entry, each with an edit that changes it. */
const FIELD_EDITS: Record<keyof AuditEntry, (e: AuditEntry, n: number) => AuditEntry> = {
  seq: (e, n) => ({ ...e, seq: e.seq + (n % 2 === 0 ? 1 + (n % 4) : -1 - (n % 4)) }),
  at: (e, n) => ({ ...e, at: e.at + 1 + n }),
  actor: (e) => ({ ...e, actor: 'kind' in e.actor ? { id: 'S1', role: 'admin' } : { ...e.actor, role: otherThan(ROLES, e.actor.role) } }),
  action: (e) => ({ ...e, action: otherThan(AUDIT_ACTIONS, e.action) }),
  target: (e) => (e.target === undefined ? { ...e, target: 'order:O1' } : (({ target: _dropped, ...rest }) => rest)(e)),
  detail: (e) => ({ ...e, detail: { was: e.detail } }),
  prevHash: (e) => ({ ...e, prevHash: flipHex(e.prevHash) }),
  hash: (e) => ({ ...e, hash: flipHex(e.hash) }),
};

describe('verifyChain, properties', () => {
  it('detects any single-field edit of any entry, at that entry', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb, fc.nat(), fc.constantFrom(...(Object.keys(FIELD_EDITS) as (keyof AuditEntry)[])), fc.nat(), async (entries, pick, field, n) => {
        const index = pick % entries.length;
        const edited = FIELD_EDITS[field](entries[index], n);
        const report = await verifyChain(entries.map((e, i) => (i === index ? edited : e)));
        expect(report.ok).toBe(false);
        expect(report.violations.map((v) => v.seq)).toContain(edited.seq);
      }),
      fcOptions(),
    );
  });

  it('names a deletion, a swapped pair and an insertion exactly, wherever they are', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb.filter((c) => c.length >= 2), fc.nat(), async (entries, pick) => {
        const n = entries.length;
        const k = 1 + (pick % (n - 1)); // 1..n-1: an entry with one after it
        const head = { seq: n, hash: entries[n - 1].hash };
        expect(problems(await verifyChain(entries.filter((e) => e.seq !== k)))).toEqual([
          [k + 1, 'sequence_gap'],
          [k + 1, 'broken_link'],
        ]);
        expect(problems(await verifyChain(entries.slice(0, -1), { expectedHead: head }))).toEqual([[n, 'head_mismatch']]);
        expect(problems(await verifyChain(withContentOf(withContentOf(entries, k, entries[k]), k + 1, entries[k - 1])))).toEqual([
          [k, 'reordered'],
          [k + 1, 'reordered'],
        ]);
        expect(problems(await verifyChain(withInserted(entries, k - 1), { expectedHead: head }))).toEqual([
          [k, 'inserted'],
          [k + 1, 'renumbered'],
        ]);
      }),
      fcOptions(),
    );
  });
});

describe('console heads in the hub’s chain', () => {
  it('records a console head as a chain.head entry and reads it back', () => {
    const head = { consoleId: 'C-7', seq: 42, hash: 'a'.repeat(64) };
    const entry = nextEntry(null, consoleHeadFields(head, 9_000));
    expect(entry).toMatchObject({ action: 'chain.head', actor: { kind: 'system' }, target: 'console:C-7', at: 9_000 });
    expect(recordedConsoleHead(entry)).toEqual(head);
    expect(recordedConsoleHead(nextEntry(null, login(1)))).toBeNull();
  });

  it('refuses a head that is not one', () => {
    const head = { consoleId: 'C1', seq: 1, hash: 'a'.repeat(64) };
    expect(() => consoleHeadFields({ ...head, consoleId: 'C 1' }, 1)).toThrow(AuditEntryError);
    expect(() => consoleHeadFields({ ...head, seq: 0 }, 1)).toThrow(/positive integer/);
    expect(() => consoleHeadFields({ ...head, hash: 'A'.repeat(64) }, 1)).toThrow(/64 lowercase hex/);
  });
});
