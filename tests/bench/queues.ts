/**
 * Queue and search timings on a console replica of 1,000,000 orders (run by tests/bench/run.ts).
 * The replica is synthetic: rows written straight into the same tables and indexes the ledger
 * writes (applying three million events through the ledger would only make the setup slow),
 * with realistic shapes: 2 % disputed, 1.5 % risk-flagged, ten thousand merchants, Zipf-ish.
 * It is built once and reused (bench-results/queues-<orders>.db). Prints one JSON object.
 * Usage: queues.ts --orders N --dir DIR
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseOptions } from '../../src/core/cli-args.js';
import { insertMany } from '../../src/core/db/sqlite.js';
import { DAY_MS } from '../../src/core/escrow/config.js';
import type { OrderState } from '../../src/core/escrow/state.js';
import type { DisputeState } from '../../src/core/disputes/state.js';
import { disputeShape, orderShape, riskFlagShape } from '../../src/core/ledger/rows.js';
import type { RiskFlagState } from '../../src/core/riskreview/state.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { disputeCounts, disputeQueue, riskQueue } from '../../src/main/services/queues.js';
import { morningStats } from '../../src/main/services/stats.js';
import { disputeQueueQuerySchema } from '../../src/shared/api/console.js';
import { DISPUTE_REASONS } from '../../src/shared/escrow/order.js';
import { rng } from '../support/driver.js';

const options = parseOptions(process.argv.slice(2), { orders: { value: true, required: true }, dir: { value: true, required: true } });
const ORDERS = Number(options.orders);
const file = join(options.dir as string, `queues-${ORDERS}.db`);
const T0 = Date.UTC(2026, 9, 1);
const NOW = T0 + 60 * DAY_MS;
const CHUNK = 20_000;

function orderAt(i: number, random: () => number): OrderState {
  const merchant = Math.floor(10_000 * random() ** 3);
  const paidAt = T0 + Math.floor((i / ORDERS) * 58 * DAY_MS);
  const amount = BigInt(500 + Math.floor(random() * 200_000));
  const open = paidAt > NOW - 12 * DAY_MS;
  return {
    orderId: `O${String(i).padStart(8, '0')}`,
    version: open ? 2 : 3,
    status: open ? 'shipped' : 'released',
    buyerId: `B${Math.floor(random() * 300_000)}`,
    merchantId: `M${merchant}`,
    currency: 'CNY',
    amount,
    held: open ? amount : 0n,
    refunded: 0n,
    released: open ? 0n : amount,
    fee: 0n,
    reserve: 0n,
    feeBps: 60,
    reserveBps: 0,
    reserveDueAt: null,
    holdTransferId: open ? `h${i}.0` : null,
    paidAt,
    shippingMethod: 'express',
    trackingNo: null,
    shippedAt: paidAt + 3_600_000,
    confirmDueAt: open ? paidAt + 10 * DAY_MS : null,
    pausedRemainingMs: null,
    extensionUsed: false,
    dispute: null,
    riskHoldReason: null,
    buyerRegion: null,
    shippingRegion: `CN-${Math.floor(random() * 30)}`,
    deviceId: null,
    shippingAddress: null,
    updatedAt: paidAt,
  };
}

async function build(): Promise<void> {
  const building = `${file}.building`;
  for (const s of ['', '-wal', '-shm']) rmSync(building + s, { force: true });
  const store = await ConsoleStore.open(building);
  const random = rng(99);
  for (let start = 0; start < ORDERS; start += CHUNK) {
    const orders: OrderState[] = [];
    const disputes: DisputeState[] = [];
    const flags: RiskFlagState[] = [];
    for (let i = start; i < Math.min(ORDERS, start + CHUNK); i += 1) {
      const order = orderAt(i, random);
      const roll = random();
      if (roll < 0.02) {
        const open = order.holdTransferId !== null;
        order.dispute = open ? { disputeId: `D${i}`, kind: 'dispute', reason: DISPUTE_REASONS[i % 7], claimedAmount: order.amount, openedAt: order.paidAt + DAY_MS } : null;
        disputes.push({
          disputeId: `D${i}`, version: 1, orderId: order.orderId, buyerId: order.buyerId, merchantId: order.merchantId, currency: 'CNY', heldAtOpen: order.amount,
          kind: 'dispute', reason: DISPUTE_REASONS[i % 7], claimedAmount: order.amount, status: open ? 'open' : 'resolved_release', openedAt: order.paidAt + DAY_MS,
          deadlineAt: open ? order.paidAt + 4 * DAY_MS : null, assignee: open && i % 3 === 0 ? { id: `agent-${i % 20}`, role: 'agent' } : null, proposal: null,
          refundAmount: 0n, releaseAmount: open ? 0n : order.amount, messages: 1, lastMessageAt: order.paidAt + DAY_MS, updatedAt: order.paidAt + DAY_MS,
        });
      } else if (roll < 0.035) {
        const open = order.holdTransferId !== null;
        if (open) order.riskHoldReason = 'risk score 70';
        flags.push({
          orderId: order.orderId, version: 1, buyerId: order.buyerId, merchantId: order.merchantId, amount: order.amount, currency: 'CNY', score: 65 + (i % 30),
          level: i % 30 >= 10 ? 'highest' : 'elevated', findings: [{ rule: 'buyer_velocity', points: 70, reason: 'many orders' }], status: open ? 'open' : 'cleared',
          flaggedAt: order.paidAt, reviewedBy: null, reviewedAt: null, note: null,
        });
      }
      orders.push(order);
    }
    await store.ledger.db.transaction(async (tx) => {
      await insertMany(tx, 'orders', orderShape.columns, orders.map(orderShape.toRow));
      await insertMany(tx, 'disputes', disputeShape.columns, disputes.map(disputeShape.toRow));
      await insertMany(tx, 'risk_flags', riskFlagShape.columns, flags.map(riskFlagShape.toRow));
    });
  }
  await store.ledger.db.withWriter((c) => c.exec('ANALYZE'));
  await store.close();
  for (const s of ['', '-wal', '-shm']) if (existsSync(building + s)) renameSync(building + s, file + s);
}

async function time(fn: () => Promise<unknown>, runs = 25): Promise<{ p50: number; p95: number }> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] * 100) / 100;
  return { p50: at(50), p95: at(95) };
}

const buildStart = performance.now();
if (!existsSync(file)) await build();
const buildMs = Math.round(performance.now() - buildStart);
const store = await ConsoleStore.open(file);
const db = store.ledger.db.read;
const queue = (filter: Record<string, unknown>) => () => disputeQueue(db, disputeQueueQuerySchema.parse({ limit: 50, ...filter }), 'agent-3', NOW);
const figures: Record<string, unknown> = { queues_orders: ORDERS, queues_build_ms: buildMs };
const cases: Array<[string, () => Promise<unknown>]> = [
  ['dispute_queue', queue({})],
  ['dispute_queue_overdue', queue({ overdue: true })],
  ['dispute_queue_reason', queue({ reason: 'damaged' })],
  ['dispute_queue_assignee_me', queue({ assignee: 'me' })],
  ['dispute_queue_merchant', queue({ merchantId: 'M7' })],
  ['dispute_queue_amount_range', queue({ minAmount: '100000', maxAmount: '120000' })],
  ['dispute_queue_opened_range', queue({ openedFrom: NOW - 10 * DAY_MS, openedTo: NOW - 9 * DAY_MS })],
  ['dispute_queue_resolved', queue({ status: 'resolved_release' })],
  ['dispute_counts', () => disputeCounts(db, NOW)],
  ['risk_queue', () => riskQueue(db, { status: 'unreviewed', limit: 50 })],
  ['risk_queue_highest', () => riskQueue(db, { status: 'unreviewed', level: 'highest', limit: 50 })],
  ['morning_stats', () => morningStats(db, NOW)],
];
const all: number[] = [];
for (const [name, fn] of cases) {
  const { p50, p95 } = await time(fn);
  figures[`${name}_p50_ms`] = p50;
  figures[`${name}_p95_ms`] = p95;
  all.push(p95);
}
figures.queues_worst_p95_ms = Math.max(...all);
await store.close();
process.stdout.write(`${JSON.stringify(figures)}\n`);
