import type { DisputeState } from '../../shared/escrow/dispute.js';

export type { DisputeState, Proposal, StaffRef } from '../../shared/escrow/dispute.js';

export function isDisputeOpen(state: DisputeState): boolean {
  return state.status === 'open' || state.status === 'awaiting_merchant' || state.status === 'awaiting_buyer' || state.status === 'under_review';
}
