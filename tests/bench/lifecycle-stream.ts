/**
 * A realistic, seeded order lifecycle stream for the ledger benchmark: orders paid over a
 * month, shipped within two days, then confirmed by the buyer (~68 %), auto-confirmed when the
 * window runs out (~20 %), partly refunded then settled (~6 %), disputed and decided by staff
 * (~3 %), refunded before shipping (~1 %), a few with one extension. Events come out in time
 * order, in batches, decided by the real decider; finished orders are dropped from memory so
 * the stream's footprint stays bounded by the orders in flight.
 */
import { DAY_MS } from '../../src/core/escrow/config.js';
import type { OrderEvent } from '../../src/core/escrow/evolve.js';
import type { OrderCommand } from '../../src/shared/escrow/order.js';
import type { Currency } from '../../src/shared/money.js';
import { OrderDriver, T0, rng, seededBytes } from '../support/driver.js';

const HOUR = 3_600_000;

type Step = 'pay' | 'ship' | 'confirm' | 'auto' | 'refund_part' | 'dispute' | 'decide' | 'refund_all' | 'extend';

interface Action {
  at: number;
  order: number;
  step: Step;
}

/** A binary min-heap of actions by time (then order number, for determinism). */
class ActionHeap {
  private readonly items: Action[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Action | undefined {
    return this.items[0];
  }
  push(action: Action): void {
    const a = this.items;
    a.push(action);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }
  pop(): Action | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(x: Action, y: Action): boolean {
  return x.at < y.at || (x.at === y.at && x.order < y.order);
}

const CURRENCIES: Array<[Currency, number]> = [['CNY', 0.93], ['HKD', 0.03], ['USD', 0.03], ['JPY', 0.01]];

export function* lifecycleStream(orders: number, seed: number, batchSize: number): Generator<OrderEvent[]> {
  const random = rng(seed);
  const driver = new OrderDriver(T0, undefined, seededBytes(seed));
  const heap = new ActionHeap();
  const outcome = new Map<number, Step>();
  const merchants = Math.max(10, Math.floor(orders / 50));
  const spanMs = 30 * DAY_MS;
  // Orders are paid in time order, so they are scheduled lazily to keep the heap small.
  let nextToPay = 0;
  const payTime = (i: number) => T0 + Math.floor((i / orders) * spanMs);
  let batch: OrderEvent[] = [];
  const id = (i: number) => `O${i.toString().padStart(8, '0')}`;

  const run = (command: OrderCommand) => {
    const { decision, events } = driver.run(command);
    if (decision.ok) batch.push(...events);
    return decision.ok;
  };

  while (nextToPay < orders || heap.size > 0) {
    while (nextToPay < orders && (heap.size === 0 || payTime(nextToPay) <= heap.peek()!.at)) {
      heap.push({ at: payTime(nextToPay), order: nextToPay, step: 'pay' });
      nextToPay += 1;
    }
    const action = heap.pop()!;
    driver.now = action.at;
    const orderId = id(action.order);
    const state = driver.states.get(orderId);
    const currency = state?.currency ?? 'CNY';
    switch (action.step) {
      case 'pay': {
        const merchant = Math.floor(merchants * random() ** 2); // a few large merchants, a long tail
        const pick = random();
        let acc = 0;
        const cur = CURRENCIES.find(([, p]) => (acc += p) >= pick)?.[0] ?? 'CNY';
        const yuan = Math.exp(2 + random() * 6); // ~7 .. ~3000 in major units, log-uniform
        const amount = BigInt(Math.max(1, Math.floor(yuan * (cur === 'JPY' ? 15 : 100))));
        run({ type: 'order.pay', orderId, data: { buyerId: `B${Math.floor(random() * orders)}`, merchantId: `M${merchant}`, amount, currency: cur, feeBps: 60, reserveBps: merchant % 5 === 0 ? 1000 : 0 } });
        const r = random();
        const fate: Step = r < 0.01 ? 'refund_all' : r < 0.04 ? 'dispute' : r < 0.1 ? 'refund_part' : r < 0.3 ? 'auto' : 'confirm';
        outcome.set(action.order, fate);
        heap.push({ at: action.at + (fate === 'refund_all' ? DAY_MS : 2 * HOUR + Math.floor(random() * 46 * HOUR)), order: action.order, step: fate === 'refund_all' ? 'refund_all' : 'ship' });
        break;
      }
      case 'ship': {
        run({ type: 'order.ship', orderId, data: { method: random() < 0.9 ? 'express' : 'virtual' } });
        const fate = outcome.get(action.order)!;
        const due = driver.states.get(orderId)!.confirmDueAt!;
        if (fate === 'confirm') heap.push({ at: action.at + DAY_MS + Math.floor(random() * 6 * DAY_MS), order: action.order, step: 'confirm' });
        else if (fate === 'auto') heap.push({ at: random() < 0.1 ? due - DAY_MS : due, order: action.order, step: random() < 0.1 ? 'extend' : 'auto' });
        else if (fate === 'refund_part') heap.push({ at: action.at + 2 * DAY_MS, order: action.order, step: 'refund_part' });
        else heap.push({ at: action.at + DAY_MS + Math.floor(random() * 4 * DAY_MS), order: action.order, step: 'dispute' });
        break;
      }
      case 'extend':
        run({ type: 'order.extend', orderId });
        heap.push({ at: driver.states.get(orderId)!.confirmDueAt!, order: action.order, step: 'auto' });
        break;
      case 'confirm':
        run({ type: 'order.confirm', orderId });
        break;
      case 'auto':
        run({ type: 'order.auto_confirm', orderId });
        break;
      case 'refund_part': {
        const held = state!.held;
        run({ type: 'order.refund', orderId, data: { amount: held / 4n > 0n ? held / 4n : held, currency } });
        if (driver.states.get(orderId)!.holdTransferId) heap.push({ at: action.at + DAY_MS, order: action.order, step: 'confirm' });
        break;
      }
      case 'dispute':
        run({ type: 'order.open_dispute', orderId, data: { disputeId: `D${action.order}`, kind: 'dispute', reason: 'not_as_described', claimedAmount: state!.held, currency } });
        heap.push({ at: action.at + 2 * DAY_MS, order: action.order, step: 'decide' });
        break;
      case 'decide': {
        const held = state!.held;
        const r = random();
        if (r < 0.4) run({ type: 'order.refund', orderId, data: { amount: held, currency } });
        else if (r < 0.7 || held < 2n) run({ type: 'order.release', orderId, data: { currency } });
        else run({ type: 'order.release', orderId, data: { amount: held / 2n, currency } });
        break;
      }
      case 'refund_all':
        run({ type: 'order.refund', orderId, data: { amount: state!.held, currency } });
        break;
    }
    const after = driver.states.get(orderId);
    if (after && after.holdTransferId === null) {
      driver.states.delete(orderId);
      outcome.delete(action.order);
    }
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
