/**
 * Orders of the simulated day: who buys from whom, when, for how much, and how it ships.
 * Ordinary orders come from the population's popularity tables; planted risky orders
 * (risky.ts) use the same shape.
 */
import type { DisputeKind, DisputeReason, ShippingMethod } from '../shared/escrow/order.js';
import { REGIONS, streetAddress, type Segment } from './catalog.js';
import type { Buyer, Merchant, Population } from './population.js';
import { orderAmountNear } from './prices.js';
import type { Random } from './random.js';
import { HOUR_MS, MINUTE_MS, type Profile } from './timeline.js';

/** What a buyer will do about an order that goes wrong: decided before its lifecycle is timed. */
export interface DisputeIntent {
  kind: DisputeKind;
  reason: DisputeReason;
  stage: 'before_shipping' | 'after_shipping';
  /** The share of the order claimed, in whole percent (1..100). */
  claimedPercent: number;
  withdrawn: boolean;
}

export interface OrderPlan {
  /** Assigned once every order is known, in order of payment. */
  orderId: string;
  buyer: Buyer;
  merchant: Merchant;
  paidAt: number;
  amount: bigint;
  method: ShippingMethod;
  shippingRegion: string;
  shippingAddress: string;
  deviceId: string;
  /** Part of a planted risky pattern: kept out of the random dispute draw so each pattern stays clean. */
  planted: boolean;
  dispute: DisputeIntent | null;
}

/** Orders per hour of an ordinary day in China: quiet at night, peaking in the evening. */
const HOURLY_WEIGHTS = [3, 2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 7, 6, 6, 6, 6, 6, 7, 8, 10, 11, 10, 6];
const HOURS = HOURLY_WEIGHTS.map((weight, hour) => [hour, weight] as const);

/** Share of Singles' Day orders paid in the midnight rush, most in its first ten minutes. */
const MIDNIGHT_RUSH_SHARE = 0.45;

export function paidTime(random: Random, profile: Profile): number {
  if (profile === 'singles-day' && random.chance(MIDNIGHT_RUSH_SHARE)) {
    const minute = random.chance(0.6) ? random.int(0, 9) : random.int(10, 59);
    return minute * MINUTE_MS + random.int(0, MINUTE_MS - 1);
  }
  return random.weighted(HOURS) * HOUR_MS + random.int(0, HOUR_MS - 1);
}

/** An order by `buyer` from `merchant`, shipped to the buyer's own address. */
export function orderFrom(random: Random, buyer: Buyer, merchant: Merchant, paidAt: number, amount?: bigint): OrderPlan {
  return {
    orderId: '',
    buyer,
    merchant,
    paidAt,
    amount: amount ?? orderAmountNear(random, merchant.usualAmount, merchant.currency),
    method: random.weighted(merchant.category.shipping),
    shippingRegion: buyer.region.code,
    shippingAddress: buyer.address,
    deviceId: buyer.deviceId,
    planted: false,
    dispute: null,
  };
}

const SEGMENT_MIX: ReadonlyArray<readonly [Segment, number]> = [['c2c', 50], ['b2c', 42], ['b2b', 8]];

/** Ordinary buyers now and then send a parcel elsewhere (a gift): realistic noise for the region rule. */
const GIFT_SHARE = 0.01;

export function planOrdinaryOrders(random: Random, population: Population, count: number, profile: Profile): OrderPlan[] {
  const orders: OrderPlan[] = [];
  for (let i = 0; i < count; i += 1) {
    const merchant = population.merchantTables[random.weighted(SEGMENT_MIX)].draw(random);
    const order = orderFrom(random, population.buyerTable.draw(random), merchant, paidTime(random, profile));
    if (random.chance(GIFT_SHARE)) {
      const elsewhere = random.pick(REGIONS.filter((r) => r !== order.buyer.region));
      order.shippingRegion = elsewhere.code;
      order.shippingAddress = streetAddress(random, elsewhere);
    }
    orders.push(order);
  }
  return orders;
}
