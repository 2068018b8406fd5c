import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import { RESOLVED_STATUS, type DisputeEventData } from '../../shared/escrow/dispute.js';
import { assertNextVersion, EvolveError } from '../aggregates.js';
import type { DisputeState } from './state.js';

export type DisputeEvent = EventEnvelope<DisputeEventData>;

export function evolveDispute(state: DisputeState | null, event: DisputeEvent): DisputeState {
  assertNextVersion(state, event);
  if (event.type === 'dispute.opened') {
    if (state) throw new EvolveError('aggregate_already_exists', `dispute ${event.aggregateId} already exists`);
    const d = event.data;
    return {
      disputeId: event.aggregateId,
      version: 1,
      orderId: d.orderId,
      buyerId: d.buyerId,
      merchantId: d.merchantId,
      currency: d.currency,
      heldAtOpen: d.heldAtOpen,
      kind: d.kind,
      reason: d.reason,
      claimedAmount: d.claimedAmount,
      status: 'open',
      openedAt: event.at,
      deadlineAt: d.deadlineAt,
      assignee: null,
      proposal: null,
      refundAmount: 0n,
      releaseAmount: 0n,
      messages: d.message ? 1 : 0,
      lastMessageAt: d.message ? event.at : null,
      updatedAt: event.at,
    };
  }
  if (!state) throw new EvolveError('aggregate_not_found', `dispute ${event.aggregateId} does not exist`);
  const base = { ...state, version: event.version, updatedAt: event.at };
  switch (event.type) {
    case 'dispute.message_added':
      return { ...base, messages: state.messages + 1, lastMessageAt: event.at };
    case 'dispute.status_changed':
      return { ...base, status: event.data.status, deadlineAt: event.data.deadlineAt };
    case 'dispute.assigned':
      return { ...base, assignee: event.data.assignee };
    case 'dispute.note_added':
      return base;
    case 'dispute.resolution_proposed': {
      const { proposalId, proposedBy, resolution, refundAmount, releaseAmount, note } = event.data;
      return { ...base, proposal: { proposalId, proposedBy, resolution, refundAmount, releaseAmount, at: event.at, ...(note ? { note } : {}) } };
    }
    case 'dispute.proposal_declined':
      return { ...base, proposal: null };
    case 'dispute.resolved':
      return {
        ...base,
        status: RESOLVED_STATUS[event.data.resolution],
        refundAmount: event.data.refundAmount,
        releaseAmount: event.data.releaseAmount,
        proposal: null,
        deadlineAt: null,
      };
    case 'dispute.withdrawn':
      return { ...base, status: 'withdrawn', proposal: null, deadlineAt: null };
  }
}
