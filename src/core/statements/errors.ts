/**
 * The one error every statement parser throws. A finance import refuses the whole file on the
 * first one, so it must say what is wrong and where: `code` is for programs (a flat list, like
 * the ledger's result codes), `line` and `message` are for the person who has to fix the file.
 */
export const STATEMENT_ERROR_CODES = [
  /** Bytes that are not valid in the file's encoding (or a UTF-8 file where GBK is required). */
  'bad_encoding',
  /** The file does not start the way its format requires (title, column row, XML root). */
  'bad_header',
  /** A row or field has the wrong shape: column count, quoting, tag order, missing element. */
  'bad_record',
  'bad_amount',
  'bad_date',
  'bad_currency',
  /** The file ends in the middle: open quote, no closing balance, no footer. */
  'truncated',
  /** Footer totals or the closing balance disagree with the lines. */
  'totals_mismatch',
  /** A size limit was exceeded (file, line, XML depth or text). */
  'too_large',
  'unknown_format',
  /** Malformed XML. */
  'bad_xml',
  /** A DOCTYPE or ENTITY declaration: refused outright, nothing is ever resolved. */
  'external_entity_refused',
  /** The caller's AbortSignal fired. */
  'cancelled',
] as const;

export type StatementErrorCode = (typeof STATEMENT_ERROR_CODES)[number];

export class StatementFormatError extends Error {
  override readonly name = 'StatementFormatError';

  /**
   * @param line 1-based physical line of the file where the problem was found (0 when nothing
   *   had been read yet).
   */
  constructor(
    readonly code: StatementErrorCode,
    readonly line: number,
    readonly detail: string,
  ) {
    super(line > 0 ? `line ${line}: ${detail}` : detail);
  }
}
