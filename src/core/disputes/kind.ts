import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import type { DisputeEventData } from '../../shared/escrow/dispute.js';
import type { AggregateKind } from '../aggregates.js';
import { evolveDispute } from './evolve.js';
import type { DisputeState } from './state.js';

/** Disputes post nothing themselves: their resolutions move money through order events. */
export const disputeKind: AggregateKind<DisputeState> = {
  name: 'dispute',
  owns: (type) => type.startsWith('dispute.'),
  evolve: (state, event) => evolveDispute(state, event as EventEnvelope<DisputeEventData>),
  postings: () => [],
  accountFootprint: () => [],
  openHolds: () => [],
};
