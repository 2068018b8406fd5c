/**
 * The history the risk rules look at, kept in memory and bounded: each buyer's recent payment
 * times, shipping regions and disputes; each merchant's first appearance, early volume and
 * recent amounts per currency. The hub seeds it from its storage for the buyers and merchants
 * of an intake batch and feeds it the batch's own orders as they are decided; the console's
 * backtest feeds it the whole local history in time order.
 */
import type { Currency } from '../../shared/money.js';
import type { RiskConfig } from './config.js';
import type { RiskFeatures, RiskOrder } from './types.js';

/** Recent amounts kept per merchant and currency: enough for a stable median and 90th percentile. */
export const MERCHANT_AMOUNTS_KEPT = 200;

interface BuyerHistory {
  /** Payment times, ascending. */
  paidAts: number[];
  regions: Map<string, number>;
  disputes: number;
}

interface MerchantHistory {
  firstSeenAt: number | null;
  /** Per currency: recent {at, amount}, ascending; orders and volume in the first days. */
  byCurrency: Map<Currency, { recent: Array<{ at: number; amount: bigint }>; earlyOrders: number; earlyVolume: bigint }>;
}

export interface BuyerSeed {
  paidAts: readonly number[];
  regions: ReadonlyMap<string, number>;
  disputes: number;
}

export interface MerchantSeed {
  firstSeenAt: number | null;
  byCurrency: ReadonlyMap<Currency, { recent: ReadonlyArray<{ at: number; amount: bigint }>; earlyOrders: number; earlyVolume: bigint }>;
}

export class FeatureHistory {
  private readonly buyers = new Map<string, BuyerHistory>();
  private readonly merchants = new Map<string, MerchantHistory>();

  constructor(private readonly config: RiskConfig) {}

  seedBuyer(buyerId: string, seed: BuyerSeed): void {
    this.buyers.set(buyerId, { paidAts: [...seed.paidAts].sort((a, b) => a - b), regions: new Map(seed.regions), disputes: seed.disputes });
  }

  seedMerchant(merchantId: string, seed: MerchantSeed): void {
    const byCurrency = new Map([...seed.byCurrency].map(([currency, h]) => [currency, { ...h, recent: [...h.recent].sort((a, b) => a.at - b.at) }]));
    this.merchants.set(merchantId, { firstSeenAt: seed.firstSeenAt, byCurrency });
  }

  private buyer(id: string): BuyerHistory {
    let history = this.buyers.get(id);
    if (!history) this.buyers.set(id, (history = { paidAts: [], regions: new Map(), disputes: 0 }));
    return history;
  }

  private merchant(id: string): MerchantHistory {
    let history = this.merchants.get(id);
    if (!history) this.merchants.set(id, (history = { firstSeenAt: null, byCurrency: new Map() }));
    return history;
  }

  /** The features of `order` as of its payment, excluding the order itself. */
  features(order: RiskOrder): RiskFeatures {
    const buyer = this.buyers.get(order.buyerId);
    const merchant = this.merchants.get(order.merchantId);
    const since = order.paidAt - this.config.velocityWindowMs;
    const buyerOrdersInWindow = buyer ? buyer.paidAts.filter((at) => at >= since && at <= order.paidAt).length : 0;
    const currency = merchant?.byCurrency.get(order.currency);
    const historySince = order.paidAt - this.config.merchantHistoryWindowMs;
    const amounts = (currency?.recent ?? []).filter((r) => r.at >= historySince && r.at <= order.paidAt).map((r) => r.amount);
    amounts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      buyerOrdersInWindow,
      merchantHistory: { orders: amounts.length, medianAmount: percentile(amounts, 50), p90Amount: percentile(amounts, 90) },
      merchantFirstSeenAt: merchant?.firstSeenAt ?? null,
      merchantOrdersSinceFirstSeen: currency?.earlyOrders ?? 0,
      merchantVolumeSinceFirstSeen: currency?.earlyVolume ?? 0n,
      buyerUsualRegion: buyer ? usualRegion(buyer.regions) : null,
      buyerDisputes: { opened: buyer?.disputes ?? 0 },
    };
  }

  /** Adds a paid order to the history (after its features were taken). */
  recordOrder(order: RiskOrder): void {
    const buyer = this.buyer(order.buyerId);
    buyer.paidAts.push(order.paidAt);
    const keepFrom = order.paidAt - this.config.velocityWindowMs;
    while (buyer.paidAts.length > 0 && buyer.paidAts[0] < keepFrom) buyer.paidAts.shift();
    if (order.shippingRegion) buyer.regions.set(order.shippingRegion, (buyer.regions.get(order.shippingRegion) ?? 0) + 1);

    const merchant = this.merchant(order.merchantId);
    merchant.firstSeenAt ??= order.paidAt;
    let currency = merchant.byCurrency.get(order.currency);
    if (!currency) merchant.byCurrency.set(order.currency, (currency = { recent: [], earlyOrders: 0, earlyVolume: 0n }));
    currency.recent.push({ at: order.paidAt, amount: order.amount });
    if (currency.recent.length > MERCHANT_AMOUNTS_KEPT) currency.recent.shift();
    if (order.paidAt < merchant.firstSeenAt + this.config.newMerchantVolume.windowMs) {
      currency.earlyOrders += 1;
      currency.earlyVolume += order.amount;
    }
  }

  recordDispute(buyerId: string): void {
    this.buyer(buyerId).disputes += 1;
  }
}

/** The nearest-rank percentile of sorted amounts; null without any. */
function percentile(sorted: readonly bigint[], p: number): bigint | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The most frequent region; ties go to the alphabetically first, so replicas agree. */
function usualRegion(regions: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let count = 0;
  for (const [region, n] of regions) {
    if (n > count || (n === count && best !== null && region < best)) {
      best = region;
      count = n;
    }
  }
  return best;
}
