/**
 * Notifications for new high-priority cases: which events count (a large or unauthorized-payment
 * dispute, a highest-level flag), read by sequence range from a real console replica; and the
 * rules of telling: nothing for the backlog, only the role's own cases, no case named while locked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESCROW_CONFIG } from '../../src/core/escrow/config.js';
import { CaseAlerts, caseNotification, type CaseNotification } from '../../src/main/host/case-alerts.js';
import { newHighPriorityCases } from '../../src/main/services/case-alerts.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import type { SyncStatus } from '../../src/shared/api/console.js';
import type { Role } from '../../src/shared/roles.js';
import { tempDir } from '../support/files.js';
import { Scenario } from '../support/scenario.js';

const tmp = tempDir('case-alerts');
let store: ConsoleStore;
/** Sequence numbers: the backlog ends at `backlog`, the live events run to `head`. */
let backlog = 0;
let head = 0;

beforeAll(async () => {
  const s = new Scenario();
  await s.shippedOrder('O-old', 900_000n);
  await s.openDispute('O-old', 'D-old', 900_000n);
  backlog = s.log.length;
  await s.shippedOrder('O-small', 10_000n);
  await s.openDispute('O-small', 'D-small', 5_000n);
  await s.shippedOrder('O-large', 800_000n);
  await s.openDispute('O-large', 'D-large', 600_000n);
  await s.shippedOrder('O-flag-high', 20_000n);
  await s.flag('O-flag-high', 80);
  await s.shippedOrder('O-flag-elevated', 20_000n);
  await s.flag('O-flag-elevated', 70);
  head = s.log.length;
  store = await ConsoleStore.open(tmp.file('console.db'));
  const outcome = await store.ledger.apply(s.log.map((e, i) => ({ ...e, seq: i + 1 })), { keepSeq: true });
  expect(outcome.results.every((r) => r === 'ok')).toBe(true);
});

afterAll(async () => {
  await store?.close();
  tmp.cleanup();
});

const status = (state: SyncStatus['state'], cursor: number): SyncStatus => ({ state, cursor, head: cursor, pending: 0, lastError: null, lastSyncAt: null, drift: null });

describe('new high-priority cases', () => {
  it('counts disputes above the four-eyes threshold and highest flags, in the range only', async () => {
    const found = await newHighPriorityCases(store.ledger.db.read, backlog, head, DEFAULT_ESCROW_CONFIG);
    expect(found).toEqual({ disputes: ['D-large'], disputeCount: 1, flags: ['O-flag-high'], flagCount: 1 });
    const all = await newHighPriorityCases(store.ledger.db.read, 0, head, DEFAULT_ESCROW_CONFIG);
    expect(all.disputes).toEqual(['D-old', 'D-large']);
  });

  it('tells each role of its own cases, and names none while locked', () => {
    const cases = { disputes: ['D1'], disputeCount: 1, flags: ['O9'], flagCount: 1 };
    expect(caseNotification(cases, 'agent', 'en', false)).toEqual({ title: 'Escrow Console', body: '1 new high-priority dispute: D1', kind: 'dispute' });
    expect(caseNotification(cases, 'risk', 'zh-CN', false)?.body).toBe('1 个新的最高级风险标记：O9');
    expect(caseNotification(cases, 'onboarding', 'en', false)).toBeNull();
    const locked = caseNotification(cases, 'agent', 'en', true)!;
    expect(locked.body).not.toContain('D1');
    expect(caseNotification({ disputes: ['D1', 'D2', 'D3'], disputeCount: 5, flags: [], flagCount: 0 }, 'agent', 'en', false)?.body).toBe('5 new high-priority disputes: D1, D2, D3 …');
  });

  it('stays quiet about the backlog and while catching up, then tells what arrives live', async () => {
    const published: CaseNotification[] = [];
    let role: Role | null = 'risk';
    const alerts = new CaseAlerts({
      read: () => store.ledger.db.read,
      config: DEFAULT_ESCROW_CONFIG,
      role: () => role,
      locked: () => false,
      language: () => 'en',
      publish: (n) => published.push(n),
      log: (m) => {
        throw new Error(m);
      },
    });
    alerts.onStatus(status('catching_up', 1));
    alerts.onStatus(status('online', backlog));
    alerts.onStatus(status('online', head));
    await alerts.settled();
    expect(published).toEqual([{ title: 'Escrow Console', body: '1 new highest-level risk flag: O-flag-high', kind: 'risk' }]);

    alerts.reset();
    role = 'agent';
    alerts.onStatus(status('online', backlog));
    alerts.onStatus(status('offline', backlog));
    alerts.onStatus(status('online', head));
    await alerts.settled();
    expect(published).toHaveLength(2);
    expect(published[1]).toMatchObject({ kind: 'dispute', body: '1 new high-priority dispute: D-large' });
  });
});
