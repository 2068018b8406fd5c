import { err, ok } from '../../shared/result.js';
import { orderDetail } from '../services/details.js';
import { morningStats } from '../services/stats.js';
import { createApp } from './app.js';

export const ordersApp = createApp<'orders.get' | 'stats.overview'>({
  'orders.get': async ({ orderId }, ctx) => {
    const detail = await orderDetail(ctx.store.ledger.db.read, orderId);
    return detail ? ok(detail) : err('not_found', `no order ${orderId} on this console`);
  },
  'stats.overview': async (_input, ctx) => ok(await morningStats(ctx.store.ledger.db.read, ctx.now())),
});
