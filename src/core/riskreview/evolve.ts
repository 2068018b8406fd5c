import type { EventEnvelope } from '../../shared/escrow/envelope.js';
import type { RiskEventData, RiskListEventData } from '../../shared/escrow/risk.js';
import { assertNextVersion, EvolveError } from '../aggregates.js';
import type { RiskFlagState, RiskListEntryState } from './state.js';

export function evolveRiskFlag(state: RiskFlagState | null, event: EventEnvelope<RiskEventData>): RiskFlagState {
  assertNextVersion(state, event);
  if (event.type === 'risk.flagged') {
    if (state) throw new EvolveError('aggregate_already_exists', `order ${event.aggregateId} is already flagged`);
    return { orderId: event.aggregateId, version: 1, ...event.data, status: 'open', flaggedAt: event.at, reviewedBy: null, reviewedAt: null, note: null };
  }
  if (!state) throw new EvolveError('aggregate_not_found', `order ${event.aggregateId} has no risk flag`);
  const reviewed = { ...state, version: event.version, reviewedBy: event.data.by, reviewedAt: event.at, note: event.data.note ?? null };
  switch (event.type) {
    case 'risk.cleared':
      return { ...reviewed, status: 'cleared' };
    case 'risk.kept':
      return { ...reviewed, status: 'kept' };
    case 'risk.fraud_refunded':
      return { ...reviewed, status: 'fraud' };
  }
}

export function evolveRiskListEntry(state: RiskListEntryState | null, event: EventEnvelope<RiskListEventData>): RiskListEntryState {
  assertNextVersion(state, event);
  if (event.type === 'risklist.entry_added') {
    if (state) throw new EvolveError('aggregate_already_exists', `list entry ${event.aggregateId} already exists`);
    const { by, ...entry } = event.data;
    return { entryId: event.aggregateId, version: 1, ...entry, active: true, addedBy: by, addedAt: event.at, removedAt: null };
  }
  if (!state) throw new EvolveError('aggregate_not_found', `list entry ${event.aggregateId} does not exist`);
  return { ...state, version: event.version, active: false, removedAt: event.at };
}
