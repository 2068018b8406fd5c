/**
 * The simulator's traffic generator, without a hub: deterministic per seed, every event valid
 * on the wire, the planned rates and planted patterns really present in the events, and the
 * lifecycles consistent with the real escrow decider when the hub's clock follows the
 * simulation in steps (as `--follow-clock` drives it) and when it stands still (the default).
 */
import { toOrderCommand } from '../../src/core/marketplace.js';
import { describe, expect, it } from 'vitest';
import { isFrozen, isHoldOpen } from '../../src/core/escrow/state.js';
import { canonicalJson } from '../../src/shared/json.js';
import { MAX_INTAKE_BATCH, marketplaceEventSchema } from '../../src/shared/marketplace.js';
import { APPLICATION_DEFECTS, USCC_DEFECT_PROBLEM } from '../../src/sim/applications.js';
import { planBatches } from '../../src/sim/batches.js';
import { KNOWN_BAD_ADDRESSES, KNOWN_BAD_DEVICE_IDS } from '../../src/sim/catalog.js';
import { isValidIban, isValidLuhn, usccProblem } from '../../src/sim/identifiers.js';
import { RISK_KINDS } from '../../src/sim/risky.js';
import { DISCREPANCY_KINDS } from '../../src/sim/settlement.js';
import { CLOCK_STEP_MS, MINUTE_MS, TIMING_SLACK_MS } from '../../src/sim/timeline.js';
import { generateTraffic, type Traffic } from '../../src/sim/traffic.js';
import { OrderDriver } from '../support/driver.js';

const big = generateTraffic({ orders: 5000, seed: '20261111', profile: 'normal' });
const rush = generateTraffic({ orders: 1000, seed: '20261111', profile: 'singles-day' });

const paidEvents = (traffic: Traffic) => traffic.events.flatMap((e) => (e.event.type === 'order.paid' ? [{ at: e.at, event: e.event }] : []));
const wire = (traffic: Traffic) => traffic.events.map((e) => `${e.at} ${canonicalJson(e.event)}`).join('\n');

/** What the hub's intake turns a marketplace event into (src/hub/intake.ts). */

describe('determinism', () => {
  it('gives byte-identical traffic for the same seed, ids included', () => {
    const again = generateTraffic({ orders: 5000, seed: '20261111', profile: 'normal' });
    expect(wire(again)).toBe(wire(big));
    expect(canonicalJson(again.plan)).toBe(canonicalJson(big.plan));
    // The evidence files too, byte for byte (their hashes are in the messages compared above).
    expect([...again.attachments.keys()]).toEqual([...big.attachments.keys()]);
    for (const [sha256, file] of again.attachments) expect(Buffer.from(file.bytes).equals(Buffer.from(big.attachments.get(sha256)!.bytes))).toBe(true);
  });

  it('gives different traffic, under a different run tag, for another seed', () => {
    const other = generateTraffic({ orders: 5000, seed: '20261112', profile: 'normal' });
    expect(other.runTag).not.toBe(big.runTag);
    expect(wire(other)).not.toBe(wire(big));
  });
});

describe('the events', () => {
  it('all pass the intake schema as JSON on the wire, with unique ids, in time order', () => {
    for (const traffic of [big, rush]) {
      for (const { event } of traffic.events) {
        const parsed = marketplaceEventSchema.safeParse(JSON.parse(canonicalJson(event)));
        if (!parsed.success) throw new Error(`${event.id}: ${parsed.error.message}`);
      }
      expect(new Set(traffic.events.map((e) => e.event.id)).size).toBe(traffic.events.length);
      expect(traffic.events.every((e, i) => i === 0 || e.at >= traffic.events[i - 1].at)).toBe(true);
    }
  });

  it('has the requested number of orders, mostly CNY with some HKD, USD and JPY', () => {
    const paid = paidEvents(big);
    expect(paid).toHaveLength(5000);
    const byCurrency = new Map<string, number>();
    for (const { event } of paid) byCurrency.set(event.currency, (byCurrency.get(event.currency) ?? 0) + 1);
    expect(byCurrency.get('CNY')! / 5000).toBeGreaterThan(0.8);
    for (const currency of ['HKD', 'USD', 'JPY']) expect(byCurrency.get(currency)).toBeGreaterThan(0);
  });

  it('disputes about 2 % of orders, with reasons, messages and claims within the amount', () => {
    const amounts = new Map(paidEvents(big).map(({ event }) => [event.orderId, event.amount]));
    const disputed = new Set<string>();
    for (const { event } of big.events) {
      if (event.type !== 'dispute.opened') continue;
      disputed.add(event.orderId);
      expect(event.claimedAmount).toBeLessThanOrEqual(amounts.get(event.orderId)!);
      expect(event.message?.length).toBeGreaterThan(0);
    }
    const rate = disputed.size / 5000;
    expect(rate).toBeGreaterThanOrEqual(0.015);
    expect(rate).toBeLessThanOrEqual(0.025);
    expect(big.events.some((e) => e.event.type === 'dispute.withdrawn')).toBe(true);
  });

  it('the Singles\' Day profile pays a large share of its orders in the first hour', () => {
    const paid = paidEvents(rush);
    expect(paid.filter((p) => p.at < 60 * MINUTE_MS).length / paid.length).toBeGreaterThan(0.4);
    expect(rush.burst).toEqual({ from: 0, to: 60 * MINUTE_MS });
  });
});

describe('planted risky patterns', () => {
  const paid = paidEvents(big);
  const byId = new Map(paid.map((p) => [p.event.orderId, p]));
  const ordersOf = (ids: string[]) => ids.map((id) => byId.get(id)!);

  it('plants every kind, and each reported order exists', () => {
    for (const kind of RISK_KINDS) {
      expect(big.plan.risky[kind].length, kind).toBeGreaterThan(0);
      for (const pattern of big.plan.risky[kind]) for (const id of pattern.orderIds) expect(byId.has(id), id).toBe(true);
    }
  });

  it('each pattern is what its name says, in the events themselves', () => {
    for (const { subject, orderIds } of big.plan.risky.buyer_velocity) {
      const orders = ordersOf(orderIds);
      expect(orders.length).toBeGreaterThanOrEqual(12);
      expect(orders.every((o) => o.event.buyerId === subject)).toBe(true);
      expect(Math.max(...orders.map((o) => o.at)) - Math.min(...orders.map((o) => o.at))).toBeLessThan(15 * MINUTE_MS);
    }
    for (const { subject, orderIds } of big.plan.risky.amount_anomaly) {
      const [anomaly] = ordersOf(orderIds);
      const others = paid.filter((p) => p.event.merchantId === subject && p.event.orderId !== anomaly.event.orderId).map((p) => p.event.amount).sort((a, b) => (a < b ? -1 : 1));
      expect(others.length).toBeGreaterThan(3);
      expect(anomaly.event.amount).toBeGreaterThanOrEqual(10n * others[others.length >> 1]);
    }
    for (const { subject, orderIds } of big.plan.risky.new_merchant_high_volume) {
      const applied = big.events.find((e) => e.event.type === 'merchant.applied' && e.event.application.merchantId === subject);
      const sales = ordersOf(orderIds);
      expect(sales.length).toBeGreaterThanOrEqual(15);
      expect(applied!.at).toBeLessThan(Math.min(...sales.map((s) => s.at)));
      expect(paid.filter((p) => p.event.merchantId === subject)).toHaveLength(sales.length);
    }
    for (const { subject, orderIds } of big.plan.risky.shipping_region_mismatch) {
      const [away] = ordersOf(orderIds);
      const history = paid.filter((p) => p.event.buyerId === subject && p.at < away.at);
      expect(history.length).toBeGreaterThanOrEqual(3);
      expect(history.every((h) => h.event.shippingRegion === h.event.buyerRegion)).toBe(true);
      expect(away.event.shippingRegion).not.toBe(away.event.buyerRegion);
    }
    for (const { subject, orderIds } of big.plan.risky.repeat_disputer) {
      const disputes = big.events.filter((e) => e.event.type === 'dispute.opened' && orderIds.includes(e.event.orderId));
      expect(disputes.length).toBeGreaterThanOrEqual(3);
      expect(ordersOf(orderIds).every((o) => o.event.buyerId === subject)).toBe(true);
    }
    const badDevices = new Set<string>(KNOWN_BAD_DEVICE_IDS);
    for (const { orderIds } of big.plan.risky.known_bad_device) expect(ordersOf(orderIds).every((o) => badDevices.has(o.event.deviceId!))).toBe(true);
    const badAddresses = new Set(KNOWN_BAD_ADDRESSES.map((a) => a.address));
    for (const { orderIds } of big.plan.risky.known_bad_address) expect(ordersOf(orderIds).every((o) => badAddresses.has(o.event.shippingAddress!))).toBe(true);
    // Ordinary traffic does not use the block lists.
    const planted = new Set([...big.plan.risky.known_bad_device, ...big.plan.risky.known_bad_address].flatMap((p) => p.orderIds));
    expect(paid.filter((p) => !planted.has(p.event.orderId) && (badDevices.has(p.event.deviceId!) || badAddresses.has(p.event.shippingAddress!)))).toEqual([]);
  });
});

describe('merchant applications', () => {
  const applications = big.events.flatMap((e) => (e.event.type === 'merchant.applied' ? [e.event.application] : []));
  const defectOf = new Map(Object.entries(big.plan.applications.invalidByDefect).flatMap(([defect, ids]) => ids!.map((id) => [id, defect] as const)));

  it('has valid ones and every kind of invalid one', () => {
    expect(big.plan.applications.valid).toBeGreaterThan(big.plan.applications.invalid);
    for (const defect of APPLICATION_DEFECTS) expect(big.plan.applications.invalidByDefect[defect]?.length, defect).toBeGreaterThan(0);
    expect(applications).toHaveLength(big.plan.applications.valid + big.plan.applications.invalid);
  });

  it('valid identifiers validate and each invalid one breaks exactly its reported rule', () => {
    for (const app of applications) {
      const defect = defectOf.get(app.applicationId) ?? null;
      const accountValid = app.bankAccount.kind === 'iban' ? isValidIban(app.bankAccount.number) : isValidLuhn(app.bankAccount.number);
      expect(accountValid, app.applicationId).toBe(defect !== 'card_luhn' && defect !== 'iban_checksum');
      if (app.entityType === 'company' && defect !== 'uscc_missing') {
        expect(usccProblem(app.uscc!), app.applicationId).toBe(defect ? (USCC_DEFECT_PROBLEM[defect as keyof typeof USCC_DEFECT_PROBLEM] ?? null) : null);
      } else {
        expect(app.uscc, app.applicationId).toBeUndefined();
      }
      if (defect === 'uscc_missing') expect(app.entityType).toBe('company');
    }
  });
});

describe('bank statement and payouts', () => {
  it('plants every kind of discrepancy and confirms payouts paid and failed', () => {
    const kinds = new Set(big.plan.statement.discrepancies.map((d) => d.kind));
    for (const kind of DISCREPANCY_KINDS) expect(kinds.has(kind), kind).toBe(true);
    const lines = big.events.filter((e) => e.event.type === 'bank.statement_line');
    expect(lines).toHaveLength(big.plan.statement.lines);
    const confirmations = big.events.flatMap((e) => (e.event.type === 'payout.confirmed' ? [e.event.confirmation] : []));
    expect(confirmations.some((c) => c.status === 'paid')).toBe(true);
    expect(confirmations.some((c) => c.status === 'failed')).toBe(true);
    expect(confirmations.every((c) => /^P-/.test(c.payoutId))).toBe(true);
  });
});

describe('lifecycles against the real decider', () => {
  /** Decides the traffic's order events the way the hub would: at `hubTime(batch)`, firing due timers first when the clock moves. */
  function replay(traffic: Traffic, follow: boolean): { rejected: Array<{ id: string; code: string; needsClock: boolean }>; accepted: number } {
    const driver = new OrderDriver(traffic.epochMs);
    const rejected: Array<{ id: string; code: string; needsClock: boolean }> = [];
    let accepted = 0;
    const batches = planBatches(traffic.events, { maxEvents: MAX_INTAKE_BATCH, clockStepMs: follow ? CLOCK_STEP_MS : null, burst: traffic.burst });
    for (const batch of batches) {
      if (follow && traffic.epochMs + batch.at > driver.now) {
        driver.now = traffic.epochMs + batch.at;
        for (const state of driver.states.values()) {
          if (isHoldOpen(state) && !isFrozen(state) && state.confirmDueAt !== null && state.confirmDueAt <= driver.now) {
            driver.must({ type: 'order.auto_confirm', orderId: state.orderId }, { kind: 'system' });
          }
        }
      }
      batch.events.forEach((event, i) => {
        const command = toOrderCommand(event);
        if (!command) return;
        const { decision } = driver.run(command);
        if (decision.ok) accepted += 1;
        else rejected.push({ id: event.id, code: decision.code, needsClock: batch.needsClock[i] });
      });
    }
    return { rejected, accepted };
  }

  it('accepts every order event when the hub clock follows the simulation in steps', () => {
    expect(replay(big, true).rejected).toEqual([]);
    expect(replay(rush, true).rejected).toEqual([]);
  });

  it('with a standing clock, refuses only the extensions that need the clock to move', () => {
    const { rejected } = replay(big, false);
    expect(rejected.length).toBe(big.plan.clockDependentEvents);
    expect(rejected.every((r) => r.needsClock && r.code === 'extension_not_yet_allowed')).toBe(true);
    expect(big.events.some((e) => e.event.type === 'order.extension_requested' && !e.needsClock)).toBe(true);
  });

  it('confirms most orders and leaves some to the auto-confirm timer', () => {
    const paid = paidEvents(big).length;
    const confirmed = big.events.filter((e) => e.event.type === 'order.confirmed').length;
    expect(confirmed / paid).toBeGreaterThan(0.7);
    expect(confirmed / paid).toBeLessThan(0.9);
  });
});

describe('batches', () => {
  it('respects the intake limit, keeps the burst apart and spans at most one clock step', () => {
    const batches = planBatches(rush.events, { maxEvents: MAX_INTAKE_BATCH, clockStepMs: CLOCK_STEP_MS, burst: rush.burst });
    expect(batches.flatMap((b) => b.events)).toEqual(rush.events.map((e) => e.event));
    const atOf = new Map(rush.events.map((e) => [e.event.id, e.at]));
    for (const batch of batches) {
      expect(batch.events.length).toBeLessThanOrEqual(MAX_INTAKE_BATCH);
      const times = batch.events.map((e) => atOf.get(e.id)!);
      expect(Math.max(...times) - batch.at).toBeLessThan(CLOCK_STEP_MS);
      expect(times.every((t) => (t < 60 * MINUTE_MS) === batch.inBurst)).toBe(true);
    }
    expect(batches.some((b) => b.inBurst)).toBe(true);
  });

  it('a following clock lags by less than the margin every planned deadline keeps', () => {
    expect(CLOCK_STEP_MS).toBeLessThan(TIMING_SLACK_MS);
  });
});
