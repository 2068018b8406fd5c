/**
 * Risky patterns planted on purpose, for the risk rules to catch; each is reported with the
 * orders a rule should flag. Planted actors are kept apart from ordinary traffic where the
 * pattern depends on history (a fresh buyer builds a home region, a fresh merchant is new), so
 * each pattern is exactly what its name says. Counts scale with the day's orders, at least one
 * or two of each.
 */
import { CATEGORIES, KNOWN_BAD_ADDRESSES, KNOWN_BAD_DEVICE_IDS, REGIONS, streetAddress, type Category, type Region, type Segment } from './catalog.js';
import { repeatDisputerIntent } from './disputes.js';
import { orderFrom, paidTime, type OrderPlan } from './orders.js';
import type { Merchant, Population } from './population.js';
import { multipleOf } from './prices.js';
import type { Random } from './random.js';
import { DAY_MS, HOUR_MS, type Profile } from './timeline.js';

export const RISK_KINDS = [
  'buyer_velocity',
  'amount_anomaly',
  'new_merchant_high_volume',
  'shipping_region_mismatch',
  'repeat_disputer',
  'known_bad_device',
  'known_bad_address',
] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

export interface PlantedPattern {
  kind: RiskKind;
  /** The buyer or merchant behind the pattern. */
  subject: string;
  /** The orders a rule should flag. */
  orders: OrderPlan[];
}

export interface Planted {
  /** Every order the patterns add to the day (including the history some patterns need). */
  orders: OrderPlan[];
  patterns: PlantedPattern[];
  /** Merchants onboarded just now: their applications go out with the traffic. */
  newMerchants: Merchant[];
}

function category(segment: Segment, name: string): Category {
  return CATEGORIES[segment].find((c) => c.name === name)!;
}

const popularMerchant = (random: Random, population: Population) => population.merchantTables[random.pick(['c2c', 'b2c'] as const)].draw(random);

/** Ordinary C2C and B2C merchants that ship parcels: where a region or a "not received" claim means something. */
function parcelMerchants(population: Population): Merchant[] {
  return population.merchants.filter((m) => m.segment !== 'b2b' && m.category.shipping.every(([method]) => method !== 'virtual'));
}

export function plantRiskyPatterns(random: Random, population: Population, totalOrders: number, profile: Profile): Planted {
  const orders: OrderPlan[] = [];
  const patterns: PlantedPattern[] = [];
  const newMerchants: Merchant[] = [];
  const plant = (order: OrderPlan) => {
    order.planted = true;
    orders.push(order);
    return order;
  };
  const perThousand = (minimum: number, per: number) => Math.max(minimum, Math.round(totalOrders / per));
  const shippers = parcelMerchants(population);

  // A buyer account (an existing one: think account takeover) placing a dozen or more orders
  // for resellable goods within minutes.
  for (let i = 0; i < perThousand(1, 2000); i += 1) {
    const buyer = population.buyerTable.draw(random);
    let at = paidTime(random, profile);
    const burst: OrderPlan[] = [];
    for (let n = random.int(12, 20); n > 0; n -= 1) {
      burst.push(plant(orderFrom(random, buyer, population.merchantTables.b2c.draw(random), at)));
      at += random.int(10_000, 40_000);
    }
    patterns.push({ kind: 'buyer_velocity', subject: buyer.id, orders: burst });
  }

  // Twenty to thirty times what a popular merchant usually sells in one order.
  for (let i = 0; i < perThousand(2, 1000); i += 1) {
    const merchant = popularMerchant(random, population);
    const order = plant(orderFrom(random, population.buyerTable.draw(random), merchant, paidTime(random, profile), multipleOf(merchant.usualAmount, random.int(20, 30))));
    patterns.push({ kind: 'amount_anomaly', subject: merchant.id, orders: [order] });
  }

  // A merchant onboarded today selling high-value electronics to many buyers at once.
  for (let i = 0; i < perThousand(1, 4000); i += 1) {
    const merchant = population.newMerchant('b2c', { category: category('b2c', 'consumer_electronics'), currency: 'CNY' });
    newMerchants.push(merchant);
    const sales: OrderPlan[] = [];
    for (let n = perThousand(15, 60); n > 0; n -= 1) {
      // Phones and laptops: CNY 2,500 .. 8,000 each, tens of thousands within a day.
      sales.push(plant(orderFrom(random, population.buyerTable.draw(random), merchant, random.int(HOUR_MS, DAY_MS - 1), random.bigint(2_500_00n, 8_000_00n))));
    }
    patterns.push({ kind: 'new_merchant_high_volume', subject: merchant.id, orders: sales });
  }

  // A buyer with a settled home region suddenly shipping to the other end of the country.
  for (let i = 0; i < perThousand(2, 500); i += 1) {
    const home = random.pick(REGIONS.filter((r) => r.code !== 'CN-HK'));
    const buyer = population.newBuyer(home);
    const times = Array.from({ length: random.int(3, 5) }, () => random.int(0, 14 * HOUR_MS)).sort((a, b) => a - b);
    for (const at of times) plant(orderFrom(random, buyer, random.pick(shippers), at));
    const away: Region = random.pick(REGIONS.filter((r) => r !== home));
    const order = plant(orderFrom(random, buyer, random.pick(shippers), times[times.length - 1] + random.int(HOUR_MS, 6 * HOUR_MS)));
    order.shippingRegion = away.code;
    order.shippingAddress = streetAddress(random, away);
    patterns.push({ kind: 'shipping_region_mismatch', subject: buyer.id, orders: [order] });
  }

  // A buyer who complains about every parcel.
  for (let i = 0; i < perThousand(1, 2500); i += 1) {
    const buyer = population.newBuyer(random.pick(REGIONS));
    const claims: OrderPlan[] = [];
    for (let n = random.int(3, 4); n > 0; n -= 1) {
      const order = plant(orderFrom(random, buyer, random.pick(shippers), paidTime(random, profile)));
      order.dispute = repeatDisputerIntent(random);
      claims.push(order);
    }
    patterns.push({ kind: 'repeat_disputer', subject: buyer.id, orders: claims });
  }

  // Fresh accounts on devices and drop addresses the risk team has blocked before.
  for (let i = 0; i < perThousand(2, 1000); i += 1) {
    const buyer = population.newBuyer(random.pick(REGIONS));
    buyer.deviceId = KNOWN_BAD_DEVICE_IDS[i % KNOWN_BAD_DEVICE_IDS.length];
    const order = plant(orderFrom(random, buyer, population.merchantTables.b2c.draw(random), paidTime(random, profile)));
    patterns.push({ kind: 'known_bad_device', subject: buyer.id, orders: [order] });
  }
  for (let i = 0; i < perThousand(2, 1000); i += 1) {
    const drop = KNOWN_BAD_ADDRESSES[i % KNOWN_BAD_ADDRESSES.length];
    const buyer = population.newBuyer(REGIONS.find((r) => r.code === drop.region)!);
    buyer.address = drop.address;
    const order = plant(orderFrom(random, buyer, population.merchantTables.b2c.draw(random), paidTime(random, profile)));
    patterns.push({ kind: 'known_bad_address', subject: buyer.id, orders: [order] });
  }

  return { orders, patterns, newMerchants };
}
