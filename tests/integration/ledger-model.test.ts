/**
 * Model test: random order histories against the real SQLite ledger and a plain in-memory
 * model written independently of the engine (its own legality rules and money arithmetic).
 * After every step: engine and model agree on accept/reject; debits = credits per currency;
 * no negative merchant payable; refunded <= paid; released + refunded + held = paid per order;
 * balances equal the model's; re-applying any prefix of the history changes nothing.
 *
 * Runs: 1000 (ESCROW_FC_RUNS_SCALE multiplies); seed fixed (ESCROW_FC_SEED replays a failure).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/escrow/config.js';
import type { OrderEvent } from '../../src/core/escrow/evolve.js';
import { accountId } from '../../src/core/ledger/accounts.js';
import { SqliteLedger } from '../../src/core/ledger/sqlite-ledger.js';
import { verifyLedger } from '../../src/core/ledger/verify.js';
import type { OrderCommand } from '../../src/shared/escrow/order.js';
import type { Currency } from '../../src/shared/money.js';
import { OrderDriver, T0 } from '../support/driver.js';
import { fcOptions } from '../support/fc.js';
import { tempDir } from '../support/files.js';

type Op =
  | { kind: 'pay'; order: number; merchant: number; amount: bigint; currency: Currency; feeBps: number; reserveBps: number }
  | { kind: 'ship'; order: number; method: 'express' | 'virtual' | 'surface' }
  | { kind: 'confirm' | 'auto_confirm' | 'extend' | 'withdraw' | 'risk_hold' | 'risk_clear'; order: number }
  | { kind: 'dispute'; order: number; percent: number }
  | { kind: 'refund' | 'release'; order: number; percent: number }
  | { kind: 'advance'; hours: number }
  | { kind: 'flush' };

const ORDERS = 4;
const order = fc.integer({ min: 0, max: ORDERS - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pay' as const), order, merchant: fc.integer({ min: 0, max: 1 }), amount: fc.oneof(fc.bigInt({ min: 1n, max: 10_000_00n }), fc.bigInt({ min: 1n, max: 10n ** 15n })), currency: fc.constantFrom<Currency>('CNY', 'JPY', 'KWD'), feeBps: fc.integer({ min: 0, max: 1000 }), reserveBps: fc.integer({ min: 0, max: 3000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('ship' as const), order, method: fc.constantFrom('express' as const, 'virtual' as const, 'surface' as const) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('confirm' as const, 'auto_confirm' as const, 'extend' as const, 'withdraw' as const, 'risk_hold' as const, 'risk_clear' as const), order }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dispute' as const), order, percent: fc.integer({ min: 1, max: 110 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('refund' as const, 'release' as const), order, percent: fc.integer({ min: 1, max: 110 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 35 * 24 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'flush' as const }) },
);

/** The model: plain bookkeeping with its own rules, no engine code. */
interface ModelOrder {
  merchant: string;
  currency: Currency;
  paid: bigint;
  held: bigint;
  refunded: bigint;
  released: bigint;
  feeBps: number;
  reserveBps: number;
  shipped: boolean;
  dueAt: number | null;
  pausedMs: number | null;
  extended: boolean;
  dispute: boolean;
  risk: boolean;
}

interface ModelBalances {
  payablePosted: bigint;
  payablePending: bigint;
  reserve: bigint;
}

const WINDOW_DAYS = { express: 10, virtual: 3, surface: 30 };

class Model {
  orders = new Map<string, ModelOrder>();
  balances = new Map<string, ModelBalances>(); // by merchant|currency

  balance(merchant: string, currency: Currency): ModelBalances {
    const key = `${merchant}|${currency}`;
    let b = this.balances.get(key);
    if (!b) this.balances.set(key, (b = { payablePosted: 0n, payablePending: 0n, reserve: 0n }));
    return b;
  }

  /** Returns whether the model accepts the operation, applying it if so. */
  step(op: Op, id: string, merchantIds: string[], now: number): boolean {
    if (op.kind === 'pay') {
      if (this.orders.has(id)) return false;
      const merchant = merchantIds[op.merchant];
      this.orders.set(id, { merchant, currency: op.currency, paid: op.amount, held: op.amount, refunded: 0n, released: 0n, feeBps: op.feeBps, reserveBps: op.reserveBps, shipped: false, dueAt: null, pausedMs: null, extended: false, dispute: false, risk: false });
      this.balance(merchant, op.currency).payablePending += op.amount;
      return true;
    }
    if (op.kind === 'advance' || op.kind === 'flush') return true;
    const o = this.orders.get(id);
    if (!o || o.held === 0n) return false;
    const b = this.balance(o.merchant, o.currency);
    const settle = (release: bigint) => {
      const fee = (release * BigInt(o.feeBps)) / 10_000n;
      const reserve = (release * BigInt(o.reserveBps)) / 10_000n;
      b.payablePending -= o.held;
      b.payablePosted += release - fee - reserve;
      b.reserve += reserve;
      o.released += release;
      o.refunded += o.held - release;
      o.held = 0n;
    };
    switch (op.kind) {
      case 'ship':
        if (o.shipped) return false;
        o.shipped = true;
        if (o.dispute) o.pausedMs = WINDOW_DAYS[op.method] * DAY_MS;
        else o.dueAt = now + WINDOW_DAYS[op.method] * DAY_MS;
        return true;
      case 'confirm':
      case 'auto_confirm':
        if (!o.shipped || o.dispute || o.risk) return false;
        if (op.kind === 'auto_confirm' && (o.dueAt === null || now < o.dueAt)) return false;
        settle(o.held);
        return true;
      case 'extend': {
        if (!o.shipped || o.dispute || o.risk || o.extended || o.dueAt === null) return false;
        const left = o.dueAt - now;
        if (left <= 0 || left > 3 * DAY_MS) return false;
        o.dueAt += 3 * DAY_MS;
        o.extended = true;
        return true;
      }
      case 'dispute': {
        if (o.dispute || claimOf(o.held, op.percent) > o.held) return false;
        o.dispute = true;
        o.pausedMs = o.dueAt === null ? o.pausedMs : Math.max(0, o.dueAt - now);
        o.dueAt = null;
        return true;
      }
      case 'withdraw':
        if (!o.dispute) return false;
        o.dispute = false;
        o.dueAt = o.pausedMs === null ? null : now + o.pausedMs;
        o.pausedMs = null;
        return true;
      case 'refund': {
        const amount = claimOf(o.held, op.percent);
        if (amount > o.held) return false;
        b.payablePending -= amount;
        o.refunded += amount;
        o.held -= amount;
        return true;
      }
      case 'release': {
        const amount = claimOf(o.held, op.percent);
        if (!o.shipped || o.risk || amount > o.held) return false;
        settle(amount);
        return true;
      }
      case 'risk_hold':
        if (o.risk) return false;
        o.risk = true;
        return true;
      case 'risk_clear':
        if (!o.risk) return false;
        o.risk = false;
        return true;
    }
  }
}

/** A percentage of the amount held, at least one minor unit; above 100 % it exceeds the hold. */
function claimOf(held: bigint, percent: number): bigint {
  const amount = (held * BigInt(percent)) / 100n;
  return amount < 1n ? 1n : amount;
}

function commandFor(op: Op, id: string, merchantIds: string[], model: Model): OrderCommand | null {
  const o = model.orders.get(id);
  const held = o?.held ?? 1n;
  const currency = o?.currency ?? 'CNY';
  switch (op.kind) {
    case 'pay':
      return { type: 'order.pay', orderId: id, data: { buyerId: 'B1', merchantId: merchantIds[op.merchant], amount: op.amount, currency: op.currency, feeBps: op.feeBps, reserveBps: op.reserveBps } };
    case 'ship':
      return { type: 'order.ship', orderId: id, data: { method: op.method } };
    case 'confirm':
      return { type: 'order.confirm', orderId: id };
    case 'auto_confirm':
      return { type: 'order.auto_confirm', orderId: id };
    case 'extend':
      return { type: 'order.extend', orderId: id };
    case 'withdraw':
      return { type: 'order.withdraw_dispute', orderId: id, data: { disputeId: `${id}-D` } };
    case 'dispute':
      return { type: 'order.open_dispute', orderId: id, data: { disputeId: `${id}-D`, kind: 'dispute', reason: 'other', claimedAmount: claimOf(held, op.percent), currency } };
    case 'refund':
      return { type: 'order.refund', orderId: id, data: { amount: claimOf(held, op.percent), currency } };
    case 'release':
      return { type: 'order.release', orderId: id, data: { amount: claimOf(held, op.percent), currency } };
    case 'risk_hold':
      return { type: 'order.risk_hold', orderId: id, data: { reason: 'model' } };
    case 'risk_clear':
      return { type: 'order.risk_clear', orderId: id, data: {} };
    default:
      return null;
  }
}

describe('ledger model test', () => {
  let tmp: ReturnType<typeof tempDir>;
  let ledger: SqliteLedger;
  let run = 0;

  beforeAll(async () => {
    tmp = tempDir('model');
    ledger = await SqliteLedger.open(tmp.file('model.db'));
  });
  afterAll(async () => {
    await ledger?.close();
    tmp?.cleanup();
  });

  it('agrees with the model after every step of random histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (ops, prefixSeed) => {
        run += 1;
        // Each run has its own orders and merchants in the shared ledger file.
        const ids = Array.from({ length: ORDERS }, (_, i) => `r${run}o${i}`);
        const merchantIds = [`r${run}m0`, `r${run}m1`];
        const model = new Model();
        const driver = new OrderDriver(T0);
        const history: OrderEvent[] = [];
        let batch: OrderEvent[] = [];

        const flush = async () => {
          if (batch.length === 0) return;
          const outcome = await ledger.apply(batch);
          expect(outcome.results).toEqual(batch.map(() => 'ok'));
          history.push(...batch);
          batch = [];
          await checkInvariants(ledger, model, ids, merchantIds);
          // Re-applying any prefix of the history changes nothing.
          const cut = prefixSeed % (history.length + 1);
          const head = await ledger.head();
          const replay = await ledger.apply(history.slice(0, cut));
          expect(replay.results.every((r) => r === 'exists')).toBe(true);
          expect(await ledger.head()).toEqual(head);
        };

        for (const op of ops) {
          if (op.kind === 'advance') driver.now += op.hours * 3_600_000;
          if (op.kind === 'flush') await flush();
          const id = 'order' in op ? ids[op.order] : '';
          const command = commandFor(op, id, merchantIds, model);
          const expected = model.step(op, id, merchantIds, driver.now);
          if (!command) continue;
          const { decision, events } = driver.run(command);
          expect(decision.ok, `${command.type} on ${id}: engine ${decision.ok ? 'accepted' : (decision as { code: string }).code}, model ${expected ? 'accepts' : 'rejects'}`).toBe(expected);
          batch.push(...events);
        }
        await flush();
      }),
      fcOptions(1000),
    );
    const report = await verifyLedger((sql, params) => ledger.db.read.all(sql, params));
    expect(report.failed).toEqual([]);
  }, 600_000);
});

async function checkInvariants(ledger: SqliteLedger, model: Model, ids: string[], merchantIds: string[]): Promise<void> {
  // Debits equal credits per currency, pending and posted (whole ledger).
  const sums = await ledger.db.read.all<Record<string, string>>(
    `SELECT currency, CAST(sum(debits_pending) AS TEXT) dp, CAST(sum(credits_pending) AS TEXT) cp,
            CAST(sum(debits_posted) AS TEXT) dpo, CAST(sum(credits_posted) AS TEXT) cpo FROM accounts GROUP BY currency`,
  );
  for (const s of sums) {
    expect(s.dp, `${s.currency} pending`).toBe(s.cp);
    expect(s.dpo, `${s.currency} posted`).toBe(s.cpo);
  }
  for (const id of ids) {
    const expected = model.orders.get(id);
    const actual = await ledger.order(id);
    if (!expected) {
      expect(actual).toBeNull();
      continue;
    }
    expect(actual).not.toBeNull();
    const o = actual!;
    expect(o.refunded <= o.amount).toBe(true);
    expect(o.released + o.refunded + o.held).toBe(o.amount);
    expect({ held: o.held, refunded: o.refunded, released: o.released }).toEqual({ held: expected.held, refunded: expected.refunded, released: expected.released });
  }
  for (const merchant of merchantIds) {
    for (const currency of ['CNY', 'JPY', 'KWD'] as const) {
      const expected = model.balances.get(`${merchant}|${currency}`);
      const payable = await ledger.account(accountId('merchant_payable', currency, merchant));
      const reserve = await ledger.account(accountId('merchant_reserve', currency, merchant));
      if (!expected) continue;
      expect(payable).not.toBeNull();
      const posted = payable!.creditsPosted - payable!.debitsPosted;
      expect(posted >= 0n, 'merchant payable never negative').toBe(true);
      expect(posted).toBe(expected.payablePosted);
      expect(payable!.creditsPending - payable!.debitsPending).toBe(expected.payablePending);
      expect(reserve ? reserve.creditsPosted : 0n).toBe(expected.reserve);
    }
  }
}
