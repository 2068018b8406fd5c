/**
 * How traffic is cut into intake requests: in time order, at most MAX_INTAKE_BATCH events each,
 * a new batch when the burst window starts or ends (so the burst is measured on its own), and,
 * when the hub's clock follows the simulation, when the batch would span a clock step.
 */
import { MAX_INTAKE_BATCH, type MarketplaceEvent } from '../shared/marketplace.js';
import type { TimedEvent } from './traffic.js';

export interface Batch {
  /** Position in sending order. */
  index: number;
  /** Simulated time of the first event: where a following clock is moved before sending. */
  at: number;
  events: MarketplaceEvent[];
  /** Which events the hub accepts only with a following clock. */
  needsClock: boolean[];
  /** The aggregates the batch touches: two batches sharing one must not be in flight together. */
  keys: Set<string>;
  inBurst: boolean;
}

export interface BatchOptions {
  maxEvents: number;
  /** Longest simulated span of one batch; null when the hub's clock does not follow. */
  clockStepMs: number | null;
  burst: { from: number; to: number } | null;
}

/** The aggregate an event belongs to on the hub: events of one aggregate must arrive in order. */
function aggregateKey(event: MarketplaceEvent): string {
  switch (event.type) {
    case 'merchant.applied':
      return `application:${event.application.applicationId}`;
    case 'bank.statement_line':
      return `line:${event.line.lineId}`;
    case 'payout.confirmed':
      return `payout:${event.confirmation.payoutId}`;
    default:
      return `order:${event.orderId}`;
  }
}

export function planBatches(events: readonly TimedEvent[], options: BatchOptions): Batch[] {
  if (options.maxEvents < 1 || options.maxEvents > MAX_INTAKE_BATCH) throw new RangeError(`a batch holds 1..${MAX_INTAKE_BATCH} events`);
  const batches: Batch[] = [];
  let current: Batch | null = null;
  const inBurst = (at: number) => options.burst !== null && at >= options.burst.from && at < options.burst.to;
  for (const { at, event, needsClock } of events) {
    const burst = inBurst(at);
    const full = current !== null && current.events.length >= options.maxEvents;
    const pastStep = current !== null && options.clockStepMs !== null && at >= current.at + options.clockStepMs;
    if (current === null || full || pastStep || current.inBurst !== burst) {
      current = { index: batches.length, at, events: [], needsClock: [], keys: new Set(), inBurst: burst };
      batches.push(current);
    }
    current.events.push(event);
    current.needsClock.push(needsClock);
    current.keys.add(aggregateKey(event));
  }
  return batches;
}
