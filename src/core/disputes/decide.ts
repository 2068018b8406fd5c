/**
 * The dispute decider. A decision may produce events on two aggregates: the dispute's own, and
 * the order's ledger movement when a resolution moves the held money (decided by the order
 * decider, so every escrow rule applies: shipped, not risk-frozen, within what is held).
 * Pure: time, configuration, the deciding staff member and the staff directory come in `ctx`.
 */
import type { DisputeRejection, OrderRejection } from '../../shared/escrow/codes.js';
import type { DisputeCommand, DisputeEventData, Resolution } from '../../shared/escrow/dispute.js';
import type { AttachmentRef } from '../../shared/escrow/dispute.js';
import type { OrderEventData } from '../../shared/escrow/order.js';
import type { IdGenerator } from '../../shared/ids.js';
import { needsFourEyes, type EscrowConfig } from '../escrow/config.js';
import { decideOrder } from '../escrow/decide.js';
import type { OrderState } from '../escrow/state.js';
import { isDisputeOpen, type DisputeState, type StaffRef } from './state.js';

export interface DisputeContext {
  now: number;
  config: EscrowConfig;
  /** The staff member deciding. */
  actor: StaffRef;
  newId: IdGenerator;
  /** Looks a staff member up by id (null: no such member). */
  staff: (id: string) => StaffRef | null;
}

export type DisputeDecision =
  | { ok: true; dispute: DisputeEventData[]; order: OrderEventData[] }
  | { ok: false; code: DisputeRejection | OrderRejection; message: string };

function reject(code: DisputeRejection | OrderRejection, message: string): DisputeDecision {
  return { ok: false, code, message };
}

function accept(dispute: DisputeEventData[], order: OrderEventData[] = []): DisputeDecision {
  return { ok: true, dispute, order };
}

interface Movement {
  resolution: Resolution;
  refundAmount: bigint;
  releaseAmount: bigint;
}

/** The money a resolution moves, from what the order holds now. */
function movementOf(order: OrderState, data: Extract<DisputeCommand, { type: 'dispute.resolve' }>['data']): Movement | DisputeDecision {
  const held = order.held;
  const { resolution, refundAmount, releaseAmount } = data;
  switch (resolution) {
    case 'refund_full':
    case 'release':
      if (refundAmount !== undefined || releaseAmount !== undefined) return reject('invalid_resolution', `${resolution} takes no amounts: it moves everything held`);
      return resolution === 'refund_full' ? { resolution, refundAmount: held, releaseAmount: 0n } : { resolution, refundAmount: 0n, releaseAmount: held };
    case 'refund_partial':
      if (refundAmount === undefined || releaseAmount !== undefined || refundAmount <= 0n) return reject('invalid_resolution', 'a partial refund needs a positive refund amount (and no release amount)');
      if (refundAmount >= held) return reject('refund_exceeds_held', `a partial refund must be less than the ${held} held; refund it in full instead`);
      return { resolution, refundAmount, releaseAmount: held - refundAmount };
    case 'split':
      if (refundAmount === undefined || releaseAmount === undefined || refundAmount <= 0n || releaseAmount <= 0n) {
        return reject('invalid_resolution', 'a split needs a positive amount for the buyer and one for the merchant');
      }
      if (refundAmount + releaseAmount !== held) return reject('split_must_equal_held', `the two shares must add up to the ${held} held`);
      return { resolution, refundAmount, releaseAmount };
  }
}

/** The order events that carry out a movement (a full refund voids; otherwise a partial post). */
function orderEventsFor(order: OrderState, movement: Movement, ctx: DisputeContext, note?: string): OrderEventData[] | DisputeDecision {
  const decision =
    movement.releaseAmount === 0n
      ? decideOrder(order, { type: 'order.refund', orderId: order.orderId, data: { amount: movement.refundAmount, currency: order.currency, ...(note ? { note } : {}) } }, ctx)
      : decideOrder(order, { type: 'order.release', orderId: order.orderId, data: { amount: movement.releaseAmount, currency: order.currency, ...(note ? { note } : {}) } }, ctx);
  return decision.ok ? decision.events : reject(decision.code, decision.message);
}

function isDecision(value: unknown): value is DisputeDecision {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

export function decideDispute(dispute: DisputeState | null, order: OrderState | null, command: DisputeCommand, ctx: DisputeContext): DisputeDecision {
  if (!dispute) return reject('dispute_not_found', `dispute ${command.disputeId} does not exist`);
  if (command.type === 'dispute.add_note') return accept([{ type: 'dispute.note_added', data: { text: command.data.text } }]);
  if (!isDisputeOpen(dispute)) return reject('dispute_closed', `dispute ${dispute.disputeId} is ${dispute.status}`);

  switch (command.type) {
    case 'dispute.assign': {
      const { assigneeId } = command.data;
      if (assigneeId === null) {
        if (!dispute.assignee) return reject('status_unchanged', 'the dispute is not assigned');
        return accept([{ type: 'dispute.assigned', data: { assignee: null } }]);
      }
      const assignee = ctx.staff(assigneeId);
      if (!assignee) return reject('assignee_unknown', `no staff member ${assigneeId}`);
      if (assignee.role !== 'agent') return reject('assignee_not_an_agent', `${assignee.name ?? assigneeId} is not a support agent`);
      if (dispute.assignee?.id === assignee.id) return reject('already_assigned', `the dispute is already assigned to ${assignee.name ?? assignee.id}`);
      return accept([{ type: 'dispute.assigned', data: { assignee: { id: assignee.id, role: 'agent', ...(assignee.name ? { name: assignee.name } : {}) } } }]);
    }
    case 'dispute.request_info': {
      const status = command.data.from === 'merchant' ? 'awaiting_merchant' : 'awaiting_buyer';
      if (dispute.status === status) return reject('status_unchanged', `the dispute is already ${status}`);
      const sla = command.data.from === 'merchant' ? ctx.config.disputeSla.merchantReplyMs : ctx.config.disputeSla.buyerReplyMs;
      return accept([{ type: 'dispute.status_changed', data: { status, deadlineAt: ctx.now + sla, cause: 'agent', ...(command.data.note ? { note: command.data.note } : {}) } }]);
    }
    case 'dispute.start_review':
      if (dispute.status === 'under_review') return reject('status_unchanged', 'the dispute is already under review');
      return accept([{ type: 'dispute.status_changed', data: { status: 'under_review', deadlineAt: ctx.now + ctx.config.disputeSla.agentDecisionMs, cause: 'agent' } }]);
    case 'dispute.resolve': {
      if (!order) return reject('order_not_found', `order ${dispute.orderId} does not exist`);
      if (command.data.currency !== dispute.currency) return reject('currency_mismatch', `the dispute is in ${dispute.currency}, not ${command.data.currency}`);
      if (order.holdTransferId === null) return reject('hold_already_resolved', `the hold of order ${order.orderId} is already ${order.status}`);
      if (dispute.proposal) return reject('proposal_pending', 'a proposed resolution is waiting for approval; decline it first');
      const movement = movementOf(order, command.data);
      if (isDecision(movement)) return movement;
      const note = command.data.note;
      const orderEvents = orderEventsFor(order, movement, ctx, note);
      if (isDecision(orderEvents)) return orderEvents;
      if (needsFourEyes(ctx.config, order.currency, movement.refundAmount) || needsFourEyes(ctx.config, order.currency, movement.releaseAmount)) {
        const proposedBy = { id: ctx.actor.id, role: ctx.actor.role as 'agent', ...(ctx.actor.name ? { name: ctx.actor.name } : {}) };
        return accept([{ type: 'dispute.resolution_proposed', data: { proposalId: ctx.newId(), proposedBy, ...movement, ...(note ? { note } : {}) } }]);
      }
      return accept([{ type: 'dispute.resolved', data: { ...movement, ...(note ? { note } : {}) } }], orderEvents);
    }
    case 'dispute.approve':
    case 'dispute.decline': {
      const proposal = dispute.proposal;
      if (!proposal) return reject('no_pending_proposal', 'no resolution is waiting for approval');
      if (proposal.proposalId !== command.data.proposalId) return reject('proposal_mismatch', 'the proposal was replaced; review the current one');
      if (proposal.proposedBy.id === ctx.actor.id) return reject('self_approval', 'the member who proposed a resolution cannot approve or decline it');
      if (command.type === 'dispute.decline') return accept([{ type: 'dispute.proposal_declined', data: { proposalId: proposal.proposalId, note: command.data.note } }]);
      if (!order) return reject('order_not_found', `order ${dispute.orderId} does not exist`);
      if (order.holdTransferId === null) return reject('hold_already_resolved', `the hold of order ${order.orderId} is already ${order.status}`);
      if (proposal.refundAmount + proposal.releaseAmount !== order.held) {
        return reject('proposal_mismatch', `the order holds ${order.held} now, not the ${proposal.refundAmount + proposal.releaseAmount} the proposal moves`);
      }
      const movement = { resolution: proposal.resolution, refundAmount: proposal.refundAmount, releaseAmount: proposal.releaseAmount };
      const orderEvents = orderEventsFor(order, movement, ctx, proposal.note);
      if (isDecision(orderEvents)) return orderEvents;
      const approvedBy = { id: ctx.actor.id, role: 'finance' as const, ...(ctx.actor.name ? { name: ctx.actor.name } : {}) };
      return accept([{ type: 'dispute.resolved', data: { ...movement, proposalId: proposal.proposalId, approvedBy, ...(command.data.note ? { note: command.data.note } : {}) } }], orderEvents);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What the marketplace and the hub's clock do to disputes.

export function openedDispute(order: OrderState, data: Omit<Extract<DisputeEventData, { type: 'dispute.opened' }>['data'], 'orderId' | 'buyerId' | 'merchantId' | 'currency' | 'heldAtOpen' | 'deadlineAt'>, now: number, config: EscrowConfig): DisputeEventData {
  return {
    type: 'dispute.opened',
    data: {
      orderId: order.orderId,
      buyerId: order.buyerId,
      merchantId: order.merchantId,
      currency: order.currency,
      heldAtOpen: order.held,
      ...data,
      deadlineAt: now + config.disputeSla.agentDecisionMs,
    },
  };
}

/** A message from a party; a reply the dispute was waiting for moves it to review. */
export function messageReceived(
  dispute: DisputeState,
  message: { from: 'buyer' | 'merchant'; text: string; trackingNo?: string; attachments: AttachmentRef[] },
  now: number,
  config: EscrowConfig,
): DisputeEventData[] {
  const events: DisputeEventData[] = [{ type: 'dispute.message_added', data: message }];
  const awaited = (dispute.status === 'awaiting_merchant' && message.from === 'merchant') || (dispute.status === 'awaiting_buyer' && message.from === 'buyer');
  if (awaited) events.push({ type: 'dispute.status_changed', data: { status: 'under_review', deadlineAt: now + config.disputeSla.agentDecisionMs, cause: 'reply' } });
  return events;
}

/** A party that did not reply in time: the agent decides without them. */
export function replyDeadlinePassed(dispute: DisputeState, now: number, config: EscrowConfig): DisputeEventData[] {
  const waiting = dispute.status === 'awaiting_merchant' || dispute.status === 'awaiting_buyer';
  if (!waiting || dispute.deadlineAt === null || now < dispute.deadlineAt) return [];
  return [{ type: 'dispute.status_changed', data: { status: 'under_review', deadlineAt: now + config.disputeSla.agentDecisionMs, cause: 'deadline' } }];
}
