/**
 * What the merchant methods answer. The contract declares these outputs `unknown`. The states
 * (applications, merchants, payouts) are the shared ones of src/shared/escrow/merchant.ts, under
 * the names the screens use; the review and profile shapes below mirror
 * src/main/services/merchants.ts (ApplicationReview, MerchantProfile) and src/core/kyb
 * (FieldCheck, Requirements), which the renderer may not import.
 */
import type { Page } from '../../../../shared/api/console.js';
import type { ApplicationState, MerchantState, PayoutState } from '../../../../shared/escrow/merchant.js';
import type { Currency } from '../../../../shared/money.js';

export type { Page };
export type { StaffRef as StaffRefView } from '../../../../shared/escrow/dispute.js';
export type { ApplicationState as ApplicationView, MerchantApplication as ApplicationData, MerchantState as MerchantView, PayoutState as PayoutView } from '../../../../shared/escrow/merchant.js';

export type CheckStatus = 'ok' | 'failed' | 'warning';

/** A pipeline row: the application with the automatic checks that did not pass, in the review's order. */
export interface PipelineApplicationView extends ApplicationState {
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
  application: ApplicationState;
  checks: FieldCheckView[];
  requirements: RequirementsView;
}

interface BalanceView {
  posted: bigint;
  pending: bigint;
  available: bigint;
}

export interface MerchantProfileView {
  merchant: MerchantState | null;
  balances: Array<{ currency: Currency; payable: BalanceView; reserve: BalanceView }>;
  payouts: PayoutState[];
  disputes: { open: number; total: number };
  flags: { unreviewed: number; total: number };
}
