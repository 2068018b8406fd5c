/**
 * The vocabulary of the reconciliation matcher: what the ledger expects to see on one day of a
 * settlement account, the statement lines that account actually shows, and how each of them
 * was accounted for. The matcher reads no storage and no clock: the console gathers both sides
 * and gets the same answer for the same input, every time.
 */
import { EXCEPTION_CATEGORIES, type ExceptionCategory } from '../../shared/escrow/recon.js';
import type { Currency } from '../../shared/money.js';
import type { StatementLine } from '../statements/types.js';
import type { MatchConfig } from './config.js';

export { EXCEPTION_CATEGORIES, type ExceptionCategory };

/** payment: money in (+); refund and payout: money out (−). */
export const EXPECTED_KINDS = ['payment', 'refund', 'payout'] as const;
export type ExpectedKind = (typeof EXPECTED_KINDS)[number];

/** A movement the ledger says the statement must show. */
export interface ExpectedItem {
  /** Stable and unique: `order:O123:paid`, `order:O123:refund:<eventId>`, `payout:P9`. */
  key: string;
  kind: ExpectedKind;
  /** What the statement line should carry: our order id (Alipay), the payout id (bank). */
  reference: string;
  /** Signed as the statement shows it: payments positive, refunds and payouts negative. */
  amount: bigint;
  currency: Currency;
  /** When the money moved (epoch ms). */
  at: number;
}

/**
 * The part of a parsed statement line the matcher reads. `lineNo` must be unique within one
 * input (a caller merging several files numbers their lines apart); `bookedAt` is the line's
 * time for the date window.
 */
export type StatementLineLike = Pick<StatementLine, 'lineNo' | 'rawHash' | 'bookedAt' | 'amount' | 'currency' | 'reference'>;

/** Every outcome, in order of precedence: the first that applies to an item or line is its outcome. */
export const MATCH_CATEGORIES = ['matched', ...EXCEPTION_CATEGORIES] as const;
export type MatchCategory = (typeof MATCH_CATEGORIES)[number];

export interface MatchInput {
  expected: readonly ExpectedItem[];
  lines: readonly StatementLineLike[];
  config: MatchConfig;
}

export interface Match {
  itemKey: string;
  lineNo: number;
  by: 'reference' | 'amount_date';
}

/**
 * Something finance must look at. `key` is stable: the same input always gives the same keys,
 * and finance resolves exceptions by key. An exception about an item is keyed by the item's
 * key, one about a line alone by the line's raw hash and line number.
 */
export interface ReconException {
  key: string;
  category: ExceptionCategory;
  itemKey?: string;
  itemKind?: ExpectedKind;
  lineNo?: number;
  lineRawHash?: string;
  expectedAmount?: bigint;
  statementAmount?: bigint;
  /** amount_mismatch: statement − expected (positive: the statement shows more than expected). */
  difference?: bigint;
  /** The item's currency when there is an item, the line's otherwise. */
  currency: Currency;
  /** currency_mismatch: the currency the line shows. */
  statementCurrency?: Currency;
  /** The item's reference as expected, or the line's as printed. */
  reference?: string;
  /** duplicate: the line this one repeats. */
  duplicateOfLineNo?: number;
  detail: string;
}

export type CategoryCounts = Record<MatchCategory, number>;

export interface CurrencyTotals {
  currency: Currency;
  /** Counted under the item's currency (a line alone: the line's). */
  counts: CategoryCounts;
  expectedCount: number;
  expectedSum: bigint;
  statementCount: number;
  statementSum: bigint;
  /** statementSum − expectedSum. */
  difference: bigint;
}

export interface MatchTotals {
  /** matched counts pairs; every other category counts exceptions. */
  counts: CategoryCounts;
  /** One entry per currency seen on either side, by currency code. */
  byCurrency: CurrencyTotals[];
}

export interface MatchResult {
  /** In line number order. */
  matches: Match[];
  /** In order of category precedence, then by key. */
  exceptions: ReconException[];
  totals: MatchTotals;
}
