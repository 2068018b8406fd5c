/**
 * The common shape of every parsed bank or Alipay statement, whatever the file format.
 *
 * A parser is an async generator of `StatementItem`s: for each statement in the file a
 * `header` (account, period, opening balance: all known before the first line in every
 * format), its `line`s, then a `summary` (closing balance, footer totals) that is yielded only
 * after the file's own totals were checked against the lines. MT940 and camt.053 files can
 * hold several statements; Alipay bills and generic CSV files hold one.
 *
 * Times are milliseconds since the epoch in UTC. A format without a time zone of its own is
 * read in the zone its issuer uses: Alipay bills in China Standard Time (UTC+08:00, no DST),
 * bank dates (MT940, camt.053 `Dt`) as UTC midnight of the calendar day, camt.053 `DtTm`
 * with its own offset (UTC when it has none), generic CSV in the mapping's `utcOffset`.
 */
import type { Readable } from 'node:stream';
import type { Currency } from '../../shared/money.js';

import type { StatementFormat } from '../../shared/escrow/recon.js';

export type { StatementFormat };

export interface StatementLine {
  /** 1-based physical line of the file where the record starts (camt.053: the `<Ntry>` tag). */
  lineNo: number;
  /**
   * SHA-256 (hex) of the record as it is in the file: its physical lines in the file's own
   * bytes, without line terminators, joined by LF (camt.053: the `<Ntry>` element's text).
   * Re-importing the same file gives the same hashes; CRLF/LF conversion does not change them.
   * Two byte-identical records in one file hash alike: the importer tells them apart.
   */
  rawHash: string;
  bookedAt: number;
  valueDate?: number;
  /** Signed minor units: money in is positive, money out (refunds, debits, fees) negative. */
  amount: bigint;
  currency: Currency;
  /** The best key to match on: merchant order number, end-to-end id, customer reference. */
  reference: string;
  counterparty?: string;
  description?: string;
  /** The bank's or Alipay's own id of the transaction. */
  externalId?: string;
  /** Business or transaction type as the file names it (交易/退款, NTRF, PMNT/RCDT/ESCT). */
  kind?: string;
  /** A fee charged (negative) or returned (positive) on this line, not included in `amount`. */
  fee?: bigint;
  /** The refund request number that tells several partial refunds of one order apart. */
  refundReference?: string;
}

export interface Balance {
  /** Signed minor units (a debit balance is negative). */
  amount: bigint;
  currency: Currency;
  /** UTC midnight of the balance date. */
  date: number;
}

export interface StatementHeader {
  format: StatementFormat;
  /** Line where the statement starts. */
  lineNo: number;
  account?: string;
  /** MT940 :20:, camt.053 Stmt/Id. */
  statementId?: string;
  /** MT940 :28C:, camt.053 ElctrncSeqNb. */
  sequence?: string;
  period?: { from: number; to: number };
  currency?: Currency;
  openingBalance?: Balance;
}

/** What the lines of one statement add up to, per currency. */
export interface CurrencyTotal {
  currency: Currency;
  count: number;
  /** Sum of the positive amounts. */
  credits: bigint;
  /** Sum of the negative amounts (zero or negative). */
  debits: bigint;
}

/** A total the file itself declares (Alipay `#交易合计：N笔，…共X元`), already verified. */
export interface DeclaredTotal {
  label: string;
  lineNo: number;
  count: number;
  amount: bigint;
  currency: Currency;
}

export interface StatementSummary {
  /** Line where the statement ends (last footer line, closing balance, `</Stmt>`). */
  lineNo: number;
  totals: CurrencyTotal[];
  closingBalance?: Balance;
  /** MT940 :64:, camt.053 CLAV. */
  availableBalance?: Balance;
  declaredTotals?: DeclaredTotal[];
  /** Alipay `#导出时间`. */
  exportedAt?: number;
}

export type StatementItem =
  | { type: 'header'; header: StatementHeader }
  | { type: 'line'; line: StatementLine }
  | { type: 'summary'; summary: StatementSummary };

export interface ParseOptions {
  /**
   * Called after every chunk read (and once at the end) with the bytes consumed and the
   * statement lines parsed so far. Compare `bytesRead` with the file size for a progress bar.
   */
  onProgress?(bytesRead: number, linesRead: number): void;
  /** Aborting stops the parse with a `cancelled` StatementFormatError. */
  signal?: AbortSignal;
  /** Refuse files larger than this ('too_large'). Defaults per format: see DEFAULT_MAX_BYTES. */
  maxBytes?: number;
}

/** A file stream, or any async iterable of bytes (tests, HTTP bodies). */
export type StatementSource = Readable | AsyncIterable<Uint8Array>;

export type StatementParser = AsyncGenerator<StatementItem, void, undefined>;
