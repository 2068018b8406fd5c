/**
 * Risk review over a real hub with simulator traffic: the risk officer's block list refuses
 * the known-bad devices and addresses; the rules flag the planted risky patterns and freeze
 * their holds; an officer clears one flag, refunds another as fraud and keeps a third, offline,
 * and another console sees it after sync; the backtest and the morning stats run offline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESCROW_CONFIG } from '../../src/core/escrow/config.js';
import { verifyLedger } from '../../src/core/ledger/verify.js';
import { invoke } from '../../src/main/app/app.js';
import type { HandlerContext } from '../../src/main/app/context.js';
import { handlers } from '../../src/main/app/handlers.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { HubClient } from '../../src/main/sync/hub-client.js';
import { SyncClient } from '../../src/main/sync/sync-client.js';
import type { Page, RiskRow } from '../../src/shared/api/console.js';
import type { StaffIdentity } from '../../src/shared/api/hub.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import type { Result } from '../../src/shared/result.js';
import { KNOWN_BAD_ADDRESSES, KNOWN_BAD_DEVICE_IDS } from '../../src/sim/catalog.js';
import { exited, spawnTs } from '../support/child.js';
import { tempDir } from '../support/files.js';
import { addStaffCli, MARKETPLACE_KEY, startHub, type HubProcess } from '../support/hub-process.js';

const tmp = tempDir('risk');
const hubDb = tmp.file('hub.db');
let hub: HubProcess;

interface Desk {
  store: ConsoleStore;
  sync: SyncClient;
  staff: StaffIdentity;
  call<T>(method: string, input?: unknown): Promise<Result<T>>;
}

async function desk(name: string, user: string): Promise<Desk> {
  const store = await ConsoleStore.open(tmp.file(`${name}.db`));
  const client = new HubClient(hub.url);
  const session = await client.signIn(user, `${user}-password-1`);
  const sync = new SyncClient(store, client);
  await sync.syncUntilCaughtUp();
  const ctx: HandlerContext = {
    store,
    session: () => session.staff,
    locked: () => false,
    now: Date.now,
    newId: createIdGenerator(),
    config: DEFAULT_ESCROW_CONFIG,
    queued: () => undefined,
    demo: false,
    log: () => undefined,
  };
  return { store, sync, staff: session.staff, call: (method, input = {}) => invoke(handlers, method, input, ctx) as never };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

interface SimSummary {
  rejected: Record<string, number>;
  risky_patterns: Record<string, Array<{ subject: string; order_ids: string[] }>>;
}
let summary: SimSummary;

beforeAll(async () => {
  hub = await startHub({ db: hubDb });
  for (const [name, role] of [['risk1', 'risk'], ['risk2', 'risk'], ['agent1', 'agent']]) await addStaffCli({ db: hubDb }, name, role);
  // The risk team's block list, before the day's traffic.
  const officer = await desk('lists', 'risk1');
  for (const [entityType, value] of [...KNOWN_BAD_DEVICE_IDS.map((d) => ['device', d]), ...KNOWN_BAD_ADDRESSES.map((a) => ['address', a.address])] as const) {
    const added = await officer.call('risk.decide', { command: { type: 'risk.list_add', entryId: createIdGenerator()(), data: { list: 'block', entityType, value, reason: 'known fraud', expiresAt: null } } });
    expect(added.ok).toBe(true);
  }
  await officer.sync.syncUntilCaughtUp();
  expect(await officer.store.pendingCount()).toBe(0);
  await officer.store.close();

  const sim = spawnTs('src/sim/cli.ts', ['--hub', hub.url, '--orders', '400', '--seed', 'risk-day', '--follow-clock'], { ESCROW_MARKETPLACE_KEY: MARKETPLACE_KEY });
  let out = '';
  sim.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  expect((await exited(sim)).code).toBe(0);
  summary = JSON.parse(out.trim().split('\n').pop()!) as SimSummary;
}, 300_000);

afterAll(async () => {
  await hub?.stop();
  tmp.cleanup();
});

describe('risk review over the hub', () => {
  it('refuses block-listed devices and addresses, and flags the planted patterns', async () => {
    expect(summary.rejected.blocked).toBeGreaterThan(0);
    const officer = await desk('officer-a', 'risk1');
    try {
      const flagged = new Set<string>();
      for (let page: Page<RiskRow> | null = null, after: string | undefined; ; ) {
        page = value(await officer.call<Page<RiskRow>>('risk.queue', { limit: 500, ...(after ? { after } : {}) }));
        for (const row of page.items) flagged.add(row.orderId);
        if (!page.next) break;
        after = page.next;
      }
      for (const kind of ['buyer_velocity', 'amount_anomaly', 'new_merchant_high_volume']) {
        const orders = summary.risky_patterns[kind].flatMap((p) => p.order_ids);
        expect(orders.some((id) => flagged.has(id)), `${kind}: one of ${orders.join(', ')} flagged`).toBe(true);
      }
      for (const orderId of flagged) expect((await officer.store.ledger.order(orderId))?.riskHoldReason ?? 'resolved', orderId).not.toBeNull();
    } finally {
      await officer.store.close();
    }
  });

  it('an officer clears, keeps and refunds as fraud offline; another console sees the decisions after sync', async () => {
    const officer = await desk('officer-b', 'risk1');
    const colleague = await desk('officer-c', 'risk2');
    try {
      const queue = value(await officer.call<Page<RiskRow>>('risk.queue', { limit: 10 }));
      const open = queue.items.filter((r) => r.status === 'open');
      expect(open.length).toBeGreaterThanOrEqual(3);
      const [clear, fraud, keep] = open;
      const detail = value(await officer.call<{ flag: { score: number }; buyerOrders: unknown[] }>('risk.get', { orderId: fraud.orderId }));
      expect(detail.flag.score).toBe(fraud.score);
      expect(detail.buyerOrders.length).toBeGreaterThan(0);
      // Offline: the hub is not asked until the sync below.
      for (const command of [
        { type: 'risk.clear', orderId: clear.orderId, data: { note: 'regular customer' } },
        { type: 'risk.refund_fraud', orderId: fraud.orderId, data: { note: 'card reported stolen' } },
        { type: 'risk.keep', orderId: keep.orderId, data: { note: 'asked the merchant for the invoice' } },
      ]) {
        expect((await officer.call('risk.decide', { command })).ok).toBe(true);
      }
      const pending = value(await officer.call<Page<RiskRow>>('risk.queue', { limit: 10 }));
      expect(pending.items.find((r) => r.orderId === clear.orderId)?.pendingSync).toBe(1);
      await officer.sync.syncUntilCaughtUp();
      await colleague.sync.syncUntilCaughtUp();
      expect(await colleague.store.ledger.order(clear.orderId)).toMatchObject({ riskHoldReason: null });
      expect(await colleague.store.ledger.order(fraud.orderId)).toMatchObject({ status: 'refunded', held: 0n });
      expect(await colleague.store.ledger.order(keep.orderId)).toMatchObject({ riskHoldReason: expect.any(String) });
      const lists = value(await colleague.call<Array<{ entityType: string; value: string; reason: string }>>('risk.lists', { list: 'block' }));
      expect(lists.some((e) => e.entityType === 'buyer' && e.value === fraud.buyerId && /fraud refund/.test(e.reason))).toBe(true);
      for (const d of [officer, colleague]) expect((await verifyLedger((sql, p) => d.store.ledger.db.read.all(sql, p))).failed).toEqual([]);
    } finally {
      await officer.store.close();
      await colleague.store.close();
    }
  });

  it('an agent cannot review risk flags, in the console and on the hub', async () => {
    const agent = await desk('agent', 'agent1');
    try {
      expect(await agent.call('risk.queue', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const direct = new HubClient(hub.url);
      await direct.signIn('agent1', 'agent1-password-1');
      const [answer] = await direct.commands([JSON.stringify({ id: createIdGenerator()(), expectedVersion: 1, command: { type: 'risk.clear', orderId: 'nope', data: {} } })]);
      expect(answer).toMatchObject({ status: 'rejected', code: 'forbidden' });
    } finally {
      await agent.store.close();
    }
  });

  it('backtests edited thresholds on the local history, offline, and reports the morning counts', async () => {
    const officer = await desk('officer-d', 'risk1');
    try {
      const current = value(await officer.call<{ total: { orders: number }; rules: Record<string, { flagged: number; precision: { numerator: number; denominator: number } }> }>('risk.backtest', {}));
      expect(current.total.orders).toBeGreaterThan(300);
      expect(current.rules.buyer_velocity.flagged).toBeGreaterThan(0);
      const stricter = value(await officer.call<{ levels: Record<string, { orders: number }> }>('risk.backtest', { elevatedAt: 40, highestAt: 90 }));
      expect(stricter.levels.elevated.orders).toBeGreaterThanOrEqual(0);
      const flaggedNow = Object.values(current.rules).reduce((n, r) => n + r.flagged, 0);
      const flaggedStricter = value(await officer.call<{ rules: Record<string, { flagged: number }> }>('risk.backtest', { elevatedAt: 40 }));
      expect(Object.values(flaggedStricter.rules).reduce((n, r) => n + r.flagged, 0)).toBeGreaterThanOrEqual(flaggedNow);
      await officer.store.close();

      const stats = spawnTs('src/main/cli/index.ts', ['stats', '--db', tmp.file('officer-d.db')]);
      let out = '';
      stats.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      expect((await exited(stats)).code).toBe(0);
      const report = JSON.parse(out) as { risk_flags: { unreviewed: number; by_status: Record<string, number> }; holds_frozen: { by_risk: number }; disputes: { open: number } };
      expect(report.risk_flags.by_status).toMatchObject({ cleared: 1, fraud: 1 });
      expect(report.risk_flags.unreviewed).toBeGreaterThan(0);
      expect(report.holds_frozen.by_risk).toBeGreaterThan(0);
    } finally {
      await officer.store.close().catch(() => undefined);
    }
  });
});
