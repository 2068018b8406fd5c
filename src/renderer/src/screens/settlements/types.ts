/**
 * What the payout methods answer, as the settlement screens read them. The contract declares
 * these outputs `unknown`; Candidate mirrors src/main/services/merchants.ts (payoutCandidates).
 * The reconciliation outputs (ImportResult, DayView, DaySummary, ExceptionView, RematchResult)
 * are the shared ones of src/shared/api/views.ts.
 */
import type { Currency } from '../../../../shared/money.js';

export type { Page, PayoutView } from '../merchants/types.js';

export interface Candidate {
  merchantId: string;
  currency: Currency;
  available: bigint;
}

/** Pushed on `recon.import.progress`. */
export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  linesRead: number;
}
