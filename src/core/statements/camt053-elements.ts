/**
 * What the camt.053 elements mean, once the streaming reader (camt053.ts) has collected the
 * text of one element's subtree by path. Paths are relative to the collected element and use
 * local names, so every schema version from .001.02 to .001.08 reads the same; where the
 * versions differ (Sts, party names) both paths are tried.
 */
import type { Currency } from '../../shared/money.js';
import { parseIsoDateTime } from './dates.js';
import { StatementFormatError } from './errors.js';
import type { Balance, StatementLine } from './types.js';
import { optionalText, requireAmount, requireCurrency } from './values.js';

/** The leaf values (and attributes, as `path@name`) of one element's subtree, in order. */
export class ElementValues {
  private readonly values = new Map<string, string[]>();
  private readonly lines = new Map<string, number>();
  private readonly opened = new Map<string, number>();

  constructor(readonly lineNo: number) {}

  open(path: string): void {
    this.opened.set(path, (this.opened.get(path) ?? 0) + 1);
  }

  add(path: string, value: string, lineNo: number): void {
    const list = this.values.get(path);
    if (list) list.push(value);
    else {
      this.values.set(path, [value]);
      this.lines.set(path, lineNo);
    }
  }

  first(...paths: string[]): string | undefined {
    for (const path of paths) {
      const value = this.values.get(path)?.[0];
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  }

  all(path: string): string[] {
    return this.values.get(path) ?? [];
  }

  /** How many times the element at `path` occurs. */
  count(path: string): number {
    return this.opened.get(path) ?? 0;
  }

  /** Line of the first occurrence of `path`, else of the collected element. */
  lineOf(path: string): number {
    return this.lines.get(path) ?? this.lineNo;
  }
}

export interface TypedBalance {
  /** OPBD, PRCD, CLBD, CLAV, … */
  type: string;
  balance: Balance;
  lineNo: number;
}

/** A `Bal` element. */
export function readBalance(bal: ElementValues): TypedBalance {
  const type = bal.first('Tp/CdOrPrtry/Cd', 'Tp/CdOrPrtry/Prtry') ?? '';
  const { amount, currency } = signedAmount(bal, bal.lineNo);
  const date = dateOf(bal, 'Dt');
  if (date === undefined) throw new StatementFormatError('bad_date', bal.lineNo, `balance ${type} has no date`);
  return { type, balance: { amount, currency, date }, lineNo: bal.lineNo };
}

const NOT_PROVIDED = 'NOTPROVIDED';

/**
 * An `Ntry` as a statement line. reference: the end-to-end id (unless NOTPROVIDED), else the
 * structured creditor reference, else the entry reference; externalId: the bank's
 * AcctSvcrRef; counterparty: the debtor of a credit, the creditor of a debit. Batch entries
 * (several TxDtls) stay one line of the booked amount, referenced by NtryRef.
 */
export function readEntry(entry: ElementValues, rawHash: string): StatementLine {
  const lineNo = entry.lineNo;
  const status = entry.first('Sts/Cd', 'Sts');
  if (status !== 'BOOK') {
    throw new StatementFormatError('bad_record', lineNo, `entry status is ${status ?? 'missing'}: a camt.053 statement books only BOOK entries`);
  }
  const { amount, currency } = signedAmount(entry, lineNo);
  const valueDate = dateOf(entry, 'ValDt');
  const bookedAt = dateOf(entry, 'BookgDt') ?? valueDate;
  if (bookedAt === undefined) throw new StatementFormatError('bad_date', lineNo, 'entry has neither a booking date nor a value date');
  const single = entry.count('NtryDtls/TxDtls') === 1;
  const tx = (path: string) => (single ? entry.first(`NtryDtls/TxDtls/${path}`) : undefined);
  const endToEnd = tx('Refs/EndToEndId');
  const party = amount >= 0n ? 'Dbtr' : 'Cdtr';
  const unstructured = entry.all('NtryDtls/TxDtls/RmtInf/Ustrd').filter((text) => text !== '');
  return {
    lineNo,
    rawHash,
    bookedAt,
    valueDate,
    amount,
    currency,
    reference: (endToEnd !== NOT_PROVIDED ? endToEnd : undefined) ?? tx('RmtInf/Strd/CdtrRefInf/Ref') ?? entry.first('NtryRef') ?? '',
    counterparty: tx(`RltdPties/${party}/Nm`) ?? tx(`RltdPties/${party}/Pty/Nm`),
    description: optionalText(unstructured.join(' ')) ?? entry.first('AddtlNtryInf'),
    externalId: entry.first('AcctSvcrRef') ?? tx('Refs/AcctSvcrRef'),
    kind: transactionCode(entry),
  };
}

/** Bank transaction code: "PMNT/RCDT/ESCT" from the ISO domain, else the proprietary code. */
function transactionCode(entry: ElementValues): string | undefined {
  const domain = [entry.first('BkTxCd/Domn/Cd'), entry.first('BkTxCd/Domn/Fmly/Cd'), entry.first('BkTxCd/Domn/Fmly/SubFmlyCd')];
  if (domain.every((code) => code !== undefined)) return domain.join('/');
  return entry.first('BkTxCd/Prtry/Cd');
}

/** `Amt` with its `Ccy` attribute, signed by `CdtDbtInd`. */
function signedAmount(values: ElementValues, lineNo: number): { amount: bigint; currency: Currency } {
  const currency = requireCurrency(values.first('Amt@Ccy') ?? '', lineNo);
  const magnitude = requireAmount(values.first('Amt') ?? '', currency, lineNo, 'Amt');
  const indicator = values.first('CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT') {
    throw new StatementFormatError('bad_record', lineNo, `CdtDbtInd must be CRDT or DBIT, not "${indicator ?? ''}"`);
  }
  return { amount: indicator === 'DBIT' ? -magnitude : magnitude, currency };
}

/** `<X><Dt>` (UTC midnight) or `<X><DtTm>` (its own offset, UTC without one). */
function dateOf(values: ElementValues, element: string): number | undefined {
  const path = [`${element}/Dt`, `${element}/DtTm`].find((candidate) => values.first(candidate) !== undefined);
  if (path === undefined) return undefined;
  const text = values.first(path) ?? '';
  const instant = parseIsoDateTime(text);
  if (instant === undefined) throw new StatementFormatError('bad_date', values.lineOf(path), `"${text.slice(0, 40)}" is not an ISO date`);
  return instant;
}
