/**
 * Bank and Alipay statement parsers: streaming, cancellable, refusing a malformed file with
 * the line at fault. See types.ts for what a parse yields and errors.ts for why it stops.
 */
import { parseAlipayBill } from './alipay.js';
import { parseCamt053 } from './camt053.js';
import type { CsvMapping } from './csv-mapping.js';
import { parseCsvStatement } from './csv.js';
import { parseMt940 } from './mt940.js';
import type { ParseOptions, StatementParser, StatementSource } from './types.js';

export type StatementFormatSpec = { format: 'alipay' } | { format: 'csv'; mapping: CsvMapping } | { format: 'mt940' } | { format: 'camt053' };

export function parseStatement(source: StatementSource, spec: StatementFormatSpec, options: ParseOptions = {}): StatementParser {
  switch (spec.format) {
    case 'alipay':
      return parseAlipayBill(source, options);
    case 'csv':
      return parseCsvStatement(source, spec.mapping, options);
    case 'mt940':
      return parseMt940(source, options);
    case 'camt053':
      return parseCamt053(source, options);
  }
}

export { ALIPAY_TRADE_BILL_COLUMNS, parseAlipayBill } from './alipay.js';
export { CAMT053_NAMESPACES, CAMT_LIMITS, parseCamt053 } from './camt053.js';
export { formatAmount, parseFormattedAmount, type AmountFormat } from './csv-amount.js';
export { csvMappingSchema, type CsvMapping } from './csv-mapping.js';
export { parseCsvStatement } from './csv.js';
export { DATE_FORMATS, type DateFormat } from './dates.js';
export { DETECT_BYTES, detectFormat } from './detect.js';
export { STATEMENT_ERROR_CODES, StatementFormatError, type StatementErrorCode } from './errors.js';
export { DEFAULT_MAX_BYTES } from './input.js';
export { parseMt940 } from './mt940.js';
export type * from './types.js';
