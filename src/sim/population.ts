/**
 * The buyers and merchants of a simulated day. Merchants come in three segments: many small C2C
 * sellers (individuals), fewer B2C brands, a few B2B wholesalers with large orders. Popularity
 * is skewed (a few merchants and buyers take many orders), the way marketplace traffic is.
 */
import {
  CATEGORIES,
  companyName,
  personName,
  REGIONS,
  streetAddress,
  type Category,
  type City,
  type Region,
  type Segment,
} from './catalog.js';
import { usualOrderAmount, type SimCurrency } from './prices.js';
import { WeightedTable, type Random } from './random.js';

export interface Buyer {
  id: string;
  region: Region;
  deviceId: string;
  address: string;
}

export interface Merchant {
  id: string;
  segment: Segment;
  entityType: 'individual' | 'company';
  name: string;
  legalRepresentative: string;
  region: Region;
  city: City;
  currency: SimCurrency;
  category: Category;
  feeBps: number;
  reserveBps: number;
  /** The merchant's typical order, in minor units of its currency. */
  usualAmount: bigint;
}

const MAINLAND = REGIONS.filter((r) => r.code !== 'CN-HK');
const HONG_KONG = REGIONS.find((r) => r.code === 'CN-HK')!;

/** Applicants' currencies (the day's sellers use quotas, below). */
const CURRENCY_MIX: Record<Segment, ReadonlyArray<readonly [SimCurrency, number]>> = {
  c2c: [['CNY', 1]],
  b2c: [['CNY', 85], ['HKD', 8], ['JPY', 7]],
  b2b: [['CNY', 70], ['USD', 25], ['HKD', 5]],
};

/**
 * The day's selling merchants get foreign currencies by quota (a share of the segment, at least
 * one merchant each), so every seed has some HKD, JPY and USD orders among the CNY ones.
 */
const FOREIGN_SHARES: Record<Segment, ReadonlyArray<readonly [SimCurrency, number]>> = {
  c2c: [],
  b2c: [['HKD', 0.08], ['JPY', 0.07]],
  b2b: [['USD', 0.25], ['HKD', 0.05]],
};

function currencyQuota(random: Random, segment: Segment, count: number): SimCurrency[] {
  const currencies: SimCurrency[] = [];
  for (const [currency, share] of FOREIGN_SHARES[segment]) {
    for (let n = Math.max(1, Math.round(count * share)); n > 0; n -= 1) currencies.push(currency);
  }
  while (currencies.length < count) currencies.push('CNY');
  return random.sample(currencies, count);
}

/** Platform fee and rolling reserve (basis points) by segment. */
const RATES: Record<Segment, { fee: readonly number[]; reserve: ReadonlyArray<readonly [number, number]> }> = {
  c2c: { fee: [60], reserve: [[0, 7], [300, 3]] },
  b2c: { fee: [200, 300, 400, 500], reserve: [[500, 1], [1000, 1]] },
  b2b: { fee: [100, 150], reserve: [[0, 1], [200, 1]] },
};

/** Popularity by rank: 1/sqrt(rank), so the head is big but no merchant dominates. */
function rankWeight(rank: number): number {
  return Math.round(1000 / Math.sqrt(rank + 1));
}

export class Population {
  readonly buyers: Buyer[] = [];
  readonly merchants: Merchant[] = [];
  /** The buyers and merchants ordinary orders are drawn from (planted actors are not in them). */
  readonly buyerTable: WeightedTable<Buyer>;
  readonly merchantTables: Record<Segment, WeightedTable<Merchant>>;

  constructor(
    private readonly random: Random,
    private readonly tag: string,
    orders: number,
  ) {
    const regions = new WeightedTable(REGIONS.map((r) => [r, r.weight] as const));
    const buyerCount = Math.max(60, Math.round(orders * 0.45));
    const buyerWeights: Array<readonly [Buyer, number]> = [];
    for (let i = 0; i < buyerCount; i += 1) buyerWeights.push([this.newBuyer(regions.draw(random)), random.pick([1, 1, 1, 1, 2, 2, 3, 5])]);
    this.buyerTable = new WeightedTable(buyerWeights);

    const counts: Record<Segment, number> = {
      c2c: Math.max(12, Math.round(orders / 25)),
      b2c: Math.max(6, Math.round(orders / 120)),
      b2b: Math.max(3, Math.round(orders / 500)),
    };
    const table = (segment: Segment) =>
      new WeightedTable(currencyQuota(random, segment, counts[segment]).map((currency, rank) => [this.newMerchant(segment, { currency }), rankWeight(rank)] as const));
    this.merchantTables = { c2c: table('c2c'), b2c: table('b2c'), b2b: table('b2b') };
  }

  /** A buyer account living in `region` (planted patterns create their own). */
  newBuyer(region: Region): Buyer {
    const buyer: Buyer = {
      id: `B-${this.tag}-${String(this.buyers.length + 1).padStart(6, '0')}`,
      region,
      deviceId: `dev-${this.random.chars('0123456789abcdef', 16)}`,
      address: streetAddress(this.random, region),
    };
    this.buyers.push(buyer);
    return buyer;
  }

  /** A merchant of `segment`; planted patterns and applications may pin its category or currency. */
  newMerchant(segment: Segment, pin: { category?: Category; currency?: SimCurrency } = {}): Merchant {
    const random = this.random;
    const currency = pin.currency ?? random.weighted(CURRENCY_MIX[segment]);
    const region = currency === 'HKD' ? HONG_KONG : random.pick(MAINLAND);
    const city = random.pick(region.cities);
    const owner = personName(random);
    const merchant: Merchant = {
      id: `M-${this.tag}-${String(this.merchants.length + 1).padStart(5, '0')}`,
      segment,
      entityType: segment === 'c2c' ? 'individual' : 'company',
      name: segment === 'c2c' ? owner : companyName(random, city, segment),
      legalRepresentative: owner,
      region,
      city,
      currency,
      category: pin.category ?? random.pick(CATEGORIES[segment]),
      feeBps: random.pick(RATES[segment].fee),
      reserveBps: random.weighted(RATES[segment].reserve),
      usualAmount: 0n,
    };
    merchant.usualAmount = usualOrderAmount(random, segment, currency);
    this.merchants.push(merchant);
    return merchant;
  }
}
