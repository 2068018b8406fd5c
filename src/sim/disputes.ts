/**
 * Which orders go wrong and how: about 2 % of orders get a refund request or a dispute. The
 * count is exact (round(orders / 50)), not a coin flip per order, so every seed has the same rate;
 * planted repeat disputers spend part of that budget.
 */
import type { DisputeKind, DisputeReason } from '../shared/escrow/order.js';
import type { DisputeIntent, OrderPlan } from './orders.js';
import type { Random } from './random.js';

/** One order in fifty. */
export function disputeBudget(orders: number): number {
  return Math.round(orders / 50);
}

const BEFORE_SHIPPING_REASONS: ReadonlyArray<readonly [DisputeReason, number]> = [['other', 6], ['duplicate_charge', 2], ['unauthorized', 2]];

function afterShippingReasons(order: OrderPlan): ReadonlyArray<readonly [DisputeReason, number]> {
  const parcel = order.method !== 'virtual';
  return [
    ['item_not_received', parcel ? 30 : 0],
    ['not_as_described', 30],
    ['damaged', parcel ? 15 : 0],
    ['counterfeit', order.merchant.segment === 'b2c' ? 12 : 4],
    ['unauthorized', 5],
    ['duplicate_charge', 3],
    ['other', 7],
  ];
}

/** Fraud-like reasons go to a dispute more often; the rest start as a refund request. */
function kindFor(random: Random, reason: DisputeReason): DisputeKind {
  const disputeShare = reason === 'unauthorized' || reason === 'counterfeit' ? 0.7 : 0.4;
  return random.chance(disputeShare) ? 'dispute' : 'refund_request';
}

function claimedPercent(random: Random): number {
  return random.chance(0.65) ? 100 : random.int(10, 90);
}

/** An ordinary buyer's complaint: sometimes before shipping (a refund request), sometimes withdrawn later. */
function ordinaryIntent(random: Random, order: OrderPlan): DisputeIntent {
  if (order.method !== 'virtual' && random.chance(0.2)) {
    const reason = random.weighted(BEFORE_SHIPPING_REASONS);
    return { kind: 'refund_request', reason, stage: 'before_shipping', claimedPercent: 100, withdrawn: random.chance(0.25) };
  }
  const reason = random.weighted(afterShippingReasons(order));
  return { kind: kindFor(random, reason), reason, stage: 'after_shipping', claimedPercent: claimedPercent(random), withdrawn: random.chance(0.25) };
}

/** A serial complainer's claim: after delivery, never withdrawn. */
export function repeatDisputerIntent(random: Random): DisputeIntent {
  const reason = random.weighted<DisputeReason>([['item_not_received', 3], ['not_as_described', 2], ['damaged', 1]]);
  return { kind: kindFor(random, reason), reason, stage: 'after_shipping', claimedPercent: claimedPercent(random), withdrawn: false };
}

/** Gives the rest of the budget to ordinary orders picked at random. */
export function planDisputes(random: Random, orders: readonly OrderPlan[], budget: number): void {
  const already = orders.filter((o) => o.dispute).length;
  const candidates = orders.filter((o) => !o.planted && !o.dispute);
  for (const order of random.sample(candidates, Math.max(0, budget - already))) order.dispute = ordinaryIntent(random, order);
}
