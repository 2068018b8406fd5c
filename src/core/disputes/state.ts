import type { Currency } from '../../shared/money.js';
import type { DisputeStatus, Resolution } from '../../shared/escrow/dispute.js';
import type { DisputeKind, DisputeReason } from '../../shared/escrow/order.js';

export interface StaffRef {
  id: string;
  name?: string;
  role: string;
}

export interface Proposal {
  proposalId: string;
  resolution: Resolution;
  refundAmount: bigint;
  releaseAmount: bigint;
  proposedBy: StaffRef;
  at: number;
  note?: string;
}

export interface DisputeState {
  disputeId: string;
  version: number;
  orderId: string;
  buyerId: string;
  merchantId: string;
  currency: Currency;
  heldAtOpen: bigint;
  kind: DisputeKind;
  reason: DisputeReason;
  claimedAmount: bigint;
  status: DisputeStatus;
  openedAt: number;
  /** The SLA deadline of the current status; null once closed. */
  deadlineAt: number | null;
  assignee: StaffRef | null;
  proposal: Proposal | null;
  refundAmount: bigint;
  releaseAmount: bigint;
  messages: number;
  lastMessageAt: number | null;
  updatedAt: number;
}

export function isDisputeOpen(state: DisputeState): boolean {
  return state.status === 'open' || state.status === 'awaiting_merchant' || state.status === 'awaiting_buyer' || state.status === 'under_review';
}
