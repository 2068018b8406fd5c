/**
 * Records received from outside (merchant applications, statement lines, bank payout
 * confirmations): the ledger keeps each one's latest payload and version; they post nothing.
 */
import { RECORD_EVENT_TYPES } from '../../shared/escrow/records.js';
import { assertNextVersion, type AggregateKind } from '../aggregates.js';

export interface RecordState {
  id: string;
  version: number;
  type: string;
  data: unknown;
  at: number;
}

export const recordKind: AggregateKind<RecordState> = {
  name: 'record',
  owns: (type) => RECORD_EVENT_TYPES.has(type),
  evolve(state, event) {
    assertNextVersion(state, event);
    return { id: event.aggregateId, version: event.version, type: event.type, data: event.data, at: event.at };
  },
  postings: () => [],
  accountFootprint: () => [],
  openHolds: () => [],
};
