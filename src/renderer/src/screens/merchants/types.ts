/**
 * What the merchant methods answer. The contract declares these outputs `unknown`; the shapes
 * below mirror src/main/services/merchants.ts (ApplicationReview, MerchantProfile, pages of
 * ApplicationState / MerchantState / PayoutState) and src/core/kyb (FieldCheck, Requirements),
 * which the renderer may not import.
 */
import type { z } from 'zod';
import type { Page } from '../../../../shared/api/console.js';
import type { ApplicationStatus, PayoutSchedule, PayoutStatus } from '../../../../shared/escrow/merchant.js';
import type { merchantApplicationSchema } from '../../../../shared/escrow/records.js';
import type { Currency } from '../../../../shared/money.js';

export type { Page };

export type ApplicationData = z.output<typeof merchantApplicationSchema>;

export interface StaffRefView {
  id: string;
  name?: string;
  role: string;
}

export interface ApplicationView {
  applicationId: string;
  version: number;
  merchantId: string;
  status: ApplicationStatus;
  application: ApplicationData;
  receivedAt: number;
  requested: { requirements: string[]; deadlineAt: number } | null;
  decidedBy: StaffRefView | null;
  decidedAt: number | null;
  decision: string | null;
}

export type CheckStatus = 'ok' | 'failed' | 'warning';

/** A pipeline row: the application with the automatic checks that did not pass, in the review's order. */
export interface PipelineApplicationView extends ApplicationView {
  attention: Array<{ field: string; status: Exclude<CheckStatus, 'ok'>; code?: string }>;
}

export interface FieldCheckView {
  /** The application's field path: "uscc", "legalName", "bankAccount.number", "documents.business_licence". */
  field: string;
  status: CheckStatus;
  code?: string;
  message: string;
  detail?: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
}

export interface RequirementsView {
  currently_due: string[];
  eventually_due: string[];
  past_due: string[];
  pending_verification: string[];
  errors: Array<{ field: string; code: string; reason: string }>;
  deadline: number | null;
}

export interface ApplicationReviewView {
  application: ApplicationView;
  checks: FieldCheckView[];
  requirements: RequirementsView;
}

export interface MerchantView {
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

export interface BalanceView {
  posted: bigint;
  pending: bigint;
  available: bigint;
}

export interface PayoutView {
  payoutId: string;
  version: number;
  merchantId: string;
  currency: Currency;
  amount: bigint;
  status: PayoutStatus;
  holdTransferId: string | null;
  createdAt: number;
  sentAt: number | null;
  settledAt: number | null;
  failureReason: string | null;
  reissueOf: string | null;
  reissuedAs: string | null;
}

export interface MerchantProfileView {
  merchant: MerchantView | null;
  balances: Array<{ currency: Currency; payable: BalanceView; reserve: BalanceView }>;
  payouts: PayoutView[];
  disputes: { open: number; total: number };
  flags: { unreviewed: number; total: number };
}
