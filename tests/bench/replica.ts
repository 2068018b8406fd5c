/**
 * The synthetic console replica the queue and UI benchmarks read (tests/bench/queues.ts,
 * tests/bench/ui.ts): rows written straight into the same tables and indexes the ledger writes
 * (applying three million events through the ledger would only make the setup slow), with
 * realistic shapes: 2 % disputed, 1.5 % risk-flagged, ten thousand merchants, Zipf-ish.
 * Each order also has its events and transfers (paid: a hold; released: the post and the fee),
 * written through the console's triggers as the ledger writes them, so the overview's day
 * figures are the ones a replica of that size holds; merchants, their applications (and some
 * still waiting) and payouts give global search its names and ids.
 * It is built once per size and reused (`<dir>/queues-v2-<orders>.db`): a million orders take
 * minutes.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { insertMany } from '../../src/core/db/sqlite.js';
import { DAY_MS } from '../../src/core/escrow/config.js';
import type { OrderState } from '../../src/core/escrow/state.js';
import type { DisputeState } from '../../src/core/disputes/state.js';
import { disputeShape, orderShape, riskFlagShape } from '../../src/core/ledger/rows.js';
import type { RiskFlagState } from '../../src/core/riskreview/state.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import { DISPUTE_REASONS } from '../../src/shared/escrow/order.js';
import { rng } from '../support/driver.js';

/** Orders are paid from T0 over 58 days; the replica's "now" is two days after the last. */
export const REPLICA_T0 = Date.UTC(2026, 9, 1);
export const REPLICA_NOW = REPLICA_T0 + 60 * DAY_MS;
const CHUNK = 20_000;
const MERCHANTS = 10_000;
/** Applications still waiting (their merchants are not onboarded yet). */
const WAITING_APPLICATIONS = 2_000;
const PAYOUTS = 50_000;

const CITIES = ['Shanghai', 'Shenzhen', 'Hangzhou', 'Suzhou', 'Beijing', 'Guangzhou', 'Chengdu', 'Wuhan', 'Xiamen', 'Nanjing', 'Ningbo', 'Qingdao'];
const WORDS = ['Silk Road', 'Golden Tea', 'Bright Star', 'Harbor', 'Jade', 'Lotus', 'Panda', 'Summit', 'River', 'Sunrise', 'Peony', 'Bamboo', 'Phoenix', 'Crane'];
const TRADES = ['Trading', 'Textiles', 'Foods', 'Electronics', 'Home Goods', 'Cosmetics', 'Sports'];
const CN_CITIES = ['上海', '深圳', '杭州', '苏州', '北京', '广州'];
const CN_WORDS = ['丝路', '金茶', '明星', '港湾', '翠玉', '莲花'];

function legalName(n: number): string {
  if (n % 5 === 4) return `${CN_CITIES[n % CN_CITIES.length]}${CN_WORDS[Math.floor(n / 6) % CN_WORDS.length]}贸易有限公司`;
  return `${CITIES[n % CITIES.length]} ${WORDS[Math.floor(n / 12) % WORDS.length]} ${TRADES[Math.floor(n / 168) % TRADES.length]} Co., Ltd. ${n}`;
}

type Row = Array<string | number | bigint | null>;
const EVENT_COLUMNS = ['seq', 'id', 'kind', 'aggregate_id', 'version', 'type', 'at', 'body', 'body_hash'];
const TRANSFER_COLUMNS = ['id', 'event_id', 'kind', 'debit_account_id', 'credit_account_id', 'amount', 'currency', 'pending_id', 'order_id', 'code', 'at'];
const BUYER_FUNDS = 'buyer_funds:CNY';
const FEES = 'platform_fees:CNY';
const BANK = 'bank_settlement:CNY';
const payable = (merchantId: string) => `merchant_payable:${merchantId}:CNY`;

/** The events and transfers the ledger would have written for these orders, disputes and flags. */
function ledgerRows(seq: { last: number }, orders: readonly OrderState[], disputes: readonly DisputeState[], flags: readonly RiskFlagState[]): { events: Row[]; transfers: Row[] } {
  const events: Row[] = [];
  const transfers: Row[] = [];
  const event = (kind: string, aggregateId: string, version: number, type: string, at: number, data: Record<string, string>) => {
    const id = `e${++seq.last}`;
    events.push([seq.last, id, kind, aggregateId, version, type, at, JSON.stringify({ aggregateId, type, data }), id]);
    return id;
  };
  for (const o of orders) {
    const paid = event('order', o.orderId, 1, 'order.paid', o.paidAt, { currency: 'CNY', amount: String(o.amount) });
    transfers.push([`${paid}.0`, paid, 'pending', BUYER_FUNDS, payable(o.merchantId), o.amount, 'CNY', null, o.orderId, 'hold', o.paidAt]);
    if (o.status !== 'released') continue;
    const at = o.paidAt + 5 * DAY_MS;
    const released = event('order', o.orderId, 3, 'order.released', at, { released: String(o.amount) });
    transfers.push([`${released}.0`, released, 'post', BUYER_FUNDS, payable(o.merchantId), o.amount, 'CNY', `${paid}.0`, o.orderId, 'release', at]);
    const fee = (o.amount * BigInt(o.feeBps)) / 10_000n;
    if (fee > 0n) transfers.push([`${released}.1`, released, 'single', payable(o.merchantId), FEES, fee, 'CNY', null, o.orderId, 'fee', at]);
  }
  for (const d of disputes) event('dispute', d.disputeId, 1, 'dispute.opened', d.openedAt, { currency: 'CNY' });
  for (const f of flags) event('risk', f.orderId, 1, 'risk.flagged', f.flaggedAt, { currency: 'CNY' });
  return { events, transfers };
}

/** Merchants (each with its approved application), applications still waiting, and payouts paid. */
async function buildDirectory(store: ConsoleStore): Promise<void> {
  const random = rng(7);
  const newId = createIdGenerator(() => REPLICA_T0);
  const json = JSON.stringify({ documents: [] });
  await store.ledger.db.transaction(async (tx) => {
    const accounts: Row[] = [[BUYER_FUNDS, 'buyer_funds', null, 'CNY', 0], [FEES, 'platform_fees', null, 'CNY', 0], [BANK, 'bank_settlement', null, 'CNY', 0]];
    const merchants: Row[] = [];
    const applications: Row[] = [];
    for (let n = 0; n < MERCHANTS; n += 1) {
      accounts.push([payable(`M${n}`), 'merchant_payable', `M${n}`, 'CNY', 0]);
      merchants.push([`M${n}`, 2, n % 50 === 0 ? 'suspended' : 'active', `A${n}`, legalName(n), 'standard', 'daily', 1000, '6222021234567890128', REPLICA_T0]);
      applications.push([`A${n}`, 2, `M${n}`, legalName(n), 'company', 'b2c', 'approved', json, REPLICA_T0 - 30 * DAY_MS]);
    }
    for (let n = MERCHANTS; n < MERCHANTS + WAITING_APPLICATIONS; n += 1) {
      applications.push([`A${n}`, 1, `M${n}`, legalName(n), 'company', 'b2c', n % 3 === 0 ? 'information_requested' : 'submitted', json, REPLICA_NOW - Math.floor(random() * 20 * DAY_MS)]);
    }
    await insertMany(tx, 'accounts', ['id', 'kind', 'owner', 'currency', 'flags'], accounts);
    await insertMany(tx, 'merchants', ['merchant_id', 'version', 'status', 'application_id', 'legal_name', 'tier', 'payout_schedule', 'reserve_bps', 'bank_account', 'activated_at'], merchants);
    await insertMany(tx, 'applications', ['application_id', 'version', 'merchant_id', 'legal_name', 'entity_type', 'segment', 'status', 'application', 'received_at'], applications);
    const payouts: Row[] = [];
    const transfers: Row[] = [];
    for (let n = 0; n < PAYOUTS; n += 1) {
      const payoutId = newId();
      const merchantId = `M${Math.floor(MERCHANTS * random() ** 3)}`;
      const createdAt = REPLICA_T0 + Math.floor((n / PAYOUTS) * 58 * DAY_MS);
      const settledAt = createdAt + DAY_MS;
      const amount = BigInt(10_000 + Math.floor(random() * 5_000_000));
      payouts.push([payoutId, 3, merchantId, 'CNY', amount, 'paid', `${payoutId}.0`, createdAt, createdAt + 3_600_000, settledAt]);
      transfers.push([`${payoutId}.0`, payoutId, 'pending', payable(merchantId), BANK, amount, 'CNY', null, null, 'payout', createdAt]);
      transfers.push([`${payoutId}.1`, payoutId, 'post', payable(merchantId), BANK, amount, 'CNY', `${payoutId}.0`, null, 'payout', settledAt]);
    }
    await insertMany(tx, 'payouts', ['payout_id', 'version', 'merchant_id', 'currency', 'amount', 'status', 'hold_transfer_id', 'created_at', 'sent_at', 'settled_at'], payouts);
    await insertMany(tx, 'transfers', TRANSFER_COLUMNS, transfers);
  });
}

function orderAt(i: number, orders: number, random: () => number): OrderState {
  const merchant = Math.floor(10_000 * random() ** 3);
  const paidAt = REPLICA_T0 + Math.floor((i / orders) * 58 * DAY_MS);
  const amount = BigInt(500 + Math.floor(random() * 200_000));
  const open = paidAt > REPLICA_NOW - 12 * DAY_MS;
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

async function build(file: string, count: number): Promise<void> {
  const building = `${file}.building`;
  const seq = { last: 0 };
  for (const s of ['', '-wal', '-shm']) rmSync(building + s, { force: true });
  const store = await ConsoleStore.open(building);
  await buildDirectory(store);
  const random = rng(99);
  for (let start = 0; start < count; start += CHUNK) {
    const orders: OrderState[] = [];
    const disputes: DisputeState[] = [];
    const flags: RiskFlagState[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i += 1) {
      const order = orderAt(i, count, random);
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
      const { events, transfers } = ledgerRows(seq, orders, disputes, flags);
      await insertMany(tx, 'events', EVENT_COLUMNS, events);
      await insertMany(tx, 'transfers', TRANSFER_COLUMNS, transfers);
    });
  }
  await store.ledger.db.withWriter((c) => c.exec('ANALYZE'));
  await store.close();
  for (const s of ['', '-wal', '-shm']) if (existsSync(building + s)) renameSync(building + s, file + s);
}

/** The replica of `orders` orders in `dir`, built first when missing; `buildMs` is 0 when it was there. */
export async function ensureReplica(dir: string, orders: number): Promise<{ file: string; buildMs: number }> {
  const file = join(dir, `queues-v2-${orders}.db`);
  if (existsSync(file)) return { file, buildMs: 0 };
  const start = performance.now();
  await build(file, orders);
  return { file, buildMs: Math.round(performance.now() - start) };
}
