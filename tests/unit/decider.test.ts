import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_ESCROW_CONFIG } from '../../src/core/escrow/config.js';
import { EvolveError, evolveOrder, type OrderEvent } from '../../src/core/escrow/evolve.js';
import { isFrozen } from '../../src/core/escrow/state.js';
import { ORDER_REJECTIONS, type OrderRejection } from '../../src/shared/escrow/codes.js';
import { orderCommandSchema, type OrderCommand } from '../../src/shared/escrow/order.js';
import { OrderDriver, T0 } from '../support/driver.js';

const PAY: OrderCommand = {
  type: 'order.pay',
  orderId: 'O1',
  data: { buyerId: 'B1', merchantId: 'M1', amount: 100_00n, currency: 'CNY', feeBps: 60, reserveBps: 1000 },
};
const ship = (method: 'express' | 'virtual' | 'surface' = 'express'): OrderCommand => ({ type: 'order.ship', orderId: 'O1', data: { method, trackingNo: 'SF123' } });
const refund = (amount: bigint, currency: 'CNY' | 'USD' = 'CNY'): OrderCommand => ({ type: 'order.refund', orderId: 'O1', data: { amount, currency } });
const release = (amount?: bigint): OrderCommand => ({ type: 'order.release', orderId: 'O1', data: { currency: 'CNY', ...(amount === undefined ? {} : { amount }) } });
const dispute = (claimedAmount = 50_00n, disputeId = 'D1'): OrderCommand => ({
  type: 'order.open_dispute',
  orderId: 'O1',
  data: { disputeId, kind: 'dispute', reason: 'not_as_described', claimedAmount, currency: 'CNY' },
});
const withdraw = (disputeId = 'D1'): OrderCommand => ({ type: 'order.withdraw_dispute', orderId: 'O1', data: { disputeId } });
const CONFIRM: OrderCommand = { type: 'order.confirm', orderId: 'O1' };
const AUTO: OrderCommand = { type: 'order.auto_confirm', orderId: 'O1' };
const EXTEND: OrderCommand = { type: 'order.extend', orderId: 'O1' };
const RISK_HOLD: OrderCommand = { type: 'order.risk_hold', orderId: 'O1', data: { reason: 'velocity' } };
const RISK_CLEAR: OrderCommand = { type: 'order.risk_clear', orderId: 'O1', data: {} };

function driverWith(...commands: OrderCommand[]): OrderDriver {
  const driver = new OrderDriver();
  for (const command of commands) driver.must(command);
  return driver;
}

function expectRejected(driver: OrderDriver, command: OrderCommand, code: OrderRejection): void {
  const before = driver.states.get(command.orderId);
  const { decision, events } = driver.run(command);
  expect(decision).toMatchObject({ ok: false, code });
  expect(events).toEqual([]);
  expect(driver.states.get(command.orderId)).toBe(before);
}

function state(driver: OrderDriver) {
  return driver.states.get('O1')!;
}

describe('order decider: transitions', () => {
  it('pay places a hold of the full amount', () => {
    const driver = driverWith(PAY);
    expect(state(driver)).toMatchObject({ status: 'paid', amount: 100_00n, held: 100_00n, refunded: 0n, released: 0n, version: 1 });
    expect(state(driver).holdTransferId).not.toBeNull();
  });

  it.each([
    ['express', 10],
    ['virtual', 3],
    ['surface', 30],
  ] as const)('ship by %s starts a %i-day auto-confirm timer', (method, days) => {
    const driver = driverWith(PAY, ship(method));
    expect(state(driver)).toMatchObject({ status: 'shipped', shippingMethod: method, trackingNo: 'SF123', confirmDueAt: T0 + days * DAY_MS });
  });

  it('uses configured windows', () => {
    const driver = new OrderDriver(T0, { ...DEFAULT_ESCROW_CONFIG, confirmWindowMs: { express: DAY_MS, virtual: DAY_MS, surface: DAY_MS } });
    driver.must(PAY);
    driver.must(ship());
    expect(state(driver).confirmDueAt).toBe(T0 + DAY_MS);
  });

  it('buyer confirm releases seller share, fee and reserve', () => {
    const driver = driverWith(PAY, ship());
    const [event] = driver.must(CONFIRM);
    expect(event).toMatchObject({ type: 'order.released', data: { reason: 'buyer_confirmed', released: 100_00n, returned: 0n, fee: 60n, reserve: 10_00n, seller: 89_40n } });
    expect(state(driver)).toMatchObject({ status: 'released', held: 0n, released: 100_00n, holdTransferId: null, confirmDueAt: null });
  });

  it('auto-confirm releases once the window has run out, not before', () => {
    const driver = driverWith(PAY, ship());
    driver.now = T0 + 10 * DAY_MS - 1;
    expectRejected(driver, AUTO, 'confirmation_not_due');
    driver.now = T0 + 10 * DAY_MS;
    expect(driver.must(AUTO)[0]).toMatchObject({ data: { reason: 'auto_confirmed' } });
  });

  it('extends the window once by 3 days, only when at most 3 days remain', () => {
    const driver = driverWith(PAY, ship());
    driver.now = T0 + 7 * DAY_MS - 1; // 3 days + 1 ms left
    expectRejected(driver, EXTEND, 'extension_not_yet_allowed');
    driver.now = T0 + 7 * DAY_MS; // exactly 3 days left
    driver.must(EXTEND);
    expect(state(driver)).toMatchObject({ confirmDueAt: T0 + 13 * DAY_MS, extensionUsed: true });
    driver.now = T0 + 12 * DAY_MS;
    expectRejected(driver, EXTEND, 'extension_already_used');
  });

  it('refuses an extension once the window has elapsed', () => {
    const driver = driverWith(PAY, ship());
    driver.now = T0 + 10 * DAY_MS;
    expectRejected(driver, EXTEND, 'confirmation_window_elapsed');
  });

  it('a dispute pauses the timer and freezes the hold; withdrawal resumes it', () => {
    const driver = driverWith(PAY, ship());
    driver.now = T0 + 4 * DAY_MS;
    driver.must(dispute());
    expect(state(driver)).toMatchObject({ confirmDueAt: null, pausedRemainingMs: 6 * DAY_MS });
    expect(isFrozen(state(driver))).toBe(true);
    driver.now = T0 + 20 * DAY_MS;
    expectRejected(driver, AUTO, 'hold_frozen');
    expectRejected(driver, CONFIRM, 'hold_frozen');
    expectRejected(driver, EXTEND, 'hold_frozen');
    driver.must(withdraw());
    expect(state(driver)).toMatchObject({ dispute: null, confirmDueAt: T0 + 26 * DAY_MS, pausedRemainingMs: null });
  });

  it('a dispute before shipping leaves no timer; shipping during it starts the timer paused', () => {
    const driver = driverWith(PAY, dispute());
    expect(state(driver).pausedRemainingMs).toBeNull();
    driver.must(ship('virtual'));
    expect(state(driver)).toMatchObject({ confirmDueAt: null, pausedRemainingMs: 3 * DAY_MS });
    driver.now = T0 + DAY_MS;
    driver.must(withdraw());
    expect(state(driver).confirmDueAt).toBe(T0 + 4 * DAY_MS);
  });

  it('partial refunds keep the rest in escrow; their total is bounded by the amount held', () => {
    const driver = driverWith(PAY, ship());
    const [first] = driver.must(refund(30_00n));
    expect(first).toMatchObject({ type: 'order.refunded', data: { amount: 30_00n, remainingHeld: 70_00n } });
    driver.must(refund(20_00n));
    expect(state(driver)).toMatchObject({ status: 'shipped', held: 50_00n, refunded: 50_00n });
    expectRejected(driver, refund(50_01n), 'refund_exceeds_held');
    driver.must(refund(50_00n));
    expect(state(driver)).toMatchObject({ status: 'refunded', held: 0n, refunded: 100_00n, holdTransferId: null });
  });

  it('full refund before shipping voids the hold', () => {
    const driver = driverWith(PAY);
    driver.must(refund(100_00n));
    expect(state(driver)).toMatchObject({ status: 'refunded', held: 0n });
  });

  it('staff release of part of the hold returns the rest to the buyer (dispute settled)', () => {
    const driver = driverWith(PAY, ship(), dispute());
    const [event] = driver.must(release(40_00n));
    expect(event).toMatchObject({ data: { reason: 'staff_decision', released: 40_00n, returned: 60_00n, fee: 24n, reserve: 4_00n, seller: 35_76n } });
    expect(state(driver)).toMatchObject({ status: 'released', released: 40_00n, refunded: 60_00n, dispute: null });
  });

  it('risk hold freezes release; clearing lets the lifecycle continue', () => {
    const driver = driverWith(PAY, ship(), RISK_HOLD);
    expectRejected(driver, CONFIRM, 'hold_frozen');
    expectRejected(driver, release(), 'hold_frozen');
    expectRejected(driver, RISK_HOLD, 'risk_hold_already_active');
    driver.must(refund(10_00n)); // money may always go back to the buyer
    driver.must(RISK_CLEAR);
    expectRejected(driver, RISK_CLEAR, 'risk_hold_not_active');
    driver.must(CONFIRM);
    expect(state(driver)).toMatchObject({ status: 'released', released: 90_00n, refunded: 10_00n });
  });
});

describe('order decider: rejections', () => {
  it('commands on a missing order answer order_not_found', () => {
    const driver = new OrderDriver();
    for (const command of [ship(), CONFIRM, AUTO, EXTEND, dispute(), withdraw(), refund(1n), release(), RISK_HOLD, RISK_CLEAR]) {
      expectRejected(driver, command, 'order_not_found');
    }
  });

  it('pays an order only once', () => {
    expectRejected(driverWith(PAY), PAY, 'order_already_exists');
  });

  it('refuses fee + reserve above 100%', () => {
    expectRejected(new OrderDriver(), { ...PAY, data: { ...PAY.data, feeBps: 6000, reserveBps: 5000 } } as OrderCommand, 'invalid_rates');
  });

  it('refuses amounts over the maximum at the schema and in the decider', () => {
    const tooBig = { ...PAY, data: { ...PAY.data, amount: 10n ** 15n + 1n } } as OrderCommand;
    expect(orderCommandSchema.safeParse(tooBig).success).toBe(false);
    expectRejected(new OrderDriver(), tooBig, 'amount_exceeds_maximum');
  });

  it('every command on a resolved hold answers hold_already_resolved', () => {
    const driver = driverWith(PAY, ship(), CONFIRM);
    for (const command of [ship(), CONFIRM, AUTO, EXTEND, dispute(), withdraw(), refund(1n), release(), RISK_HOLD, RISK_CLEAR]) {
      expectRejected(driver, command, 'hold_already_resolved');
    }
  });

  it('ships once', () => {
    expectRejected(driverWith(PAY, ship()), ship(), 'order_already_shipped');
  });

  it('confirm, auto-confirm, extend and release need a shipped order', () => {
    const driver = driverWith(PAY);
    for (const command of [CONFIRM, AUTO, EXTEND, release()]) expectRejected(driver, command, 'order_not_shipped');
  });

  it('opens one dispute at a time, for at most the amount held, in the order currency', () => {
    const driver = driverWith(PAY, ship());
    expectRejected(driver, dispute(100_01n), 'refund_exceeds_held');
    const open = dispute() as Extract<OrderCommand, { type: 'order.open_dispute' }>;
    expectRejected(driver, { ...open, data: { ...open.data, currency: 'USD' } }, 'currency_mismatch');
    driver.must(dispute());
    expectRejected(driver, dispute(1n, 'D2'), 'dispute_already_open');
    expectRejected(driver, withdraw('D2'), 'dispute_id_mismatch');
  });

  it('withdraws only an open dispute', () => {
    expectRejected(driverWith(PAY, ship()), withdraw(), 'no_open_dispute');
  });

  it('refund and release check currency and amount held', () => {
    const driver = driverWith(PAY, ship());
    expectRejected(driver, refund(1n, 'USD'), 'currency_mismatch');
    expectRejected(driver, { ...release(), data: { currency: 'USD' } } as OrderCommand, 'currency_mismatch');
    expectRejected(driver, release(100_01n), 'release_exceeds_held');
  });

  it('the schema refuses zero and negative refunds', () => {
    expect(orderCommandSchema.safeParse(refund(0n)).success).toBe(false);
    expect(orderCommandSchema.safeParse({ type: 'order.refund', orderId: 'O1', data: { amount: '-1', currency: 'CNY' } }).success).toBe(false);
    expect(orderCommandSchema.safeParse({ type: 'order.refund', orderId: 'O1', data: { amount: '100', currency: 'CNY', extra: 1 } }).success).toBe(false);
  });

  it('precedence: a resolved hold is reported before the other broken rules', () => {
    const driver = driverWith(PAY, refund(100_00n));
    // Also unshipped, and over the amount held: hold_already_resolved comes first.
    expectRejected(driver, release(1_000_00n), 'hold_already_resolved');
    expect(ORDER_REJECTIONS.indexOf('hold_already_resolved')).toBeLessThan(ORDER_REJECTIONS.indexOf('order_not_shipped'));
  });

  it('every rejection code is reachable by a test in this file', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL(import.meta.url), 'utf8');
    for (const code of ORDER_REJECTIONS) expect(source, code).toContain(`'${code}'`);
  });
});

describe('order evolve', () => {
  it('refuses events out of version order and on resolved holds', () => {
    const driver = new OrderDriver();
    const [paid] = driver.must(PAY);
    const [shipped] = driver.must(ship());
    expect(() => evolveOrder(null, shipped)).toThrow(EvolveError);
    const s1 = evolveOrder(null, paid);
    expect(() => evolveOrder(s1, { ...shipped, version: 3 } as OrderEvent)).toThrow(/version/);
    expect(() => evolveOrder(s1, paid)).toThrow(EvolveError);
    const [refunded] = driver.must(refund(100_00n));
    const s3 = evolveOrder(evolveOrder(s1, shipped), refunded);
    expect(() => evolveOrder(s3, { ...shipped, version: 4 } as OrderEvent)).toThrow(/already refunded/);
  });

  it('refuses amounts that do not add up', () => {
    const driver = driverWith(PAY);
    const [refunded] = driver.must(refund(10_00n));
    const paid = driverWith(PAY).states.get('O1')!;
    expect(() => evolveOrder(paid, { ...refunded, data: { amount: 10_00n, remainingHeld: 1n } } as OrderEvent)).toThrow(/cannot leave/);
  });
});
