/**
 * Seeds a FeatureHistory from a ledger database for the buyers and merchants of a batch, with
 * portable SQL (SQLite and PostgreSQL): a few set-based queries per batch, each bounded by the
 * windows the rules look at (recent payments, the merchant's last amounts, its first week).
 * Also reads the allow and block lists in force.
 */
import type { Currency } from '../../shared/money.js';
import type { Query } from '../ledger/verify.js';
import type { RiskConfig } from './config.js';
import { FeatureHistory, MERCHANT_AMOUNTS_KEPT, type MerchantSeed } from './history.js';
import type { ListEntry, RiskLists } from './types.js';

/** Most list entries read per batch; lists far beyond this belong in an indexed service. */
const MAX_LIST_ENTRIES = 10_000;

function marks(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

type Row = Record<string, unknown>;

/** Rows grouped by one column, so each id finds its rows without a scan. */
function byId(rows: readonly Row[], column: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = String(row[column]);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export async function seedHistory(query: Query, config: RiskConfig, buyers: readonly string[], merchants: readonly string[], from: number): Promise<FeatureHistory> {
  const history = new FeatureHistory(config);
  if (buyers.length > 0) {
    const recent = byId(await query(`SELECT buyer_id, paid_at FROM orders WHERE buyer_id IN (${marks(buyers)}) AND paid_at >= ?`, [...buyers, from - config.velocityWindowMs]), 'buyer_id');
    const regions = byId(await query(
      `SELECT buyer_id, shipping_region, count(*) AS n FROM orders WHERE buyer_id IN (${marks(buyers)}) AND shipping_region IS NOT NULL GROUP BY buyer_id, shipping_region`,
      [...buyers],
    ), 'buyer_id');
    const disputes = byId(await query(`SELECT buyer_id, count(*) AS n FROM disputes WHERE buyer_id IN (${marks(buyers)}) GROUP BY buyer_id`, [...buyers]), 'buyer_id');
    for (const buyerId of buyers) {
      history.seedBuyer(buyerId, {
        paidAts: (recent.get(buyerId) ?? []).map((r) => Number(r.paid_at)),
        regions: new Map((regions.get(buyerId) ?? []).map((r) => [String(r.shipping_region), Number(r.n)])),
        disputes: Number(disputes.get(buyerId)?.[0]?.n ?? 0),
      });
    }
  }
  if (merchants.length > 0) {
    const first = byId(await query(`SELECT merchant_id, min(paid_at) AS first FROM orders WHERE merchant_id IN (${marks(merchants)}) GROUP BY merchant_id`, [...merchants]), 'merchant_id');
    const early = byId(await query(
      `SELECT o.merchant_id AS merchant_id, o.currency AS currency, count(*) AS n, CAST(sum(o.amount) AS TEXT) AS volume
       FROM orders o JOIN (SELECT merchant_id, min(paid_at) AS first FROM orders WHERE merchant_id IN (${marks(merchants)}) GROUP BY merchant_id) f
         ON f.merchant_id = o.merchant_id
       WHERE o.paid_at < f.first + ? GROUP BY o.merchant_id, o.currency`,
      [...merchants, config.newMerchantVolume.windowMs],
    ), 'merchant_id');
    const amounts = byId(await query(
      `SELECT merchant_id, currency, paid_at, amount FROM (
         SELECT merchant_id, currency, paid_at, CAST(amount AS TEXT) AS amount,
                ROW_NUMBER() OVER (PARTITION BY merchant_id, currency ORDER BY paid_at DESC) AS rn
         FROM orders WHERE merchant_id IN (${marks(merchants)}) AND paid_at >= ?) recent
       WHERE rn <= ${MERCHANT_AMOUNTS_KEPT}`,
      [...merchants, from - config.merchantHistoryWindowMs],
    ), 'merchant_id');
    for (const merchantId of merchants) {
      const byCurrency = new Map<Currency, { recent: Array<{ at: number; amount: bigint }>; earlyOrders: number; earlyVolume: bigint }>();
      const entry = (currency: Currency) => {
        let e = byCurrency.get(currency);
        if (!e) byCurrency.set(currency, (e = { recent: [], earlyOrders: 0, earlyVolume: 0n }));
        return e;
      };
      for (const r of early.get(merchantId) ?? []) {
        const e = entry(r.currency as Currency);
        e.earlyOrders = Number(r.n);
        e.earlyVolume = BigInt(String(r.volume));
      }
      for (const r of amounts.get(merchantId) ?? []) entry(r.currency as Currency).recent.push({ at: Number(r.paid_at), amount: BigInt(String(r.amount)) });
      const firstRow = first.get(merchantId)?.[0];
      const seed: MerchantSeed = { firstSeenAt: firstRow ? Number(firstRow.first) : null, byCurrency };
      history.seedMerchant(merchantId, seed);
    }
  }
  return history;
}

/** The allow and block lists as they stand (entries removed are left out; expired ones are ignored by the rules). */
export async function readLists(query: Query): Promise<RiskLists> {
  const rows = await query(`SELECT list, entity_type, value, reason, expires_at FROM risk_list WHERE active = 1 AND entity_type <> 'name' ORDER BY added_at LIMIT ${MAX_LIST_ENTRIES}`);
  const entries = (list: string): ListEntry[] =>
    rows
      .filter((r) => r.list === list)
      .map((r) => ({ entityType: r.entity_type as ListEntry['entityType'], value: String(r.value), reason: String(r.reason), expiresAt: r.expires_at === null ? null : Number(r.expires_at) }));
  return { block: entries('block'), allow: entries('allow') };
}

/** Legal names on the block list, for screening merchant applications. */
export async function readScreeningList(query: Query): Promise<Array<{ id: string; name: string }>> {
  const rows = await query(`SELECT entry_id, value FROM risk_list WHERE active = 1 AND list = 'block' AND entity_type = 'name' ORDER BY added_at LIMIT ${MAX_LIST_ENTRIES}`);
  return rows.map((r) => ({ id: String(r.entry_id), name: String(r.value) }));
}
