/**
 * SWIFT MT940 customer statements, one or several per file, with or without the SWIFT block
 * envelope ({1:…}{2:…}{4: … -}):
 *
 *   :20: reference  :25: account  :28C: statement/sequence number
 *   :60F: (or :60M: for a continuation page) opening balance
 *   :61: statement line, optionally followed by :86: information for the account owner
 *   :62F: (or :62M:) closing balance, checked: opening + lines = closing
 *   :64: available balance, :65: forward available balance, :86: statement information
 *
 * A line's reference is the "reference for the account owner" of :61: (empty for NONREF),
 * its externalId the bank reference after `//`, its description the :86: text (or the :61:
 * supplementary details), its kind the transaction type (NTRF…). bookedAt is the entry date
 * when given, else the value date.
 */
import { toDecimalString, type Currency } from '../../shared/money.js';
import { StatementFormatError } from './errors.js';
import type { ItemQueue } from './input.js';
import { parseBalance, parseStatementLine } from './mt940-fields.js';
import { parseLines, type LineReader } from './parse-lines.js';
import { hashLines } from './raw-hash.js';
import { StatementTally } from './tally.js';
import type { TextLine } from './text-lines.js';
import type { Balance, ParseOptions, StatementHeader, StatementLine, StatementParser, StatementSource } from './types.js';

export function parseMt940(source: StatementSource, options: ParseOptions = {}): StatementParser {
  return parseLines(source, new Mt940Reader(), options);
}

interface Field {
  tag: string;
  lines: TextLine[];
}

interface OpenStatement {
  currency: Currency;
  opening: Balance;
  tally: StatementTally;
  /** The last :61:, kept until we know whether an :86: follows. */
  pending?: { line: StatementLine; rawLines: Buffer[]; hasInfo: boolean };
  closing?: { balance: Balance; lineNo: number };
  available?: Balance;
}

const FIELD_START = /^:(\d{2}[A-Z]?):/;
/** A SWIFT block ({1:…} to {5:…}) at the start of a line belongs to the envelope. */
const ENVELOPE_BLOCK = /^\{[1-5]:/;
/** Fields that carry nothing a statement line needs: related reference, date-time, forward balance. */
const IGNORED_TAGS = new Set(['21', '13D', '65']);

class Mt940Reader implements LineReader {
  readonly encoding = 'utf8';
  private field: Field | undefined;
  /** :20: :25: :28C: of the statement being read, until its opening balance starts it. */
  private preamble: StatementHeader | undefined;
  private statement: OpenStatement | undefined;
  private statementsRead = 0;

  line(line: TextLine, out: ItemQueue): void {
    const text = line.text.trimEnd();
    if (text === '') return;
    if (ENVELOPE_BLOCK.test(text)) return this.envelope(line, text);
    if (text === '-' || text.startsWith('-}')) {
      this.finishField(out);
      return this.finishStatement(line.no, out);
    }
    const start = FIELD_START.exec(text);
    if (start) {
      this.finishField(out);
      this.field = { tag: start[1], lines: [line] };
      return;
    }
    if (!this.field) throw new StatementFormatError('bad_record', line.no, `text outside any field: "${text.slice(0, 40)}"`);
    this.field.lines.push(line);
  }

  end(lastLineNo: number, out: ItemQueue): void {
    this.finishField(out);
    if (this.statement && !this.statement.closing) {
      throw new StatementFormatError('truncated', lastLineNo, 'the file ends before the closing balance (:62F:) of its last statement');
    }
    this.finishStatement(lastLineNo, out);
    if (this.statementsRead === 0) throw new StatementFormatError('bad_header', lastLineNo, 'no MT940 statement (:20: … :60F: … :62F:) in the file');
  }

  /** `{1:…}{2:…}{4:` opens a message; the fields start on the next line. */
  private envelope(line: TextLine, text: string): void {
    const body = text.indexOf('{4:');
    if (body >= 0 && text.slice(body + 3).trim() !== '') {
      throw new StatementFormatError('bad_record', line.no, 'the fields must start on the line after "{4:"');
    }
  }

  private finishField(out: ItemQueue): void {
    const field = this.field;
    if (!field) return;
    this.field = undefined;
    const lineNo = field.lines[0].no;
    const text = [field.lines[0].text.slice(field.tag.length + 2), ...field.lines.slice(1).map((l) => l.text)].map((part) => part.trimEnd()).join('\n');
    switch (field.tag) {
      case '20':
        if (this.statement) {
          if (!this.statement.closing) throw new StatementFormatError('bad_record', lineNo, 'a new statement (:20:) before the closing balance (:62F:) of the previous one');
          this.finishStatement(lineNo, out);
        }
        this.preamble = { format: 'mt940', lineNo, statementId: text.trim() };
        return;
      case '25':
        this.requirePreamble(field.tag, lineNo).account = text.trim();
        return;
      case '28':
      case '28C':
        this.requirePreamble(field.tag, lineNo).sequence = text.trim();
        return;
      case '60F':
      case '60M':
        return this.open(field.tag, text, lineNo, out);
      case '61':
        return this.statementLine(field, text, lineNo, out);
      case '86':
        return this.information(field, text, lineNo);
      case '62F':
      case '62M':
        return this.close(field.tag, text, lineNo, out);
      case '64':
        this.requireStatement(field.tag, lineNo).available = parseBalance(field.tag, text, lineNo);
        return;
      default:
        if (!IGNORED_TAGS.has(field.tag)) throw new StatementFormatError('bad_record', lineNo, `unexpected field :${field.tag}:`);
    }
  }

  private open(tag: string, text: string, lineNo: number, out: ItemQueue): void {
    const header = this.requirePreamble(tag, lineNo);
    if (this.statement) throw new StatementFormatError('bad_record', lineNo, `a second opening balance (:${tag}:)`);
    const opening = parseBalance(tag, text, lineNo);
    this.statement = { currency: opening.currency, opening, tally: new StatementTally() };
    out.header({ ...header, currency: opening.currency, openingBalance: opening });
  }

  private statementLine(field: Field, text: string, lineNo: number, out: ItemQueue): void {
    const statement = this.requireStatement('61', lineNo);
    if (statement.closing) throw new StatementFormatError('bad_record', lineNo, 'a statement line (:61:) after the closing balance');
    this.flushPending(out);
    const entry = parseStatementLine(text, statement.currency, lineNo);
    statement.pending = {
      rawLines: field.lines.map((l) => l.bytes),
      hasInfo: false,
      line: {
        lineNo,
        rawHash: '',
        bookedAt: entry.bookedAt,
        valueDate: entry.valueDate,
        amount: entry.amount,
        currency: statement.currency,
        reference: entry.customerReference === 'NONREF' ? '' : entry.customerReference,
        description: entry.supplementaryDetails,
        externalId: entry.bankReference,
        kind: entry.kind,
      },
    };
  }

  /** :86: after a :61: describes that line; after the closing balance, the statement. */
  private information(field: Field, text: string, lineNo: number): void {
    const statement = this.requireStatement('86', lineNo);
    const pending = statement.pending;
    if (!pending || statement.closing) return;
    if (pending.hasInfo) throw new StatementFormatError('bad_record', lineNo, 'a second :86: for the same statement line');
    pending.hasInfo = true;
    pending.line.description = text;
    pending.rawLines.push(...field.lines.map((l) => l.bytes));
  }

  private close(tag: string, text: string, lineNo: number, out: ItemQueue): void {
    const statement = this.requireStatement(tag, lineNo);
    if (statement.closing) throw new StatementFormatError('bad_record', lineNo, `a second closing balance (:${tag}:)`);
    this.flushPending(out);
    const closing = parseBalance(tag, text, lineNo);
    if (closing.currency !== statement.currency) {
      throw new StatementFormatError('bad_currency', lineNo, `closing balance in ${closing.currency}, opening balance in ${statement.currency}`);
    }
    const expected = statement.opening.amount + statement.tally.net(statement.currency);
    if (closing.amount !== expected) {
      const show = (amount: bigint) => `${toDecimalString(amount, statement.currency)} ${statement.currency}`;
      throw new StatementFormatError(
        'totals_mismatch',
        lineNo,
        `closing balance ${show(closing.amount)} is not opening balance ${show(statement.opening.amount)} plus the lines ${show(statement.tally.net(statement.currency))} = ${show(expected)}`,
      );
    }
    statement.closing = { balance: closing, lineNo };
  }

  private flushPending(out: ItemQueue): void {
    const statement = this.statement;
    const pending = statement?.pending;
    if (!statement || !pending) return;
    statement.pending = undefined;
    pending.line.rawHash = hashLines(pending.rawLines);
    statement.tally.add(pending.line.amount, statement.currency);
    out.line(pending.line);
  }

  /** Ends the current statement (at "-}", the next :20:, or the end of the file). */
  private finishStatement(lineNo: number, out: ItemQueue): void {
    const statement = this.statement;
    this.preamble = undefined;
    this.statement = undefined;
    if (!statement) return;
    if (!statement.closing) throw new StatementFormatError('bad_record', lineNo, 'the statement ends without a closing balance (:62F:)');
    this.statementsRead += 1;
    out.summary({
      lineNo: statement.closing.lineNo,
      totals: statement.tally.totals(),
      closingBalance: statement.closing.balance,
      availableBalance: statement.available,
    });
  }

  private requirePreamble(tag: string, lineNo: number): StatementHeader {
    if (!this.preamble) throw new StatementFormatError('bad_record', lineNo, `:${tag}: before the statement's :20: reference`);
    return this.preamble;
  }

  private requireStatement(tag: string, lineNo: number): OpenStatement {
    if (!this.statement) throw new StatementFormatError('bad_record', lineNo, `:${tag}: before the opening balance (:60F:)`);
    return this.statement;
  }
}
