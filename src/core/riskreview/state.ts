import type { Currency } from '../../shared/money.js';
import type { ListEntityType, RiskFlagStatus, RiskList } from '../../shared/escrow/risk.js';
import type { StaffRef } from '../disputes/state.js';

export interface RiskFinding {
  rule: string;
  points: number;
  reason: string;
}

/** The risk flag of one order (its id is the order's). */
export interface RiskFlagState {
  orderId: string;
  version: number;
  buyerId: string;
  merchantId: string;
  amount: bigint;
  currency: Currency;
  score: number;
  level: 'normal' | 'elevated' | 'highest';
  findings: RiskFinding[];
  status: RiskFlagStatus;
  flaggedAt: number;
  reviewedBy: StaffRef | null;
  reviewedAt: number | null;
  note: string | null;
}

export interface RiskListEntryState {
  entryId: string;
  version: number;
  list: RiskList;
  entityType: ListEntityType;
  value: string;
  reason: string;
  expiresAt: number | null;
  active: boolean;
  addedBy: StaffRef;
  addedAt: number;
  removedAt: number | null;
}
