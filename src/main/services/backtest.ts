/**
 * The risk backtest, on the local replica and offline: walks the order history in payment
 * order, computes each order's features as of its payment (the same FeatureHistory the hub
 * uses at intake), scores it with the given rule set, and tallies per rule how many orders it
 * would flag and how many of those were later disputed or refunded as fraud.
 */
import type { SqlRunner } from '../../core/db/sqlite.js';
import { orderShape, selectList } from '../../core/ledger/rows.js';
import { BacktestTally, type BacktestEntry, type BacktestReport } from '../../core/risk/backtest.js';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from '../../core/risk/config.js';
import { FeatureHistory } from '../../core/risk/history.js';
import type { ListEntry, RiskOrder } from '../../core/risk/types.js';

const PAGE = 5_000;

export interface BacktestOverrides {
  elevatedAt?: number;
  highestAt?: number;
  velocityThreshold?: number;
  amountMedianPercent?: number;
  since?: number;
}

/** The current rule set with the thresholds an officer edited. */
export function editedConfig(overrides: BacktestOverrides, base: RiskConfig = DEFAULT_RISK_CONFIG): RiskConfig {
  return {
    ...base,
    levels: { elevatedAt: overrides.elevatedAt ?? base.levels.elevatedAt, highestAt: overrides.highestAt ?? base.levels.highestAt },
    buyerVelocity: { ...base.buyerVelocity, ...(overrides.velocityThreshold ? { threshold: overrides.velocityThreshold, fullAt: Math.max(overrides.velocityThreshold, base.buyerVelocity.fullAt) } : {}) },
    amountAnomaly: { ...base.amountAnomaly, ...(overrides.amountMedianPercent ? { medianPercent: overrides.amountMedianPercent } : {}) },
  };
}

interface ListChange {
  at: number;
  added: boolean;
  list: 'block' | 'allow';
  entry: ListEntry & { id: string };
}

export async function runBacktest(db: SqlRunner, overrides: BacktestOverrides): Promise<BacktestReport> {
  const config = editedConfig(overrides);
  const since = overrides.since ?? 0;
  const disputes = await db.all<{ order_id: string; buyer_id: string; opened_at: number }>('SELECT order_id, buyer_id, opened_at FROM disputes ORDER BY opened_at');
  const disputed = new Set(disputes.map((d) => d.order_id));
  const fraud = new Set((await db.all<{ order_id: string }>("SELECT order_id FROM risk_flags WHERE status = 'fraud'")).map((r) => r.order_id));
  const listRows = await db.all<Record<string, unknown>>('SELECT entry_id, list, entity_type, value, reason, expires_at, added_at, removed_at FROM risk_list LIMIT 100000');
  const changes: ListChange[] = listRows.flatMap((r) => {
    const entry = { id: String(r.entry_id), entityType: r.entity_type as ListEntry['entityType'], value: String(r.value), reason: String(r.reason), expiresAt: r.expires_at === null ? null : Number(r.expires_at) };
    const list = r.list as 'block' | 'allow';
    const added: ListChange = { at: Number(r.added_at), added: true, list, entry };
    return r.removed_at === null ? [added] : [added, { at: Number(r.removed_at), added: false, list, entry }];
  });
  changes.sort((a, b) => a.at - b.at);
  const tally = new BacktestTally(config);
  for await (const entry of entries(db, config, since, disputes, disputed, fraud, changes)) tally.add(entry);
  return tally.report();
}

/** The history as backtest entries, streamed page by page in payment order. */
async function* pages(db: SqlRunner, since: number): AsyncGenerator<ReturnType<typeof orderShape.fromRow>[]> {
  let after: [number, string] = [since - 1, ''];
  for (;;) {
    const rows = await db.all<Record<string, unknown>>(
      `SELECT ${selectList(orderShape, true)} FROM orders WHERE (paid_at, order_id) > (?, ?) ORDER BY paid_at, order_id LIMIT ${PAGE}`,
      after,
    );
    if (rows.length === 0) return;
    const orders = rows.map(orderShape.fromRow);
    yield orders;
    const last = orders[orders.length - 1];
    after = [last.paidAt, last.orderId];
  }
}

function entries(
  db: SqlRunner,
  config: RiskConfig,
  since: number,
  disputes: ReadonlyArray<{ buyer_id: string; opened_at: number }>,
  disputed: ReadonlySet<string>,
  fraud: ReadonlySet<string>,
  changes: readonly ListChange[],
): AsyncIterable<BacktestEntry> {
  return {
    async *[Symbol.asyncIterator]() {
      const history = new FeatureHistory(config);
      const active = { block: new Map<string, ListEntry>(), allow: new Map<string, ListEntry>() };
      let nextDispute = 0;
      let nextChange = 0;
      for await (const orders of pages(db, since)) {
        for (const o of orders) {
          while (nextDispute < disputes.length && disputes[nextDispute].opened_at <= o.paidAt) history.recordDispute(disputes[nextDispute++].buyer_id);
          while (nextChange < changes.length && changes[nextChange].at <= o.paidAt) {
            const change = changes[nextChange++];
            if (change.added) active[change.list].set(change.entry.id, change.entry);
            else active[change.list].delete(change.entry.id);
          }
          const order: RiskOrder = {
            orderId: o.orderId,
            buyerId: o.buyerId,
            merchantId: o.merchantId,
            amount: o.amount,
            currency: o.currency,
            paidAt: o.paidAt,
            ...(o.shippingRegion ? { shippingRegion: o.shippingRegion } : {}),
            ...(o.deviceId ? { deviceId: o.deviceId } : {}),
            ...(o.shippingAddress ? { shippingAddress: o.shippingAddress } : {}),
          };
          yield {
            input: { order, features: history.features(order), lists: { block: [...active.block.values()], allow: [...active.allow.values()] } },
            outcome: { disputed: disputed.has(o.orderId), fraudRefunded: fraud.has(o.orderId) },
          };
          history.recordOrder(order);
        }
      }
    },
  };
}
