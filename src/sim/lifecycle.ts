/**
 * The timed life of one order, from payment to the buyer's last word: shipped after a delay,
 * confirmed when the parcel has arrived (most buyers), or left for the hub's auto-confirm timer
 * (about a fifth), now and then extended once in the window's last days, disputed as planned;
 * a dispute that stays open after shipping may get the parties' files (evidence.ts).
 *
 * Every deadline keeps TIMING_SLACK_MS from the hub's (same durations as the hub's default
 * configuration), so a hub clock that follows the simulation in steps decides every event the
 * way it was planned.
 */
import type { MarketplaceEvent } from '../shared/marketplace.js';
import type { ShippingMethod } from '../shared/escrow/order.js';
import { trackingNumber } from './catalog.js';
import { disputeEvidence, type EvidenceFile } from './evidence.js';
import { buyerMessage } from './messages.js';
import type { OrderPlan } from './orders.js';
import type { Random } from './random.js';
import { DAY_MS, ESCROW_TIMING, HOUR_MS, MINUTE_MS, TIMING_SLACK_MS } from './timeline.js';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type EventBody = WithoutId<MarketplaceEvent>;

/** An event before it gets its id: ids are numbered in time order once all traffic is known. */
export interface Draft {
  at: number;
  body: EventBody;
  /** Accepted only if the hub's clock has moved on with the simulation (an extension in a long window). */
  needsClock: boolean;
  /**
   * An id of its own, outside the numbering: evidence messages have one, so adding them did not
   * renumber (and so change) the events a seed gave before.
   */
  id?: string;
}

export interface OrderOutcome {
  drafts: Draft[];
  /** When the buyer confirmed (the money is released then), or null. */
  confirmedAt: number | null;
  /** The files the order's dispute messages attach (the sender uploads them first). */
  files: readonly EvidenceFile[];
}

/** Shared by the many orders without files, so a million outcomes do not hold a million empty arrays. */
const NO_FILES: readonly EvidenceFile[] = Object.freeze([]);

function shipDelay(random: Random, order: OrderPlan): number {
  if (order.method === 'virtual') return random.int(MINUTE_MS, 30 * MINUTE_MS);
  switch (order.merchant.segment) {
    case 'c2c':
      return random.int(2 * HOUR_MS, 2 * DAY_MS);
    case 'b2c':
      return random.int(HOUR_MS, DAY_MS);
    case 'b2b':
      return random.int(12 * HOUR_MS, 3 * DAY_MS);
  }
}

/** From shipping until the buyer has the goods in hand. */
function transitTime(random: Random, method: ShippingMethod): number {
  switch (method) {
    case 'virtual':
      return random.int(MINUTE_MS, 2 * HOUR_MS);
    case 'express':
      return random.int(DAY_MS, 4 * DAY_MS);
    case 'surface':
      return random.int(6 * DAY_MS, 20 * DAY_MS);
  }
}

type Fate = 'confirm' | 'silent' | 'extend_then_confirm' | 'extend_then_silent';
const FATES: ReadonlyArray<readonly [Fate, number]> = [['confirm', 780], ['silent', 200], ['extend_then_confirm', 15], ['extend_then_silent', 5]];

/** `epochMs`: the real date of simulated time 0 (documents in the evidence are dated). */
export function planLifecycle(random: Random, order: OrderPlan, epochMs: number): OrderOutcome {
  const { orderId } = order;
  const drafts: Draft[] = [];
  const add = (at: number, body: EventBody, needsClock = false, id?: string) => drafts.push({ at, body, needsClock, ...(id ? { id } : {}) });
  const done = (confirmedAt: number | null, files = NO_FILES): OrderOutcome => ({ drafts, confirmedAt, files });
  const disputeId = orderId.replace(/^O-/, 'D-');
  const intent = order.dispute;
  const claimedAmount = () => {
    const claimed = (order.amount * BigInt(intent!.claimedPercent)) / 100n;
    return claimed < 1n ? 1n : claimed;
  };

  add(order.paidAt, {
    type: 'order.paid',
    orderId,
    buyerId: order.buyer.id,
    merchantId: order.merchant.id,
    amount: order.amount,
    currency: order.merchant.currency,
    feeBps: order.merchant.feeBps,
    reserveBps: order.merchant.reserveBps,
    buyerRegion: order.buyer.region.code,
    shippingRegion: order.shippingRegion,
    deviceId: order.deviceId,
    shippingAddress: order.shippingAddress,
  });

  const delay = shipDelay(random, order);
  let shippedAt = order.paidAt + delay;
  if (intent?.stage === 'before_shipping') {
    const openedAt = order.paidAt + random.int(5 * MINUTE_MS, delay - 5 * MINUTE_MS);
    add(openedAt, {
      type: 'dispute.opened', orderId, disputeId, kind: intent.kind, reason: intent.reason, claimedAmount: claimedAmount(),
      currency: order.merchant.currency, message: buyerMessage(random, intent.reason, { days: 0 }),
    });
    // Not withdrawn: the merchant holds the parcel until staff decide.
    if (!intent.withdrawn) return done(null);
    const withdrawnAt = openedAt + random.int(10 * MINUTE_MS, 6 * HOUR_MS);
    add(withdrawnAt, { type: 'dispute.withdrawn', orderId, disputeId });
    shippedAt = Math.max(shippedAt, withdrawnAt + random.int(30 * MINUTE_MS, 12 * HOUR_MS));
  }

  const trackingNo = trackingNumber(random, order.method);
  add(shippedAt, { type: 'order.shipped', orderId, method: order.method, ...(trackingNo ? { trackingNo } : {}) });
  const window = ESCROW_TIMING.confirmWindowMs[order.method];
  const dueAt = shippedAt + window;

  if (intent?.stage === 'after_shipping') {
    // Well before the window ends: the timer pauses with at least two days left.
    const openedAt = random.int(shippedAt + HOUR_MS, dueAt - 2 * DAY_MS);
    add(openedAt, {
      type: 'dispute.opened', orderId, disputeId, kind: intent.kind, reason: intent.reason, claimedAmount: claimedAmount(),
      currency: order.merchant.currency, message: buyerMessage(random, intent.reason, { trackingNo, days: Math.floor((openedAt - shippedAt) / DAY_MS) }),
    });
    if (!intent.withdrawn) {
      // The dispute stays open (a withdrawn one is settled), so the parties send their files.
      // Drawn from a stream of this dispute's own: `random` is not advanced, and every other
      // event of the traffic is the same as without evidence.
      const evidence = disputeEvidence(random.fork(`evidence:${orderId}`), { orderId, disputeId, reason: intent.reason, shippedAt, openedAt, trackingNo, epochMs });
      if (!evidence) return done(null);
      add(evidence.at, evidence.body, false, `${orderId.replace(/^O-/, 'E-')}-evidence`);
      return done(null, evidence.files);
    }
    const withdrawnAt = openedAt + random.int(HOUR_MS, 3 * DAY_MS);
    add(withdrawnAt, { type: 'dispute.withdrawn', orderId, disputeId });
    // The timer resumes with what was left (two days or more); a settled buyer confirms soon.
    if (random.chance(0.3)) return done(null);
    const confirmedAt = withdrawnAt + random.int(HOUR_MS, 12 * HOUR_MS);
    add(confirmedAt, { type: 'order.confirmed', orderId });
    return done(confirmedAt);
  }

  const fate = random.weighted(FATES);
  if (fate === 'silent') return done(null);
  if (fate === 'confirm') {
    const confirmedAt = Math.min(shippedAt + transitTime(random, order.method) + random.int(0, 36 * HOUR_MS), dueAt - TIMING_SLACK_MS);
    add(confirmedAt, { type: 'order.confirmed', orderId });
    return done(confirmedAt);
  }
  // The parcel is late: in the window's last days the buyer asks for the one extension.
  const extendedAt = random.int(dueAt - ESCROW_TIMING.extensionAllowedWithinMs + TIMING_SLACK_MS, dueAt - TIMING_SLACK_MS);
  add(extendedAt, { type: 'order.extension_requested', orderId }, window > ESCROW_TIMING.extensionAllowedWithinMs);
  if (fate === 'extend_then_silent') return done(null);
  const confirmedAt = extendedAt + random.int(HOUR_MS, 2 * DAY_MS);
  add(confirmedAt, { type: 'order.confirmed', orderId });
  return done(confirmedAt);
}
