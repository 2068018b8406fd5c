/**
 * SIGKILL of a syncing console (`console sync`) at seeded moments, 20 times (more with
 * ESCROW_CRASH_ROUNDS): after every kill the local database is intact and verifies; after the
 * last restart the console has converged to the hub (equal checksums) and every queued command
 * was applied exactly once. Seed: ESCROW_CRASH_SEED.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESCROW_CONFIG } from '../../src/core/escrow/config.js';
import { verifyLedger } from '../../src/core/ledger/verify.js';
import { decideStaffCommand } from '../../src/main/services/staff-commands.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { HubClient } from '../../src/main/sync/hub-client.js';
import { SyncClient } from '../../src/main/sync/sync-client.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import { exited, spawnTs } from '../support/child.js';
import { rng } from '../support/driver.js';
import { tempDir } from '../support/files.js';
import { addStaffCli, intake, ordersTraffic, startHub, type HubProcess } from '../support/hub-process.js';

const ROUNDS = Number(process.env.ESCROW_CRASH_ROUNDS ?? 20);
const SEED = Number(process.env.ESCROW_CRASH_SEED ?? 7);
const tmp = tempDir('sync-crash', 'disk');
const hubDb = tmp.file('hub.db');
let hub: HubProcess;

beforeAll(async () => {
  hub = await startHub({ db: hubDb });
  await addStaffCli({ db: hubDb }, 'agent1', 'agent');
  for (let chunk = 0; chunk < 4; chunk += 1) await intake(hub.url, ordersTraffic(`K${chunk}-`, 400));
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  tmp.cleanup();
});

describe('a syncing console killed at random moments', () => {
  it(`converges after ${ROUNDS} SIGKILLs with nothing duplicated (seed ${SEED})`, async () => {
    const file = tmp.file('console.db');
    const random = rng(SEED);
    // Decisions queued before the first start; they are pushed while the kills happen.
    const store = await ConsoleStore.open(file);
    const bootstrap = new HubClient(hub.url);
    const session = await bootstrap.signIn('agent1', 'agent1-password-1');
    await new SyncClient(store, bootstrap, { pageSize: 200 }).pullOnce(0);
    const queued: string[] = [];
    const decisions = { store, clock: Date.now, newId: createIdGenerator(), config: DEFAULT_ESCROW_CONFIG };
    for (let i = 0; i < 60; i += 1) {
      const result = await decideStaffCommand(decisions, session.staff, { type: 'order.refund', orderId: `K0-${i}`, data: { amount: 50n, currency: 'CNY' } });
      if (result.ok) queued.push(result.value.id);
    }
    expect(queued).toHaveLength(60);
    await store.close();

    const kills: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      if (round % 4 === 0) await intake(hub.url, ordersTraffic(`R${round}-`, 150)); // news to pull
      const child = spawnTs('src/main/cli/index.ts', ['sync', '--hub', hub.url, '--db', file, '--user', 'agent1'], {
        ESCROW_PASSWORD: 'agent1-password-1',
        ESCROW_SYNC_PAGE_SIZE: '40',
      });
      const delay = 600 + Math.floor(random() * 2500);
      kills.push(delay);
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      await exited(child);
      clearTimeout(timer);
      const reopened = await ConsoleStore.open(file);
      try {
        const integrity = await reopened.ledger.db.withWriter((c) => c.get<{ integrity_check: string }>('PRAGMA integrity_check'));
        expect(integrity?.integrity_check, `round ${round}`).toBe('ok');
        const report = await verifyLedger((sql, params) => reopened.ledger.db.read.all(sql, params));
        expect(report.failed, `round ${round}`).toEqual([]);
        const position = await reopened.position();
        expect(position.cursor, `round ${round}: cursor and events committed together`).toBe((await reopened.ledger.head()).seq);
      } finally {
        await reopened.close();
      }
    }

    // A last, uninterrupted run converges.
    const final = spawnTs('src/main/cli/index.ts', ['sync', '--hub', hub.url, '--db', file, '--user', 'agent1'], { ESCROW_PASSWORD: 'agent1-password-1' });
    let out = '';
    final.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    expect((await exited(final)).code).toBe(0);
    const summary = JSON.parse(out) as { checksum: string; cursor: number; pending: number; accepted: number };
    const head = ((await (await fetch(`${hub.url}/v1/health`)).json()) as { head: { seq: number; checksum: string } }).head;
    expect(summary).toMatchObject({ cursor: head.seq, checksum: head.checksum, pending: 0, accepted: 60 });

    const causes = new Map<string, number>();
    for (let after = 0; ; ) {
      const page = await bootstrap.events(after, 5000, 0);
      for (const e of page.events as Array<{ causationId?: string }>) if (e.causationId) causes.set(e.causationId, (causes.get(e.causationId) ?? 0) + 1);
      if (page.events.length === 0) break;
      after = page.next;
    }
    for (const id of queued) expect(causes.get(id), `command ${id}`).toBe(1);
    expect(kills).toHaveLength(ROUNDS);
  }, 600_000);
});
