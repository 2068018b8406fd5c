/** Field values every format needs, turned into typed values or a StatementFormatError. */
import { isCurrency, parseAmount, type Currency } from '../../shared/money.js';
import { StatementFormatError } from './errors.js';

/** Decimal text ("12.30", "-0.12") to minor units through the one Money parser. */
export function requireAmount(text: string, currency: Currency, lineNo: number, label: string, options: { allowNegative?: boolean } = {}): bigint {
  const parsed = parseAmount(text, currency, options);
  if (!parsed.ok) throw new StatementFormatError('bad_amount', lineNo, `${label}: ${parsed.message}`);
  return parsed.value;
}

export function requireCurrency(text: string, lineNo: number): Currency {
  if (!isCurrency(text)) throw new StatementFormatError('bad_currency', lineNo, `unknown or unsupported currency "${text.slice(0, 10)}"`);
  return text;
}

/** Empty text means "not given". */
export function optionalText(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}
