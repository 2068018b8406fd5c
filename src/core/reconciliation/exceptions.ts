/**
 * The exceptions finance works through, with stable keys and a sentence each. An exception
 * about an item is keyed by category and item key (the item is what finance resolves, whichever
 * line it met); one about a line alone by category, raw hash and line number.
 */
import { money } from '../risk/text.js';
import type { Repeat } from './repeats.js';
import type { ExpectedItem, ReconException, StatementLineLike } from './types.js';

function describeLine(line: StatementLineLike): string {
  const reference = line.reference.trim() === '' ? 'no reference' : `reference "${line.reference}"`;
  return `line ${line.lineNo} (${money(line.amount, line.currency)}, ${reference})`;
}

function itemFields(item: ExpectedItem) {
  return { itemKey: item.key, itemKind: item.kind, expectedAmount: item.amount, currency: item.currency, reference: item.reference };
}

function lineFields(line: StatementLineLike) {
  return { lineNo: line.lineNo, lineRawHash: line.rawHash, statementAmount: line.amount };
}

export function amountMismatch(item: ExpectedItem, line: StatementLineLike): ReconException {
  const difference = line.amount - item.amount;
  const magnitude = difference < 0n ? -difference : difference;
  return {
    key: `amount_mismatch:${item.key}`,
    category: 'amount_mismatch',
    ...itemFields(item),
    ...lineFields(line),
    difference,
    detail: `${item.key} expects ${money(item.amount, item.currency)}; ${describeLine(line)} shows ${money(magnitude, item.currency)} ${difference > 0n ? 'more' : 'less'}`,
  };
}

export function currencyMismatch(item: ExpectedItem, line: StatementLineLike): ReconException {
  return {
    key: `currency_mismatch:${item.key}`,
    category: 'currency_mismatch',
    ...itemFields(item),
    ...lineFields(line),
    statementCurrency: line.currency,
    detail: `${item.key} expects ${money(item.amount, item.currency)}; ${describeLine(line)} is in ${line.currency}`,
  };
}

export function missingInStatement(item: ExpectedItem): ReconException {
  return {
    key: `missing_in_statement:${item.key}`,
    category: 'missing_in_statement',
    ...itemFields(item),
    detail: `no statement line shows ${item.key} (${money(item.amount, item.currency)}, reference "${item.reference}")`,
  };
}

export function duplicate(line: StatementLineLike, repeat: Repeat, original: StatementLineLike): ReconException {
  const how = repeat.how === 'identical_record' ? 'byte for byte' : 'with the reference and amount of that matched line';
  return {
    key: `duplicate:${line.rawHash}:${line.lineNo}`,
    category: 'duplicate',
    ...lineFields(line),
    currency: line.currency,
    reference: line.reference,
    duplicateOfLineNo: original.lineNo,
    detail: `${describeLine(line)} repeats line ${original.lineNo} ${how}`,
  };
}

/** `namesExpected`: the line's reference is that of expected items, none of which it fits. */
export function unknownInStatement(line: StatementLineLike, namesExpected: boolean): ReconException {
  return {
    key: `unknown_in_statement:${line.rawHash}:${line.lineNo}`,
    category: 'unknown_in_statement',
    ...lineFields(line),
    currency: line.currency,
    reference: line.reference,
    detail: namesExpected
      ? `${describeLine(line)} names expected items but fits none of them (amount, currency or sign differ, or they are taken)`
      : `${describeLine(line)} matches nothing expected`,
  };
}
