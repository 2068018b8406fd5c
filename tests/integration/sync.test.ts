/**
 * Consoles syncing with a real hub process over HTTP: convergence to the hub's checksum,
 * concurrent decisions (one wins, the other gets `conflict` with the winning decision), an
 * offline queue drained in order exactly once, drift detection and resync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESCROW_CONFIG } from '../../src/core/escrow/config.js';
import { verifyLedger } from '../../src/core/ledger/verify.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { decideStaffCommand, type DecisionContext } from '../../src/main/services/staff-commands.js';
import { HubClient } from '../../src/main/sync/hub-client.js';
import { rebuildFromHub } from '../../src/main/sync/resync.js';
import { SyncClient } from '../../src/main/sync/sync-client.js';
import type { StaffIdentity, ConflictDetail } from '../../src/shared/api/hub.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import { exited, spawnTs } from '../support/child.js';
import { tempDir } from '../support/files.js';
import { addStaffCli, ADMIN, intake, ordersTraffic, startHub, type HubProcess } from '../support/hub-process.js';

const tmp = tempDir('sync');
const hubDb = tmp.file('hub.db');
let hub: HubProcess;

interface Console {
  store: ConsoleStore;
  hub: HubClient;
  client: SyncClient;
  staff: StaffIdentity;
  decisions: DecisionContext;
}

async function openConsole(name: string, user: string, password: string, url = hub.url): Promise<Console> {
  const store = await ConsoleStore.open(tmp.file(`${name}.db`));
  const hubClient = new HubClient(url, { timeoutMs: 5000 });
  const session = await hubClient.signIn(user, password);
  const client = new SyncClient(store, hubClient, { backoffBaseMs: 10, backoffMaxMs: 50 });
  return { store, hub: hubClient, client, staff: session.staff, decisions: { store, clock: Date.now, newId: createIdGenerator(), config: DEFAULT_ESCROW_CONFIG } };
}

async function hubHead(): Promise<{ seq: number; checksum: string }> {
  return ((await (await fetch(`${hub.url}/v1/health`)).json()) as { head: { seq: number; checksum: string } }).head;
}

beforeAll(async () => {
  hub = await startHub({ db: hubDb });
  await addStaffCli({ db: hubDb }, 'agent1', 'agent');
  await addStaffCli({ db: hubDb }, 'agent2', 'agent');
  await addStaffCli({ db: hubDb }, 'risk1', 'risk');
  const answers = await intake(hub.url, ordersTraffic('S', 120, { disputeEvery: 10 }));
  expect(answers.every((a) => a.status === 'accepted')).toBe(true);
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  tmp.cleanup();
});

describe('console sync', () => {
  it('two consoles converge to the hub: equal checksums, both verify', async () => {
    const a = await openConsole('conv-a', 'agent1', 'agent1-password-1');
    const b = await openConsole('conv-b', ADMIN.name, ADMIN.password);
    try {
      const [sa, sb] = await Promise.all([a.client.syncUntilCaughtUp(), b.client.syncUntilCaughtUp()]);
      const head = await hubHead();
      expect(sa).toMatchObject({ cursor: head.seq, drift: null, state: 'online' });
      expect(sb.cursor).toBe(head.seq);
      for (const c of [a, b]) {
        const report = await verifyLedger((sql, params) => c.store.ledger.db.read.all(sql, params));
        expect(report.failed).toEqual([]);
        expect(report.checksum).toBe(head.checksum);
        expect(report.orders).toBe(120);
      }
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });

  it('the running sync loops load the staff directory (the assignees of disputes) when they start', async () => {
    const a = await openConsole('directory', 'agent1', 'agent1-password-1');
    try {
      expect(await a.store.staffDirectory()).toEqual([]);
      const client = new SyncClient(a.store, a.hub, { longPollMs: 200 });
      client.start();
      for (let i = 0; i < 100 && (await a.store.staffDirectory()).length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
      await client.stop();
      const names = (await a.store.staffDirectory()).map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(['agent1', 'agent2', 'risk1']));
    } finally {
      await a.store.close();
    }
  });

  it('stopping the loops ends a long poll waiting on the hub at once (sign-out does not wait for it)', async () => {
    const a = await openConsole('stop', 'agent1', 'agent1-password-1');
    try {
      const client = new SyncClient(a.store, a.hub, { longPollMs: 20_000 });
      await client.syncUntilCaughtUp();
      client.start();
      // Let the pull loop reach its long poll at the head, then stop.
      await new Promise((r) => setTimeout(r, 500));
      const began = Date.now();
      await client.stop();
      expect(Date.now() - began).toBeLessThan(2000);
      expect(client.current.state).toBe('online');
    } finally {
      await a.store.close();
    }
  });

  it('two consoles decide the same dispute at once: one is accepted, the other gets conflict with the winning decision', async () => {
    const a = await openConsole('race-a', 'agent1', 'agent1-password-1');
    const b = await openConsole('race-b', 'agent2', 'agent2-password-1');
    try {
      await Promise.all([a.client.syncUntilCaughtUp(), b.client.syncUntilCaughtUp()]);
      const orderId = 'S10'; // disputed by the traffic
      expect((await a.store.ledger.order(orderId))?.dispute).not.toBeNull();
      const fromA = await decideStaffCommand(a.decisions, a.staff, { type: 'order.refund', orderId, data: { amount: 500n, currency: 'CNY' } });
      const fromB = await decideStaffCommand(b.decisions, b.staff, { type: 'order.release', orderId, data: { currency: 'CNY' } });
      expect(fromA.ok && fromB.ok).toBe(true);
      await Promise.all([a.client.pushOnce(), b.client.pushOnce()]);
      const [entryA] = await a.store.entries('all', 1);
      const [entryB] = await b.store.entries('all', 1);
      const statuses = [entryA.status, entryB.status].sort();
      expect(statuses).toEqual(['accepted', 'rejected']);
      const loser = entryA.status === 'rejected' ? entryA : entryB;
      const winner = entryA.status === 'accepted' ? entryA : entryB;
      expect(loser.answer).toMatchObject({ status: 'rejected', code: 'conflict' });
      const detail = (loser.answer as { detail: ConflictDetail }).detail;
      expect(detail.winning.map((w) => w.causationId)).toContain(winner.id);
      // The loser's console then sees the winning decision in its ledger.
      await Promise.all([a.client.syncUntilCaughtUp(), b.client.syncUntilCaughtUp()]);
      const order = await (loser === entryA ? a : b).store.ledger.order(orderId);
      expect(order?.version).toBe(detail.currentVersion);
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });

  it('an offline console queues decisions; on reconnect each is applied exactly once, in order', async () => {
    const online = await openConsole('offline', 'agent1', 'agent1-password-1');
    await online.client.syncUntilCaughtUp();
    await online.store.close();
    // The same console, pointed at a hub address that does not answer (offline).
    const store = await ConsoleStore.open(tmp.file('offline.db'));
    const offlineHub = new HubClient('http://127.0.0.1:9', { timeoutMs: 500 });
    offlineHub.token = 'x'.repeat(43);
    offlineHub.staffId = online.staff.id;
    const offline = new SyncClient(store, offlineHub, { backoffBaseMs: 1, backoffMaxMs: 5 });
    const decisions: DecisionContext = { store, clock: Date.now, newId: createIdGenerator(), config: DEFAULT_ESCROW_CONFIG };
    const staff = online.staff;
    const queued: string[] = [];
    for (const orderId of ['S20', 'S30', 'S40']) {
      // Two decisions on one order: a partial refund, then the release of the rest.
      const refund = await decideStaffCommand(decisions, staff, { type: 'order.refund', orderId, data: { amount: 100n, currency: 'CNY' } });
      const release = await decideStaffCommand(decisions, staff, { type: 'order.release', orderId, data: { currency: 'CNY' } });
      expect(refund.ok && release.ok).toBe(true);
      if (refund.ok && release.ok) {
        expect(release.value.expectedVersion).toBe(refund.value.expectedVersion + 1);
        queued.push(refund.value.id, release.value.id);
      }
    }
    await offline.pushOnce();
    expect(offline.current.state).toBe('offline');
    expect(await store.pendingCount()).toBe(6);
    await store.close();

    const back = await openConsole('offline', 'agent1', 'agent1-password-1');
    try {
      // Sending twice (as a retry would) must not apply anything twice.
      await back.store.ledger.db.withWriter((c) => c.run("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'"));
      const status = await back.client.syncUntilCaughtUp();
      expect(status.pending).toBe(0);
      const entries = (await back.store.entries('all', 50)).filter((e) => queued.includes(e.id)).reverse();
      expect(entries.map((e) => e.status)).toEqual(queued.map(() => 'accepted'));
      const seqs = entries.map((e) => (e.answer as { seqs: number[] }).seqs[0]);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs); // applied in queue order
      // Re-sending the same commands answers the first answers, nothing new in the log.
      const head = await hubHead();
      const resent = await back.client.hub.commands(entries.map((e) => e.request));
      expect(resent.map((a) => a.status)).toEqual(queued.map(() => 'accepted'));
      expect(await hubHead()).toEqual(head);
      for (const orderId of ['S20', 'S30', 'S40']) expect(await back.store.ledger.order(orderId)).toMatchObject({ status: 'released', refunded: 100n });
    } finally {
      await back.store.close();
    }
  });

  it('detects drift with a clear alarm and resync rebuilds the ledger from the hub, keeping the outbox', async () => {
    const c = await openConsole('drift', 'agent1', 'agent1-password-1');
    await c.client.syncUntilCaughtUp();
    // Corrupt the local ledger behind the store's back; queue a decision that must survive.
    await c.store.ledger.db.withWriter((conn) => conn.run("UPDATE ledger_meta SET value = ? WHERE key = 'digest'", ['f'.repeat(64)]));
    const queued = await decideStaffCommand(c.decisions, c.staff, { type: 'order.refund', orderId: 'S51', data: { amount: 100n, currency: 'CNY' } });
    expect(queued.ok).toBe(true);
    const status = await c.client.syncUntilCaughtUp();
    expect(status.state).toBe('drift');
    expect(status.lastError).toMatch(/disagrees with the hub.*resync/);
    const rebuilt = await rebuildFromHub(c.store, tmp.file('drift.db'), c.client.hub);
    try {
      c.client.replaceStore(rebuilt);
      const after = await c.client.syncUntilCaughtUp();
      expect(after.drift).toBeNull();
      expect((await rebuilt.ledger.head()).checksum).toBe((await hubHead()).checksum);
      expect((await rebuilt.ledger.order('S51'))?.refunded).toBe(100n);
    } finally {
      await rebuilt.close();
    }
  });

  it('`console sync` then `console verify` report the checksum of the hub', async () => {
    const file = tmp.file('cli.db');
    const sync = spawnTs('src/main/cli/index.ts', ['sync', '--hub', hub.url, '--db', file, '--user', 'agent2'], { ESCROW_PASSWORD: 'agent2-password-1' });
    let out = '';
    sync.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    expect((await exited(sync)).code).toBe(0);
    const summary = JSON.parse(out) as { cursor: number; checksum: string };
    const head = await hubHead();
    expect(summary).toMatchObject({ cursor: head.seq, checksum: head.checksum });
    const verify = spawnTs('src/main/cli/index.ts', ['verify', '--db', file]);
    let report = '';
    verify.stdout!.on('data', (d: Buffer) => (report += d.toString()));
    expect((await exited(verify)).code).toBe(0);
    expect(JSON.parse(report)).toMatchObject({ ok: true, checksum: head.checksum });
  });
});
