import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import type { ApplicationEventData, MerchantEventData, PayoutEventData } from '../../shared/escrow/merchant.js';
import { assertNextVersion, EvolveError } from '../aggregates.js';
import { transferIdOf } from '../escrow/postings.js';
import type { ApplicationState, MerchantState, PayoutState } from './state.js';

export function evolveApplication(state: ApplicationState | null, event: EventEnvelope<ApplicationEventData>): ApplicationState {
  assertNextVersion(state, event);
  if (event.type === 'application.received') {
    // A merchant answering a request for information sends the whole application again.
    if (state && state.status !== 'information_requested') throw new EvolveError('aggregate_already_exists', `application ${event.aggregateId} already exists`);
    return {
      applicationId: event.aggregateId,
      version: event.version,
      merchantId: event.data.merchantId,
      status: 'submitted',
      application: event.data,
      receivedAt: event.at,
      requested: null,
      decidedBy: null,
      decidedAt: null,
      decision: null,
    };
  }
  if (!state) throw new EvolveError('aggregate_not_found', `application ${event.aggregateId} does not exist`);
  const base = { ...state, version: event.version, decidedBy: event.data.by, decidedAt: event.at };
  switch (event.type) {
    case 'application.info_requested':
      return { ...base, status: 'information_requested', requested: { requirements: event.data.requirements, deadlineAt: event.data.deadlineAt }, decision: 'information_requested' };
    case 'application.approved':
      return { ...base, status: 'approved', requested: null, decision: `approved: ${event.data.tier}, ${event.data.payoutSchedule}, reserve ${event.data.reserveBps} bps` };
    case 'application.rejected':
      return { ...base, status: 'rejected', requested: null, decision: `rejected: ${event.data.reasonCode}` };
  }
}

export function evolveMerchant(state: MerchantState | null, event: EventEnvelope<MerchantEventData>): MerchantState {
  assertNextVersion(state, event);
  if (event.type === 'merchant.activated') {
    if (state) throw new EvolveError('aggregate_already_exists', `merchant ${event.aggregateId} is already active`);
    return { merchantId: event.aggregateId, version: 1, status: 'active', ...event.data, activatedAt: event.at, suspendedReason: null };
  }
  if (!state) throw new EvolveError('aggregate_not_found', `merchant ${event.aggregateId} does not exist`);
  return event.type === 'merchant.suspended'
    ? { ...state, version: event.version, status: 'suspended', suspendedReason: event.data.reason }
    : { ...state, version: event.version, status: 'active', suspendedReason: null };
}

export function evolvePayout(state: PayoutState | null, event: EventEnvelope<PayoutEventData>): PayoutState {
  assertNextVersion(state, event);
  if (event.type === 'payout.created') {
    if (state) throw new EvolveError('aggregate_already_exists', `payout ${event.aggregateId} already exists`);
    const { merchantId, currency, amount, reissueOf } = event.data;
    return {
      payoutId: event.aggregateId,
      version: 1,
      merchantId,
      currency,
      amount,
      status: 'pending',
      holdTransferId: transferIdOf(event.id, 0),
      createdAt: event.at,
      sentAt: null,
      settledAt: null,
      failureReason: null,
      reissueOf: reissueOf ?? null,
      reissuedAs: null,
    };
  }
  if (!state) throw new EvolveError('aggregate_not_found', `payout ${event.aggregateId} does not exist`);
  if (event.type === 'payout.reissued') return { ...state, version: event.version, reissuedAs: event.data.newPayoutId };
  if (state.holdTransferId === null) throw new EvolveError('hold_already_resolved', `payout ${state.payoutId} is already ${state.status}`);
  const base = { ...state, version: event.version };
  switch (event.type) {
    case 'payout.sent':
      return { ...base, status: 'in_transit', sentAt: event.at };
    case 'payout.paid':
      return { ...base, status: 'paid', holdTransferId: null, settledAt: event.at };
    case 'payout.failed':
      return { ...base, status: 'failed', holdTransferId: null, settledAt: event.at, failureReason: event.data.failureReason ?? null };
    case 'payout.canceled':
      return { ...base, status: 'canceled', holdTransferId: null, settledAt: event.at, failureReason: event.data.reason };
  }
}
