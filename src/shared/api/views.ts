/**
 * What the main process's case, statistics and reconciliation services answer (outputs the
 * console contract declares `unknown`), shared so the renderer reads the same shapes the main
 * process builds. Amounts are bigint (the transports encode them, see ./wire.ts).
 */
import type { AttachmentMime, DisputeState } from '../escrow/dispute.js';
import type { OrderState } from '../escrow/order.js';
import type { ExceptionCategory, ReconResolution, StatementFormat } from '../escrow/recon.js';
import type { RiskFlagState } from '../escrow/risk.js';
import type { Currency } from '../money.js';
import type { MovementRow, PendingDecision, TimelineEntry } from './console.js';

// ---------------------------------------------------------------------------------------------
// Case views (src/main/services/details.ts): `orders.get`, `disputes.get`, `risk.get`

export interface OrderDetail {
  order: OrderState;
  timeline: TimelineEntry[];
  movements: MovementRow[];
  pending: PendingDecision[];
}

export interface DisputeDetail extends OrderDetail {
  dispute: DisputeState;
}

/**
 * One evidence file of a case, read from the console's own copy (fetched from the hub once,
 * kept under its SHA-256, the hash checked again on every read). Bytes as base64: the same
 * answer crosses IPC and the browser mode's JSON.
 */
export interface AttachmentFile {
  sha256: string;
  name: string;
  mime: AttachmentMime;
  size: number;
  base64: string;
  /** Fetched from the hub by this call (false: served from the local copy). */
  fetched: boolean;
}

export interface RiskDetail extends OrderDetail {
  flag: RiskFlagState;
  buyerOrders: OrderState[];
  merchantOrders: OrderState[];
  buyerDisputes: number;
}

// ---------------------------------------------------------------------------------------------
// The morning counts (src/main/services/stats.ts): `stats.overview`

export interface MorningStats {
  /** The console's clock when the figures were read (the main process's, not the window's). */
  at: number;
  /** Open disputes by SLA: `overdue` past their deadline, `due_soon` within DUE_SOON_MS of it. */
  disputes: { by_status: Record<string, number>; open: number; overdue: number; due_soon: number };
  risk_flags: { by_level_unreviewed: Record<string, number>; unreviewed: number; by_status: Record<string, number> };
  holds_frozen: { by_dispute: number; by_risk: number };
  applications: { by_status: Record<string, number>; waiting: number };
  payouts: { by_status: Record<string, number> };
  /**
   * The last (China) day, YYYY-MM-DD, on which orders were paid, per currency: the overview
   * offers a longer range when the chosen one has none (a quiet spell, a replica of old data).
   */
  last_paid_day: Record<string, string>;
  /** Exceptions of days not yet closed that no resolution settles yet. */
  reconciliation: {
    open_exceptions_by_category: Record<string, number>;
    open_days: number;
    /** The same exceptions by the (China) day they belong to, YYYY-MM-DD: how old the backlog is. */
    open_exceptions_by_day: Record<string, number>;
  };
}

// ---------------------------------------------------------------------------------------------
// Statement import and reconciliation (src/main/services/{statement-import,reconciliation}.ts)

export interface ImportSummary {
  file: string;
  format: StatementFormat;
  kind: 'trade' | 'bank';
  account: string;
  lines_read: number;
  imported: number;
  already_present: number;
  days: string[];
}

export interface ReconcileSummary {
  matched: number;
  exceptions: Record<string, number>;
  /** Days already closed: their result stands until finance reopens them (an audited command). */
  closed_days: string[];
}

/** `recon.import`: the import's summary and the reconciliation of the days it touched. */
export type ImportResult = ImportSummary & ReconcileSummary;

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
  resolution: ReconResolution | null;
  pendingSync: boolean;
}

/** `recon.day`: a day's exceptions with what finance decided about each. */
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
  /** Exceptions without a resolution that counts (a proposed write-off is still open). */
  open: number;
  closed: boolean;
  /** When this console last matched the day; null: never (a day of the bank's feed waiting to be matched). */
  computedAt: number | null;
}

/** `recon.reconcile`: one day matched again (its exceptions counted). */
export interface RematchResult {
  dayId: string;
  expected: number;
  lines: number;
  matched: number;
  exceptions: number;
}
