/**
 * RFC 4180 records out of decoded lines: quoted fields may hold the delimiter, doubled quotes
 * and line breaks, so one record can span several physical lines; it keeps the number of the
 * line it starts on. A quote inside an unquoted field is taken literally (exports that never
 * quote, like Alipay's, may carry one in a product name).
 */
import { StatementFormatError } from './errors.js';
import { hashLines } from './raw-hash.js';
import { MAX_LINE_BYTES, type TextLine } from './text-lines.js';

export interface CsvRecord {
  /** Line the record starts on. */
  lineNo: number;
  fields: string[];
  rawHash: string;
  /** The record is a blank line. */
  blank: boolean;
}

/** A quoted field may span lines, but not without bound. */
const MAX_RECORD_CHARS = 4 * MAX_LINE_BYTES;

export class CsvRecordReader {
  private pending: TextLine[] = [];
  private pendingText = '';

  constructor(private readonly delimiter: string) {}

  /** A quoted field is open: the next line continues the current record. */
  get open(): boolean {
    return this.pending.length > 0;
  }

  /** The record that `line` completes, or undefined while a quoted field is still open. */
  push(line: TextLine): CsvRecord | undefined {
    if (this.pending.length === 0 && !line.text.includes('"')) {
      // Fast path: most lines of most files are unquoted.
      return { lineNo: line.no, fields: line.text.split(this.delimiter), rawHash: hashLines([line.bytes]), blank: line.text === '' };
    }
    this.pending.push(line);
    this.pendingText = this.pending.length === 1 ? line.text : `${this.pendingText}\n${line.text}`;
    const lineNo = this.pending[0].no;
    if (this.pendingText.length > MAX_RECORD_CHARS) {
      throw new StatementFormatError('too_large', lineNo, `a quoted field runs over more than ${MAX_RECORD_CHARS} characters`);
    }
    const fields = splitQuoted(this.pendingText, this.delimiter, lineNo);
    if (!fields) return undefined;
    const record = { lineNo, fields, rawHash: hashLines(this.pending.map((l) => l.bytes)), blank: false };
    this.pending = [];
    this.pendingText = '';
    return record;
  }

  /** At the end of the file: an open quoted field means the file was cut off. */
  finish(): void {
    if (this.pending.length > 0) {
      throw new StatementFormatError('truncated', this.pending[0].no, 'the file ends inside a quoted field');
    }
  }
}

/** Fields of a record that contains quotes, or undefined when a quoted field is still open. */
function splitQuoted(text: string, delimiter: string, lineNo: number): string[] | undefined {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (text[at] === '"') {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return undefined;
        value += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      fields.push(value);
      if (at === text.length) return fields;
      if (!text.startsWith(delimiter, at)) {
        throw new StatementFormatError('bad_record', lineNo, `unexpected "${text[at]}" after a closing quote in field ${fields.length}`);
      }
      at += delimiter.length;
      continue;
    }
    const next = text.indexOf(delimiter, at);
    if (next < 0) {
      fields.push(text.slice(at));
      return fields;
    }
    fields.push(text.slice(at, next));
    at = next + delimiter.length;
  }
}
