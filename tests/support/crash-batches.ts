/**
 * Deterministic batches for the crash test: the same seed always yields the same events (ids
 * included), so the writer can resume after a kill and the checker can tell which batches are
 * in the file.
 */
import type { OrderEvent } from '../../src/core/escrow/evolve.js';
import { DAY_MS } from '../../src/core/escrow/config.js';
import { OrderDriver, T0, seededBytes } from './driver.js';

export const CRASH_BATCH_SIZE = 1500;

export function crashBatches(seed: number, count: number): OrderEvent[][] {
  const driver = new OrderDriver(T0, undefined, seededBytes(seed));
  const batches: OrderEvent[][] = [];
  for (let b = 0; b < count; b += 1) {
    const events: OrderEvent[] = [];
    for (let i = 0; events.length < CRASH_BATCH_SIZE; i += 1) {
      const id = `b${b}o${i}`;
      events.push(...driver.must({ type: 'order.pay', orderId: id, data: { buyerId: `B${i % 50}`, merchantId: `M${i % 7}`, amount: BigInt(100 + i), currency: 'CNY', feeBps: 60, reserveBps: 500 } }));
      events.push(...driver.must({ type: 'order.ship', orderId: id, data: { method: 'virtual' } }));
      // Resolve orders of the previous batch so batches also update rows written earlier.
      const previous = `b${b - 1}o${i}`;
      const state = driver.states.get(previous);
      if (state?.holdTransferId) {
        if (i % 3 === 0) events.push(...driver.must({ type: 'order.refund', orderId: previous, data: { amount: state.held, currency: 'CNY' } }));
        else events.push(...driver.must({ type: 'order.confirm', orderId: previous }));
      }
    }
    driver.now += DAY_MS;
    batches.push(events);
  }
  return batches;
}
