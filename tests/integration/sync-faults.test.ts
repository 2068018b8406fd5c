/**
 * A console syncs through a seeded fault-injecting proxy (drops, delays, duplicates, reorders,
 * responses lost after the hub committed) while deciding 200 orders and delivering marketplace
 * intake: every command and intake event is applied exactly once, and the console and a
 * directly connected console both verify with the hub's checksum.
 *
 * Seed: ESCROW_FAULT_SEED (default 11); operations scale with ESCROW_FC_RUNS_SCALE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESCROW_CONFIG } from '../../src/core/escrow/config.js';
import { verifyLedger } from '../../src/core/ledger/verify.js';
import { decideStaffCommand } from '../../src/main/services/staff-commands.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { HubClient, HubError } from '../../src/main/sync/hub-client.js';
import { SyncClient } from '../../src/main/sync/sync-client.js';
import type { StaffCommand } from '../../src/shared/api/hub.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { tempDir } from '../support/files.js';
import { addStaffCli, intake, MARKETPLACE_KEY, ordersTraffic, startHub, type HubProcess } from '../support/hub-process.js';

const SEED = Number(process.env.ESCROW_FAULT_SEED ?? 11);
const DECISIONS = Math.round(200 * Math.max(1, Number(process.env.ESCROW_FC_RUNS_SCALE ?? 1)));
const tmp = tempDir('faults');
const hubDb = tmp.file('hub.db');
let hub: HubProcess;
let proxy: FaultProxy;

/** Retries an operation through the faulty network until it succeeds (bounded). */
async function eventually<T>(work: () => Promise<T>, what: string, attempts = 200): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof HubError) || error.kind !== 'transient') throw error;
      last = error;
    }
  }
  throw new Error(`${what} never succeeded: ${String(last)}`);
}

/** Marketplace intake through the proxy, retried like the simulator does. */
async function intakeThrough(url: string, events: unknown[]): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      const response = await fetch(`${url}/v1/marketplace/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-marketplace-key': MARKETPLACE_KEY },
        body: JSON.stringify({ events }),
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok) return;
    } catch {
      // dropped or lost: retry, intake is idempotent by event id
    }
  }
  throw new Error('intake never got through');
}

beforeAll(async () => {
  hub = await startHub({ db: hubDb });
  await addStaffCli({ db: hubDb }, 'agent1', 'agent');
  await intake(hub.url, ordersTraffic('F', DECISIONS));
  proxy = await startFaultProxy(hub.url, SEED);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await hub?.stop();
  tmp.cleanup();
});

describe('sync through a faulty network', () => {
  it(`applies ${DECISIONS} decisions and 150 intake events exactly once (seed ${SEED})`, async () => {
    const store = await ConsoleStore.open(tmp.file('faulty.db'));
    const hubClient = new HubClient(proxy.url, { timeoutMs: 1500 });
    const session = await eventually(() => hubClient.signIn('agent1', 'agent1-password-1'), 'sign-in');
    const client = new SyncClient(store, hubClient, { backoffBaseMs: 1, backoffMaxMs: 20, pushBatch: 3, pageSize: 97 });
    const decisions = { store, clock: Date.now, newId: createIdGenerator(), config: DEFAULT_ESCROW_CONFIG };
    const syncAll = () => eventually(() => client.syncUntilCaughtUp(), 'sync');
    try {
      await syncAll();
      const queued: string[] = [];
      for (let i = 0; i < DECISIONS; i += 1) {
        const orderId = `F${i}`;
        const command: StaffCommand =
          i % 3 === 0
            ? { type: 'order.refund', orderId, data: { amount: 100n, currency: 'CNY' } }
            : i % 3 === 1
              ? { type: 'order.release', orderId, data: { currency: 'CNY' } }
              : { type: 'order.refund', orderId, data: { amount: BigInt(1000 + i * 37), currency: 'CNY' } };
        const result = await decideStaffCommand(decisions, session.staff, command);
        expect(result.ok, JSON.stringify(result)).toBe(true);
        if (result.ok) queued.push(result.value.id);
        if (i % 5 === 0) await eventually(() => client.pushOnce(), 'push');
        if (i % 20 === 0) {
          await intakeThrough(proxy.url, ordersTraffic(`G${i}-`, 5)); // 10 events per call
        }
      }
      for (let round = 0; round < 500 && (await store.pendingCount()) > 0; round += 1) {
        await store.ledger.db.withWriter((c) => c.run("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'"));
        await client.pushOnce().catch(() => undefined);
      }
      const status = await syncAll();
      expect(status.pending).toBe(0);
      const entries = await store.entries('all', 500);
      expect(entries.filter((e) => queued.includes(e.id)).map((e) => e.status)).toEqual(queued.map(() => 'accepted'));

      // The hub's log: exactly one event per command and per intake event.
      const direct = new HubClient(hub.url);
      await direct.signIn('agent1', 'agent1-password-1');
      const causes = new Map<string, number>();
      for (let after = 0; ; ) {
        const page = await direct.events(after, 5000, 0);
        for (const e of page.events as Array<{ causationId?: string }>) if (e.causationId) causes.set(e.causationId, (causes.get(e.causationId) ?? 0) + 1);
        if (page.events.length === 0) break;
        after = page.next;
      }
      for (const id of queued) expect(causes.get(id), `command ${id}`).toBe(1);
      const intakeIds = [...causes.keys()].filter((id) => id.startsWith('G'));
      expect(intakeIds).toHaveLength(Math.ceil(DECISIONS / 20) * 10);
      expect([...causes.values()].every((n) => n === 1)).toBe(true);

      // Both consoles verify with the hub's checksum.
      const control = await ConsoleStore.open(tmp.file('direct.db'));
      try {
        await new SyncClient(control, direct).syncUntilCaughtUp();
        const head = ((await (await fetch(`${hub.url}/v1/health`)).json()) as { head: { checksum: string } }).head;
        for (const s of [store, control]) {
          const report = await verifyLedger((sql, params) => s.ledger.db.read.all(sql, params));
          expect(report.failed).toEqual([]);
          expect(report.checksum).toBe(head.checksum);
        }
      } finally {
        await control.close();
      }
      for (const fault of ['delay', 'drop', 'lose_response', 'duplicate', 'reorder'] as const) expect(proxy.counts[fault], `${fault} in ${JSON.stringify(proxy.counts)}`).toBeGreaterThanOrEqual(2);
    } finally {
      await store.close();
    }
  }, 600_000);
});
