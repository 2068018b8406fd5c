/**
 * The MT940 fields that carry money: balances (:60F: :62F: :64:) and statement lines (:61:).
 * Dates are calendar days without a zone: they become UTC midnight. Years are two digits and
 * read as 20YY.
 */
import type { Currency } from '../../shared/money.js';
import { instantOf } from './dates.js';
import { StatementFormatError } from './errors.js';
import type { Balance } from './types.js';
import { requireAmount, requireCurrency } from './values.js';

/** `C261110EUR1000,00`: mark, YYMMDD, currency, amount with a decimal comma. */
export function parseBalance(tag: string, text: string, lineNo: number): Balance {
  const match = /^([CD])(\d{6})([A-Z]{3})(\d+,\d*)$/.exec(text.trim());
  if (!match) throw new StatementFormatError('bad_record', lineNo, `:${tag}: should look like C261110EUR1000,00, not "${text.slice(0, 40)}"`);
  const currency = requireCurrency(match[3], lineNo);
  const magnitude = swiftAmount(match[4], currency, lineNo, `:${tag}:`);
  return { amount: match[1] === 'D' ? -magnitude : magnitude, currency, date: swiftDate(match[2], lineNo) };
}

export interface Mt940Entry {
  valueDate: number;
  bookedAt: number;
  amount: bigint;
  /** Transaction type: N/F/S and a three-character code (NTRF, NCHG, FMSC). */
  kind: string;
  customerReference: string;
  bankReference?: string;
  supplementaryDetails?: string;
}

/**
 * `:61:` value date YYMMDD, optional entry date MMDD, mark (C, D, RC reversal of a credit, RD
 * reversal of a debit), optional funds code, amount, type, reference for the account owner,
 * optional `//` bank reference, optional second line of supplementary details.
 */
const STATEMENT_LINE = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d+,\d*)([NSF][A-Z0-9]{3})(.*)$/;

export function parseStatementLine(text: string, currency: Currency, lineNo: number): Mt940Entry {
  const [first, ...rest] = text.split('\n');
  const match = STATEMENT_LINE.exec(first.trim());
  if (!match) throw new StatementFormatError('bad_record', lineNo, `:61: is not a statement line: "${first.slice(0, 60)}"`);
  const [, valueText, entryText, mark, , amountText, kind, references] = match;
  const valueDate = swiftDate(valueText, lineNo);
  const magnitude = swiftAmount(amountText, currency, lineNo, ':61:');
  // A reversal of a debit brings money back; a reversal of a credit takes it away.
  const incoming = mark === 'C' || mark === 'RD';
  const split = references.indexOf('//');
  return {
    valueDate,
    bookedAt: entryText === undefined ? valueDate : entryDate(entryText, valueDate, lineNo),
    amount: incoming ? magnitude : -magnitude,
    kind,
    customerReference: split < 0 ? references : references.slice(0, split),
    bankReference: split < 0 ? undefined : references.slice(split + 2) || undefined,
    supplementaryDetails: rest.join('\n') || undefined,
  };
}

/** SWIFT amounts have a mandatory decimal comma and may omit the decimals ("150," = 150.00). */
function swiftAmount(text: string, currency: Currency, lineNo: number, label: string): bigint {
  const [whole, fraction] = text.split(',');
  return requireAmount(fraction ? `${whole}.${fraction}` : whole, currency, lineNo, label);
}

function swiftDate(yymmdd: string, lineNo: number): number {
  const instant = instantOf({ year: 2000 + Number(yymmdd.slice(0, 2)), month: Number(yymmdd.slice(2, 4)), day: Number(yymmdd.slice(4, 6)) });
  if (instant === undefined) throw new StatementFormatError('bad_date', lineNo, `"${yymmdd}" is not a date (YYMMDD)`);
  return instant;
}

/** The entry date has no year: take the one that puts it closest to the value date. */
function entryDate(mmdd: string, valueDate: number, lineNo: number): number {
  const valueYear = new Date(valueDate).getUTCFullYear();
  const candidates = [valueYear - 1, valueYear, valueYear + 1]
    .map((year) => instantOf({ year, month: Number(mmdd.slice(0, 2)), day: Number(mmdd.slice(2, 4)) }))
    .filter((instant): instant is number => instant !== undefined);
  if (candidates.length === 0) throw new StatementFormatError('bad_date', lineNo, `"${mmdd}" is not an entry date (MMDD)`);
  return candidates.reduce((best, candidate) => (Math.abs(candidate - valueDate) < Math.abs(best - valueDate) ? candidate : best));
}
