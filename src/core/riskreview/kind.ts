import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import type { RiskEventData, RiskListEventData } from '../../shared/escrow/risk.js';
import type { AggregateKind } from '../aggregates.js';
import { evolveRiskFlag, evolveRiskListEntry } from './evolve.js';
import type { RiskFlagState, RiskListEntryState } from './state.js';

/** Flags post nothing: a fraud refund moves money through the order's own events. */
export const riskFlagKind: AggregateKind<RiskFlagState> = {
  name: 'risk',
  owns: (type) => type.startsWith('risk.'),
  evolve: (state, event) => evolveRiskFlag(state, event as EventEnvelope<RiskEventData>),
  postings: () => [],
  accountFootprint: () => [],
  openHolds: () => [],
};

export const riskListKind: AggregateKind<RiskListEntryState> = {
  name: 'risklist',
  owns: (type) => type.startsWith('risklist.'),
  evolve: (state, event) => evolveRiskListEntry(state, event as EventEnvelope<RiskListEventData>),
  postings: () => [],
  accountFootprint: () => [],
  openHolds: () => [],
};
