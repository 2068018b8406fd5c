import type { Currency } from '../../shared/money.js';
import type { ApplicationStatus, PayoutSchedule, PayoutStatus } from '../../shared/escrow/merchant.js';
import type { MerchantApplication } from '../kyb/application.js';
import type { StaffRef } from '../disputes/state.js';

export interface ApplicationState {
  applicationId: string;
  version: number;
  merchantId: string;
  status: ApplicationStatus;
  application: MerchantApplication;
  receivedAt: number;
  /** Requirements asked of the merchant and their deadline, while information is requested. */
  requested: { requirements: string[]; deadlineAt: number } | null;
  decidedBy: StaffRef | null;
  decidedAt: number | null;
  decision: string | null;
}

export interface MerchantState {
  merchantId: string;
  version: number;
  status: 'active' | 'suspended';
  applicationId: string;
  legalName: string;
  tier: string;
  payoutSchedule: PayoutSchedule;
  reserveBps: number;
  bankAccount: { kind: 'card' | 'iban'; number: string };
  activatedAt: number;
  suspendedReason: string | null;
}

export interface PayoutState {
  payoutId: string;
  version: number;
  merchantId: string;
  currency: Currency;
  amount: bigint;
  status: PayoutStatus;
  /** The pending transfer holding the money until the bank confirms; null once resolved. */
  holdTransferId: string | null;
  createdAt: number;
  sentAt: number | null;
  settledAt: number | null;
  failureReason: string | null;
  reissueOf: string | null;
  /** The payout that paid this failed one again. */
  reissuedAs: string | null;
}
