/**
 * An aggregate kind tells the ledger how the events of one kind of aggregate change its state
 * and which transfers they post. The ledger's apply loop is written once against this; each
 * kind keeps its own state in its own table.
 */
import type { EventEnvelope } from '../shared/escrow/envelope.js';
import type { TransferSpec } from './ledger/transfer.js';

export type AggregateKindName = 'order' | 'dispute' | 'risk' | 'risklist' | 'application' | 'merchant' | 'payout' | 'recon' | 'record';

export class EvolveError extends Error {
  constructor(
    readonly code: 'aggregate_not_found' | 'aggregate_already_exists' | 'hold_already_resolved' | 'version_mismatch' | 'amount_mismatch' | 'unknown_event_type',
    message: string,
  ) {
    super(message);
  }
}

export interface AggregateKind<S extends { version: number } = { version: number }> {
  readonly name: AggregateKindName;
  owns(eventType: string): boolean;
  /** The next state; throws EvolveError when the event does not fit the state. */
  evolve(state: S | null, event: EventEnvelope): S;
  /** The linked chain of transfers the event posts (empty for most events). */
  postings(before: S | null, event: EventEnvelope): TransferSpec[];
  /** Every account the aggregate's postings can touch, so a batch can preload them. */
  accountFootprint(state: S | null, event: EventEnvelope): string[];
  /** Pending transfers the aggregate holds open (the ones its next postings may resolve). */
  openHolds(state: S): string[];
}

export function assertNextVersion(state: { version: number } | null, event: EventEnvelope): void {
  const expected = (state?.version ?? 0) + 1;
  if (event.version !== expected) {
    throw new EvolveError('version_mismatch', `event ${event.id} has version ${event.version}, expected ${expected}`);
  }
}
