import { riskListShape, selectList } from '../../core/ledger/rows.js';
import { err, ok } from '../../shared/result.js';
import type { RiskConfig } from '../../core/risk/config.js';
import { editedConfig, runBacktest } from '../services/backtest.js';
import { riskDetail } from '../services/details.js';
import { riskQueue } from '../services/queues.js';
import { createApp } from './app.js';
import { decide } from './disputes.js';

/** The editable thresholds a backtest ran with, so the officer sees what "current" means. */
function thresholdsOf(config: RiskConfig) {
  return {
    elevatedAt: config.levels.elevatedAt,
    highestAt: config.levels.highestAt,
    velocityThreshold: config.buyerVelocity.threshold,
    amountMedianPercent: config.amountAnomaly.medianPercent,
  };
}

export const riskApp = createApp<'risk.queue' | 'risk.get' | 'risk.decide' | 'risk.lists' | 'risk.backtest'>({
  'risk.queue': async (query, ctx) => ok(await riskQueue(ctx.store.ledger.db.read, query)),
  'risk.get': async ({ orderId }, ctx) => {
    const detail = await riskDetail(ctx.store.ledger.db.read, orderId);
    return detail ? ok(detail) : err('not_found', `no risk flag on order ${orderId} on this console`);
  },
  'risk.decide': ({ command }, ctx) => decide(ctx, command),
  'risk.lists': async ({ list, activeOnly }, ctx) => {
    const where = [activeOnly ? 'active = 1' : '1 = 1', ...(list ? ['list = ?'] : [])];
    const rows = await ctx.store.ledger.db.read.all<Record<string, unknown>>(
      `SELECT ${selectList(riskListShape, true)} FROM risk_list WHERE ${where.join(' AND ')} ORDER BY added_at DESC LIMIT 1000`,
      list ? [list] : [],
    );
    return ok(rows.map(riskListShape.fromRow));
  },
  'risk.backtest': async (overrides, ctx) => ok({ ...(await runBacktest(ctx.store.ledger.db.read, overrides)), thresholds: thresholdsOf(editedConfig(overrides)) }),
});
