/**
 * Marketplace intake: a batch of marketplace events becomes domain events in one transaction.
 * Every event is decided by the core deciders (actor: marketplace) against states preloaded for
 * the batch and evolved in memory as the batch goes, so an order paid and shipped in the same
 * batch works. Each event is idempotent by the marketplace's id and answered on its own; its
 * domain events (possibly on two aggregates: a dispute opened also freezes the order) are
 * appended all together or not at all.
 */
import { messageReceived, openedDispute } from '../core/disputes/decide.js';
import type { DisputeState } from '../core/disputes/state.js';
import type { EscrowConfig } from '../core/escrow/config.js';
import { evolveOrder } from '../core/escrow/evolve.js';
import { handleOrderCommand } from '../core/escrow/handle.js';
import type { OrderState } from '../core/escrow/state.js';
import { kindOf } from '../core/ledger/kinds.js';
import type { RiskConfig } from '../core/risk/config.js';
import type { FeatureHistory } from '../core/risk/history.js';
import { readLists, seedHistory } from '../core/risk/history-seed.js';
import { scoreOrder } from '../core/risk/score.js';
import type { RiskAssessment, RiskLists, RiskOrder } from '../core/risk/types.js';
import type { IntakeAnswer } from '../shared/api/hub.js';
import type { AttachmentRef } from '../shared/escrow/dispute.js';
import { MARKETPLACE_ACTOR, SYSTEM_ACTOR, type DomainEventData, type EventEnvelope } from '../shared/escrow/envelope.js';
import type { PayoutEventData } from '../shared/escrow/merchant.js';
import type { AggregateKindName } from '../core/aggregates.js';
import type { ApplicationState, PayoutState } from '../core/merchants/state.js';
import { intakeTargets, toOrderCommand, toRecord } from '../core/marketplace.js';
import type { IdGenerator } from '../shared/ids.js';
import type { MarketplaceEvent } from '../shared/marketplace.js';
import { appendBatch } from './append.js';
import { bodyHash } from './commands.js';
import type { AnswerRecord, AttachmentInfo, HubStorage, HubTx } from './storage/types.js';

export interface IntakeContext {
  storage: HubStorage;
  clock: () => number;
  config: EscrowConfig;
  riskConfig: RiskConfig;
  newId: IdGenerator;
}

/** What the risk rules need for a batch: its buyers' and merchants' history, and the lists. */
interface RiskBatch {
  history: FeatureHistory;
  lists: RiskLists;
}

async function loadRiskBatch(tx: HubTx, batch: readonly MarketplaceEvent[], config: RiskConfig, now: number): Promise<RiskBatch> {
  const paid = batch.filter((e): e is Extract<MarketplaceEvent, { type: 'order.paid' }> => e.type === 'order.paid');
  const buyers = [...new Set([...paid.map((e) => e.buyerId)])];
  const merchants = [...new Set(paid.map((e) => e.merchantId))];
  return { history: await seedHistory(tx.query, config, buyers, merchants, now), lists: paid.length > 0 ? await readLists(tx.query) : { block: [], allow: [] } };
}

/** The order.paid of the marketplace, scored: refused, held for review, or let through. */
function assessPayment(e: Extract<MarketplaceEvent, { type: 'order.paid' }>, risk: RiskBatch, config: RiskConfig, now: number): { order: RiskOrder; assessment: RiskAssessment } {
  const order: RiskOrder = {
    orderId: e.orderId,
    buyerId: e.buyerId,
    merchantId: e.merchantId,
    amount: e.amount,
    currency: e.currency,
    paidAt: now,
    ...(e.buyerRegion ? { buyerRegion: e.buyerRegion } : {}),
    ...(e.shippingRegion ? { shippingRegion: e.shippingRegion } : {}),
    ...(e.deviceId ? { deviceId: e.deviceId } : {}),
    ...(e.shippingAddress ? { shippingAddress: e.shippingAddress } : {}),
  };
  return { order, assessment: scoreOrder({ order, features: risk.history.features(order), lists: risk.lists }, config) };
}

type Rejection = { code: string; message: string };
type Decided = EventEnvelope[] | Rejection;

/** The states a batch touches, preloaded once and evolved as the batch's events are decided. */
class BatchStates {
  private constructor(private readonly byKind: Map<AggregateKindName, Map<string, { version: number }>>) {}

  static async load(tx: HubTx, batch: readonly MarketplaceEvent[]): Promise<BatchStates> {
    const ids = new Map<AggregateKindName, Set<string>>();
    for (const { kind, id } of batch.flatMap(intakeTargets)) {
      const set = ids.get(kind) ?? new Set<string>();
      set.add(id);
      ids.set(kind, set);
    }
    const byKind = new Map<AggregateKindName, Map<string, { version: number }>>();
    for (const [kind, set] of ids) byKind.set(kind, await tx.ledger.loadStates(kind, [...set]));
    return new BatchStates(byKind);
  }

  get<S extends { version: number }>(kind: AggregateKindName, id: string): S | null {
    return (this.byKind.get(kind)?.get(id) as S | undefined) ?? null;
  }

  /** Evolves the states by events that will be appended with the batch. */
  evolve(events: readonly EventEnvelope[]): void {
    for (const event of events) {
      const kind = kindOf(event.type);
      if (!kind) continue;
      const states = this.byKind.get(kind.name) ?? new Map<string, { version: number }>();
      this.byKind.set(kind.name, states);
      states.set(event.aggregateId, kind.evolve(states.get(event.aggregateId) ?? null, event));
    }
  }
}

/** The files the batch's messages reference that the hub holds (uploaded before the batch). */
function loadFiles(tx: HubTx, batch: readonly MarketplaceEvent[]): Promise<Map<string, AttachmentInfo>> {
  const refs = batch.flatMap((e) => (e.type === 'dispute.message' ? (e.attachments ?? []) : []));
  // Most batches cite no file: no query for them.
  if (refs.length === 0) return Promise.resolve(new Map());
  return tx.attachmentInfo([...new Set(refs.map((a) => a.sha256))]);
}

/** A message may only reference files the hub holds, as they are: staff must be able to open them. */
function missingFile(attachments: readonly AttachmentRef[], files: Map<string, AttachmentInfo>): Rejection | null {
  for (const a of attachments) {
    const held = files.get(a.sha256);
    if (!held) return { code: 'attachment_missing', message: `attachment ${a.name} (${a.sha256}) was not uploaded: PUT /v1/marketplace/attachments/${a.sha256} first` };
    if (held.mime !== a.mime || held.size !== a.size) {
      return { code: 'attachment_missing', message: `attachment ${a.name} is referenced as ${a.mime}, ${a.size} bytes, but the uploaded file is ${held.mime}, ${held.size} bytes` };
    }
  }
  return null;
}

/** Decides one marketplace event against the batch's current states. */
function decide(e: MarketplaceEvent, states: BatchStates, risk: RiskBatch, files: Map<string, AttachmentInfo>, ctx: IntakeContext, now: number): Decided {
  const meta = { at: now, actor: MARKETPLACE_ACTOR, newId: ctx.newId, causationId: e.id };
  const stamp = (aggregateId: string, fromVersion: number, payloads: readonly DomainEventData[]): EventEnvelope[] =>
    payloads.map((data, i) => ({ id: ctx.newId(), aggregateId, version: fromVersion + i + 1, at: now, actor: MARKETPLACE_ACTOR, causationId: e.id, ...data }) as EventEnvelope);

  const record = toRecord(e);
  if (record) return stamp(record.aggregateId, states.get('record', record.aggregateId)?.version ?? 0, [record.payload]);

  if (e.type === 'merchant.applied') {
    const app = states.get<ApplicationState>('application', e.application.applicationId);
    // A merchant answers a request for information by sending the application again.
    if (app && app.status !== 'information_requested') return { code: 'application_exists', message: `application ${app.applicationId} is already ${app.status}` };
    return stamp(e.application.applicationId, app?.version ?? 0, [{ type: 'application.received', data: e.application }]);
  }

  if (e.type === 'payout.confirmed') {
    const { payoutId, status, bankReference, failureReason } = e.confirmation;
    const payout = states.get<PayoutState>('payout', payoutId);
    if (!payout) return { code: 'payout_not_found', message: `payout ${payoutId} does not exist` };
    if (payout.holdTransferId === null) return { code: 'payout_settled', message: `payout ${payoutId} is already ${payout.status}` };
    const data: PayoutEventData =
      status === 'paid' ? { type: 'payout.paid', data: bankReference ? { bankReference } : {} } : { type: 'payout.failed', data: failureReason ? { failureReason } : {} };
    return stamp(payoutId, payout.version, [data]);
  }

  if (e.type === 'dispute.message') {
    const dispute = states.get<DisputeState>('dispute', e.disputeId);
    if (!dispute || dispute.orderId !== e.orderId) return { code: 'dispute_not_found', message: `dispute ${e.disputeId} of order ${e.orderId} does not exist` };
    const { from, text, trackingNo, attachments = [] } = e;
    const missing = missingFile(attachments, files);
    if (missing) return missing;
    return stamp(e.disputeId, dispute.version, messageReceived(dispute, { from, text, attachments, ...(trackingNo ? { trackingNo } : {}) }, now, ctx.config));
  }

  const command = toOrderCommand(e)!;
  if (e.type === 'dispute.opened' && states.get('dispute', e.disputeId)) return { code: 'dispute_already_exists', message: `dispute ${e.disputeId} already exists` };
  const order = states.get<OrderState>('order', command.orderId);
  const handled = handleOrderCommand(order, command, { config: ctx.config, ...meta });
  if (!handled.ok) return { code: handled.code, message: handled.message };
  if (e.type === 'order.paid') return scored(e, handled.events, risk, ctx, meta);
  if (e.type === 'dispute.opened') risk.history.recordDispute(order!.buyerId);
  if (e.type === 'dispute.opened') {
    const { kind, reason, claimedAmount, message } = e;
    return [...handled.events, ...stamp(e.disputeId, 0, [openedDispute(order!, { kind, reason, claimedAmount, ...(message ? { message } : {}) }, now, ctx.config)])];
  }
  if (e.type === 'dispute.withdrawn') {
    const dispute = states.get<DisputeState>('dispute', e.disputeId);
    return dispute ? [...handled.events, ...stamp(e.disputeId, dispute.version, [{ type: 'dispute.withdrawn', data: {} }])] : handled.events;
  }
  return handled.events;
}

/**
 * A payment scored by the risk rules: a block-list match refuses it; a risky one is paid with
 * its hold frozen at once and a flag raised for the risk officers.
 */
function scored(e: Extract<MarketplaceEvent, { type: 'order.paid' }>, paidEvents: EventEnvelope[], risk: RiskBatch, ctx: IntakeContext, meta: { at: number; newId: IdGenerator; causationId: string }): Decided {
  const { order, assessment } = assessPayment(e, risk, ctx.riskConfig, meta.at);
  if (assessment.decision === 'refuse') {
    const entry = assessment.blockedBy!;
    return { code: 'blocked', message: `refused: ${entry.entityType} ${entry.value} is on the block list (${entry.reason})` };
  }
  risk.history.recordOrder(order);
  if (assessment.decision === 'pass') return paidEvents;
  const findings = assessment.findings.map(({ rule, points, reason }) => ({ rule, points, reason: reason.slice(0, 500) }));
  const reason = `risk score ${assessment.score} (${assessment.level}): ${findings.map((f) => f.rule).join(', ')}`.slice(0, 200);
  const paid = evolveOrder(null, paidEvents[0] as Parameters<typeof evolveOrder>[1]);
  const hold = handleOrderCommand(paid, { type: 'order.risk_hold', orderId: e.orderId, data: { reason } }, { config: ctx.config, actor: MARKETPLACE_ACTOR, ...meta });
  if (!hold.ok) return { code: hold.code, message: hold.message };
  const flag = {
    id: ctx.newId(),
    aggregateId: e.orderId,
    version: 1,
    at: meta.at,
    actor: SYSTEM_ACTOR,
    causationId: meta.causationId,
    type: 'risk.flagged',
    data: { buyerId: e.buyerId, merchantId: e.merchantId, amount: e.amount, currency: e.currency, score: assessment.score, level: assessment.level, findings },
  } as EventEnvelope;
  return [...paidEvents, ...hold.events, flag];
}

type Pending =
  | { kind: 'answered'; answer: IntakeAnswer }
  | { kind: 'events'; first: number; count: number }
  /** A repeat, earlier in the same batch, of the same event: it gets that one's answer. */
  | { kind: 'repeat'; index: number };

export async function processIntake(ctx: IntakeContext, batch: readonly MarketplaceEvent[]): Promise<IntakeAnswer[]> {
  return ctx.storage.write(async (tx) => {
    const prior = await tx.findAnswers('marketplace', batch.map((e) => e.id));
    const states = await BatchStates.load(tx, batch);
    const now = ctx.clock();
    const risk = await loadRiskBatch(tx, batch, ctx.riskConfig, now);
    const files = await loadFiles(tx, batch);
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
      const decided = decide(e, states, risk, files, ctx, now);
      if (!Array.isArray(decided)) return { kind: 'answered', answer: { id: e.id, status: 'rejected', ...decided } };
      states.evolve(decided);
      events.push(...decided);
      return { kind: 'events', first: events.length - decided.length, count: decided.length };
    });

    const groups = pending.flatMap((p) => (p.kind === 'events' ? [p.count] : []));
    const outcome = await appendBatch(tx, events, { groups });
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
      const refused = results.find((r) => r !== 'ok' && r !== 'linked_event_failed') ?? results.find((r) => r !== 'ok');
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
        aggregateId: intakeTargets(batch[i]).at(-1)?.id ?? null,
        status: answer.status,
        answer: JSON.stringify(answer),
        at: now,
      });
    });
    await tx.saveAnswers(fresh);
    return answers;
  });
}
