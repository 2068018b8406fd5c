/**
 * Appends decided events to the hub's log and ledger: all of them or none, followed by a
 * checkpoint (the ledger checksum at the new head) that pages of the log end on.
 */
import { applyEvents, type ApplyOutcome } from '../core/ledger/apply.js';
import type { EventEnvelope } from '../shared/escrow/envelope.js';
import type { HubTx } from './storage/types.js';

export type Appended = { ok: true; seqs: number[] } | { ok: false; code: string; message: string };

/** Appends the events of one decision: all of them or none. */
export async function appendEvents(tx: HubTx, events: readonly EventEnvelope[]): Promise<Appended> {
  const outcome = await appendBatch(tx, events, { atomic: true });
  const refused = outcome.results.find((r) => r !== 'ok');
  if (refused) return { ok: false, code: refused, message: `the ledger refused the movement: ${refused.replace(/_/g, ' ')}` };
  return { ok: true, seqs: outcome.seqs };
}

/** Appends a batch (each event answering on its own unless atomic) and checkpoints the head. */
export async function appendBatch(tx: HubTx, events: readonly EventEnvelope[], options: { atomic?: boolean; groups?: readonly number[] } = {}): Promise<ApplyOutcome> {
  const outcome = await applyEvents(tx.ledger, events, options);
  if (outcome.seqs.length > 0) await tx.addCheckpoint({ seq: outcome.seqs[outcome.seqs.length - 1], checksum: outcome.digest });
  return outcome;
}
