/**
 * What the case methods (`disputes.get`, `risk.get`, `orders.get`) answer, as the renderer reads
 * it. The contract declares these outputs `unknown` (the main process builds them from core
 * states the renderer may not import); these shapes mirror src/main/services/details.ts and
 * src/core/{escrow,disputes,riskreview}/state.ts. Amounts arrive as bigint.
 */
import type { MovementRow, PendingDecision, TimelineEntry } from '../../../shared/api/console.js';
import type { DisputeStatus, Resolution } from '../../../shared/escrow/dispute.js';
import type { DisputeKind, DisputeReason, ShippingMethod } from '../../../shared/escrow/order.js';
import type { ListEntityType, RiskFlagStatus, RiskList } from '../../../shared/escrow/risk.js';
import type { Currency } from '../../../shared/money.js';

export interface StaffRefView {
  id: string;
  name?: string;
  role: string;
}

export interface OrderView {
  orderId: string;
  version: number;
  status: 'paid' | 'shipped' | 'released' | 'refunded';
  buyerId: string;
  merchantId: string;
  currency: Currency;
  amount: bigint;
  held: bigint;
  refunded: bigint;
  released: bigint;
  fee: bigint;
  reserve: bigint;
  feeBps: number;
  reserveBps: number;
  reserveDueAt: number | null;
  holdTransferId: string | null;
  paidAt: number;
  shippingMethod: ShippingMethod | null;
  trackingNo: string | null;
  shippedAt: number | null;
  confirmDueAt: number | null;
  pausedRemainingMs: number | null;
  extensionUsed: boolean;
  dispute: { disputeId: string; kind: DisputeKind; reason: DisputeReason; claimedAmount: bigint; openedAt: number } | null;
  riskHoldReason: string | null;
  buyerRegion: string | null;
  shippingRegion: string | null;
  deviceId: string | null;
  shippingAddress: string | null;
  updatedAt: number;
}

export interface OrderDetailView {
  order: OrderView;
  timeline: TimelineEntry[];
  movements: MovementRow[];
  pending: PendingDecision[];
}

export interface ProposalView {
  proposalId: string;
  resolution: Resolution;
  refundAmount: bigint;
  releaseAmount: bigint;
  proposedBy: StaffRefView;
  at: number;
  note?: string;
}

export interface DisputeView {
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
  deadlineAt: number | null;
  assignee: StaffRefView | null;
  proposal: ProposalView | null;
  refundAmount: bigint;
  releaseAmount: bigint;
  messages: number;
  lastMessageAt: number | null;
  updatedAt: number;
}

export interface DisputeDetailView extends OrderDetailView {
  dispute: DisputeView;
}

export interface RiskFindingView {
  rule: string;
  points: number;
  reason: string;
}

export interface RiskFlagView {
  orderId: string;
  version: number;
  buyerId: string;
  merchantId: string;
  amount: bigint;
  currency: Currency;
  score: number;
  level: 'normal' | 'elevated' | 'highest';
  findings: RiskFindingView[];
  status: RiskFlagStatus;
  flaggedAt: number;
  reviewedBy: StaffRefView | null;
  reviewedAt: number | null;
  note: string | null;
}

export interface RiskDetailView extends OrderDetailView {
  flag: RiskFlagView;
  buyerOrders: OrderView[];
  merchantOrders: OrderView[];
  buyerDisputes: number;
}

export interface RiskListEntryView {
  entryId: string;
  version: number;
  list: RiskList;
  entityType: ListEntityType;
  value: string;
  reason: string;
  expiresAt: number | null;
  active: boolean;
  addedBy: StaffRefView;
  addedAt: number;
  removedAt: number | null;
}

export interface Ratio {
  numerator: number;
  denominator: number;
}

export interface BacktestTallyView {
  orders: number;
  laterDisputedOrFraud: number;
}

export interface BacktestRuleView {
  fired: number;
  flagged: number;
  laterDisputedOrFraud: number;
  precision: Ratio;
}

/** src/core/risk/backtest.ts BacktestReport. */
export interface BacktestReportView {
  period: { from: number; to: number } | null;
  total: BacktestTallyView;
  rules: Record<string, BacktestRuleView>;
  levels: Record<string, BacktestTallyView>;
  decisions: Record<string, BacktestTallyView>;
  allowListLowered: number;
}
