import { ok } from '../../shared/result.js';
import { globalSearch, searchableKinds } from '../services/search.js';
import { daySeries } from '../services/series.js';
import { createApp } from './app.js';

/** Global search over indexes, and the overview's figures per China day. */
export const searchApp = createApp<'search.global' | 'stats.series'>({
  'search.global': async ({ q, limit }, ctx) => ok({ items: await globalSearch(ctx.store.ledger.db.read, q, limit, searchableKinds(ctx.session()!.role)) }),
  'stats.series': async ({ from, to, currency }, ctx) => ok({ currency, days: await daySeries(ctx.store.ledger.db.read, from, to, currency) }),
});
