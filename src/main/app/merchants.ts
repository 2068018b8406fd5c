import { err, ok } from '../../shared/result.js';
import { applicationPipeline, applicationReview, merchantDirectory, merchantProfile, payoutCandidates, payoutList } from '../services/merchants.js';
import { createApp } from './app.js';
import { decide } from './disputes.js';

export const merchantsApp = createApp<
  'merchants.pipeline' | 'merchants.application' | 'merchants.decide' | 'merchants.profile' | 'merchants.list' | 'payouts.list' | 'payouts.candidates'
>({
  'merchants.pipeline': async (query, ctx) => ok(await applicationPipeline(ctx.store.ledger.db.read, query, ctx.now())),
  'merchants.application': async ({ applicationId }, ctx) => {
    const review = await applicationReview(ctx.store.ledger.db.read, applicationId, ctx.now());
    return review ? ok(review) : err('not_found', `no application ${applicationId} on this console`);
  },
  // The command's own permission (onboarding decisions, finance payouts) is checked by the decider.
  'merchants.decide': ({ command }, ctx) => decide(ctx, command),
  'merchants.profile': async ({ merchantId }, ctx) => ok(await merchantProfile(ctx.store.ledger.db.read, merchantId)),
  'merchants.list': async (query, ctx) => ok(await merchantDirectory(ctx.store.ledger.db.read, query)),
  'payouts.list': async (query, ctx) => ok(await payoutList(ctx.store.ledger.db.read, query)),
  'payouts.candidates': async ({ schedule }, ctx) => ok(await payoutCandidates(ctx.store.ledger.db.read, schedule)),
});
