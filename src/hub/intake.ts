/**
 * Marketplace intake: a batch of marketplace events becomes domain events in one transaction.
 * Order events are decided by the core decider (actor: marketplace) against states kept in
 * memory for the batch, so an order paid and shipped in the same batch works; records
 * (applications, statement lines, payout confirmations) are appended as received. Each event is
 * idempotent by the marketplace's id and answered on its own.
 */
import type { EscrowConfig } from '../core/escrow/config.js';
import { evolveOrder } from '../core/escrow/evolve.js';
import { handleOrderCommand } from '../core/escrow/handle.js';
import type { OrderState } from '../core/escrow/state.js';
import type { RecordState } from '../core/records/kind.js';
import type { IntakeAnswer } from '../shared/api/hub.js';
import { MARKETPLACE_ACTOR, type EventEnvelope } from '../shared/escrow/envelope.js';
import type { OrderCommand } from '../shared/escrow/order.js';
import type { RecordEventData } from '../shared/escrow/records.js';
import type { IdGenerator } from '../shared/ids.js';
import type { MarketplaceEvent } from '../shared/marketplace.js';
import { appendBatch } from './append.js';
import { bodyHash } from './commands.js';
import type { AnswerRecord, HubStorage } from './storage/types.js';

export interface IntakeContext {
  storage: HubStorage;
  clock: () => number;
  config: EscrowConfig;
  newId: IdGenerator;
}

function toOrderCommand(e: MarketplaceEvent): OrderCommand | null {
  switch (e.type) {
    case 'order.paid': {
      const { id: _id, type: _type, orderId, ...data } = e;
      return { type: 'order.pay', orderId, data };
    }
    case 'order.shipped':
      return { type: 'order.ship', orderId: e.orderId, data: { method: e.method, ...(e.trackingNo === undefined ? {} : { trackingNo: e.trackingNo }) } };
    case 'order.confirmed':
      return { type: 'order.confirm', orderId: e.orderId };
    case 'order.extension_requested':
      return { type: 'order.extend', orderId: e.orderId };
    case 'dispute.opened': {
      const { id: _id, type: _type, orderId, ...data } = e;
      return { type: 'order.open_dispute', orderId, data };
    }
    case 'dispute.withdrawn':
      return { type: 'order.withdraw_dispute', orderId: e.orderId, data: { disputeId: e.disputeId } };
    default:
      return null;
  }
}

function toRecord(e: MarketplaceEvent): { aggregateId: string; payload: RecordEventData } | null {
  switch (e.type) {
    case 'merchant.applied':
      return { aggregateId: e.application.applicationId, payload: { type: 'merchant.application_received', data: e.application } };
    case 'bank.statement_line':
      return { aggregateId: e.line.lineId, payload: { type: 'statement.line_received', data: e.line } };
    case 'payout.confirmed':
      return { aggregateId: e.confirmation.payoutId, payload: { type: 'payout.bank_confirmed', data: e.confirmation } };
    default:
      return null;
  }
}

type Pending =
  | { kind: 'answered'; answer: IntakeAnswer }
  | { kind: 'events'; first: number; count: number }
  /** A repeat, earlier in the same batch, of the same event: it gets that one's answer. */
  | { kind: 'repeat'; index: number };

export async function processIntake(ctx: IntakeContext, batch: readonly MarketplaceEvent[]): Promise<IntakeAnswer[]> {
  return ctx.storage.write(async (tx) => {
    const prior = await tx.findAnswers('marketplace', batch.map((e) => e.id));
    const orderIds = [...new Set(batch.flatMap((e) => (toOrderCommand(e) ? [toOrderCommand(e)!.orderId] : [])))];
    const recordIds = [...new Set(batch.flatMap((e) => (toRecord(e) ? [toRecord(e)!.aggregateId] : [])))];
    const orders = (await tx.ledger.loadStates('order', orderIds)) as Map<string, OrderState>;
    const records = (await tx.ledger.loadStates('record', recordIds)) as Map<string, RecordState>;
    const now = ctx.clock();
    const hashes = batch.map(bodyHash);
    const inBatch = new Map<string, number>();
    const events: EventEnvelope[] = [];
    const pending: Pending[] = batch.map((e, i): Pending => {
      const earlier = prior.get(e.id);
      const earlierIndex = inBatch.get(e.id);
      if (earlier || earlierIndex !== undefined) {
        const sameBody = earlier ? earlier.bodyHash === hashes[i] : hashes[earlierIndex!] === hashes[i];
        if (!sameBody) return { kind: 'answered', answer: { id: e.id, status: 'rejected', code: 'exists_with_different_body', message: 'a different event was already sent with this id' } };
        return earlier ? { kind: 'answered', answer: JSON.parse(earlier.answer) as IntakeAnswer } : { kind: 'repeat', index: earlierIndex! };
      }
      inBatch.set(e.id, i);
      const command = toOrderCommand(e);
      if (command) {
        const state = orders.get(command.orderId) ?? null;
        const handled = handleOrderCommand(state, command, { config: ctx.config, at: now, actor: MARKETPLACE_ACTOR, newId: ctx.newId, causationId: e.id });
        if (!handled.ok) return { kind: 'answered', answer: { id: e.id, status: 'rejected', code: handled.code, message: handled.message } };
        let next = state;
        for (const event of handled.events) next = evolveOrder(next, event);
        orders.set(command.orderId, next!);
        events.push(...handled.events);
        return { kind: 'events', first: events.length - handled.events.length, count: handled.events.length };
      }
      const record = toRecord(e)!;
      const version = (records.get(record.aggregateId)?.version ?? 0) + 1;
      records.set(record.aggregateId, { id: record.aggregateId, version, type: record.payload.type, data: record.payload.data, at: now });
      events.push({ id: ctx.newId(), aggregateId: record.aggregateId, version, at: now, actor: MARKETPLACE_ACTOR, causationId: e.id, ...record.payload } as EventEnvelope);
      return { kind: 'events', first: events.length - 1, count: 1 };
    });

    const outcome = await appendBatch(tx, events);
    // The seqs of stored events, in order, aligned with the 'ok' results.
    const seqOf: Array<number | null> = [];
    let stored = 0;
    for (const result of outcome.results) seqOf.push(result === 'ok' ? outcome.seqs[stored++] : null);

    const answers: IntakeAnswer[] = [];
    pending.forEach((p, i) => answers.push(answerFor(p, i)));
    function answerFor(p: Pending, i: number): IntakeAnswer {
      if (p.kind === 'answered') return p.answer;
      if (p.kind === 'repeat') return answers[p.index];
      const id = batch[i].id;
      const results = outcome.results.slice(p.first, p.first + p.count);
      const refused = results.find((r) => r !== 'ok');
      if (refused) return { id, status: 'rejected', code: refused, message: `the ledger refused the event: ${refused.replace(/_/g, ' ')}` };
      return { id, status: 'accepted', seqs: seqOf.slice(p.first, p.first + p.count) as number[] };
    }
    const fresh: AnswerRecord[] = [];
    answers.forEach((answer, i) => {
      if (inBatch.get(batch[i].id) !== i || prior.has(batch[i].id)) return;
      fresh.push({
        source: 'marketplace',
        id: batch[i].id,
        bodyHash: hashes[i],
        actorId: null,
        type: batch[i].type,
        aggregateId: toOrderCommand(batch[i])?.orderId ?? toRecord(batch[i])?.aggregateId ?? null,
        status: answer.status,
        answer: JSON.stringify(answer),
        at: now,
      });
    });
    await tx.saveAnswers(fresh);
    return answers;
  });
}
