/**
 * What the payout and reconciliation methods answer. The contract declares these outputs
 * `unknown`; the shapes mirror src/main/services/merchants.ts (payoutCandidates),
 * src/main/services/reconciliation.ts (DaySummary, ExceptionView, ReconcileSummary),
 * src/main/services/statement-import.ts (ImportSummary) and src/core/recondays/day.ts (Resolution).
 */
import type { ExceptionCategory, ResolutionKind, StatementFormat } from '../../../../shared/escrow/recon.js';
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

/** `recon.import`: the import's summary and the reconciliation of the days it touched. */
export interface ImportResult {
  file: string;
  format: StatementFormat;
  kind: 'trade' | 'bank';
  account: string;
  lines_read: number;
  imported: number;
  already_present: number;
  days: string[];
  matched: number;
  exceptions: Partial<Record<ExceptionCategory, number>>;
  closed_days: string[];
}

export interface ResolutionView {
  category: string;
  resolution: ResolutionKind;
  reason: string;
  amount: bigint | null;
  currency: Currency | null;
  status: 'resolved' | 'proposed';
  by: { id: string; name?: string; role: string };
}

export interface ExceptionView {
  key: string;
  category: ExceptionCategory;
  itemKey: string | null;
  currency: Currency;
  expectedAmount: bigint | null;
  statementAmount: bigint | null;
  difference: bigint | null;
  reference: string | null;
  detail: string;
  resolution: ResolutionView | null;
  pendingSync: boolean;
}

export interface DayView {
  closed: boolean;
  matched: number;
  /** When this console last matched the day; null: never (nothing to close yet). */
  matchedAt: number | null;
  exceptions: ExceptionView[];
}

export interface DaySummary {
  dayId: string;
  expected: number;
  lines: number;
  matched: number;
  exceptions: number;
  open: number;
  closed: boolean;
  /** null: a day of the bank's feed this console has not matched yet (its figures are unknown). */
  computedAt: number | null;
}

export interface RematchResult {
  dayId: string;
  expected: number;
  lines: number;
  matched: number;
  exceptions: number;
}
