/**
 * Amounts as bank CSV exports write them ("1.234,56", "(1,234.56)", "1 234.56"), to and from
 * the plain decimal text of the Money module. Only the separators are handled here; the
 * digits become minor units in src/shared/money.ts, never through a float.
 */
import { toDecimalString, type Currency } from '../../shared/money.js';
import { StatementFormatError } from './errors.js';
import { requireAmount } from './values.js';

export interface AmountFormat {
  decimal: '.' | ',';
  thousands: '' | ',' | '.' | ' ';
  negative: 'minus' | 'parentheses';
}

/** Spreadsheets group with a no-break or narrow no-break space where a space is configured. */
const SPACE_SEPARATORS = /[\u00a0\u202f]/g;

/** Parses `text` written in `format`; throws 'bad_amount' naming `lineNo` when it is not. */
export function parseFormattedAmount(text: string, currency: Currency, format: AmountFormat, lineNo: number): bigint {
  const decimal = toPlainDecimal(text.trim(), format);
  if (decimal === undefined) {
    throw new StatementFormatError('bad_amount', lineNo, `"${text.slice(0, 40)}" is not an amount written like ${describe(format)}`);
  }
  return requireAmount(decimal, currency, lineNo, `"${text.slice(0, 40)}"`, { allowNegative: true });
}

export function formatAmount(minor: bigint, currency: Currency, format: AmountFormat): string {
  const plain = toDecimalString(minor < 0n ? -minor : minor, currency);
  const [whole, fraction] = plain.split('.');
  const grouped = format.thousands === '' ? whole : whole.replace(/\B(?=(\d{3})+$)/g, format.thousands);
  const body = fraction === undefined ? grouped : `${grouped}${format.decimal}${fraction}`;
  if (minor >= 0n) return body;
  return format.negative === 'minus' ? `-${body}` : `(${body})`;
}

/** "-1.234,56" in {decimal ',', thousands '.'} to "-1234.56"; undefined when malformed. */
function toPlainDecimal(text: string, format: AmountFormat): string | undefined {
  let body = text;
  let negative = false;
  if (format.negative === 'minus' && body.startsWith('-')) {
    negative = true;
    body = body.slice(1);
  } else if (format.negative === 'parentheses' && body.startsWith('(') && body.endsWith(')')) {
    negative = true;
    body = body.slice(1, -1);
  }
  if (format.thousands === ' ') body = body.replace(SPACE_SEPARATORS, ' ');
  const parts = body.split(format.decimal);
  if (parts.length > 2) return undefined;
  const [whole, fraction] = parts;
  const digits = ungroup(whole, format.thousands);
  if (digits === undefined || (fraction !== undefined && !/^\d+$/.test(fraction))) return undefined;
  return `${negative ? '-' : ''}${digits}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Whole-number digits with optional, correctly placed thousands separators removed. */
function ungroup(whole: string, thousands: AmountFormat['thousands']): string | undefined {
  if (/^\d+$/.test(whole)) return whole;
  if (thousands === '') return undefined;
  const groups = whole.split(thousands);
  const wellGrouped = /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((group) => /^\d{3}$/.test(group));
  return wellGrouped ? groups.join('') : undefined;
}

function describe(format: AmountFormat): string {
  return JSON.stringify(formatAmount(-123456789n, 'CNY', format));
}
