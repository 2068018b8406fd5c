/**
 * Generic bank CSV, read through a saved column mapping (csv-mapping.ts). One statement per
 * file; there are no balances or totals to check, so malformed rows are all that is refused.
 */
import type { Currency } from '../../shared/money.js';
import { parseFormattedAmount } from './csv-amount.js';
import type { CsvColumn, CsvMapping } from './csv-mapping.js';
import { CsvRecordReader, type CsvRecord } from './csv-records.js';
import { parseDateText, parseUtcOffset } from './dates.js';
import { StatementFormatError } from './errors.js';
import type { ItemQueue } from './input.js';
import { parseLines, type LineReader } from './parse-lines.js';
import { StatementTally } from './tally.js';
import type { TextLine } from './text-lines.js';
import type { ParseOptions, StatementLine, StatementParser, StatementSource } from './types.js';
import { optionalText, requireCurrency } from './values.js';

export function parseCsvStatement(source: StatementSource, mapping: CsvMapping, options: ParseOptions = {}): StatementParser {
  return parseLines(source, new CsvStatementReader(mapping), options);
}

type ColumnKey = keyof CsvMapping['columns'];
type ColumnIndexes = Partial<Record<ColumnKey, number>>;

class CsvStatementReader implements LineReader {
  readonly encoding: CsvMapping['encoding'];
  private readonly records: CsvRecordReader;
  private readonly offsetMinutes: number;
  private readonly tally = new StatementTally();
  private headerSeen = false;
  private recordsRead = 0;
  /** Column positions; named columns are resolved at the last header row. */
  private indexes: ColumnIndexes | undefined;
  /** Fields per row, when a header row fixes it. */
  private width: number | undefined;
  /** Without a header row: enough fields to reach the last mapped column. */
  private readonly minimumWidth: number;

  constructor(private readonly mapping: CsvMapping) {
    this.encoding = mapping.encoding;
    this.records = new CsvRecordReader(mapping.delimiter);
    this.offsetMinutes = parseUtcOffset(mapping.utcOffset) ?? 0;
    if (mapping.headerRows === 0) this.indexes = resolveColumns(mapping.columns, [], 0);
    this.minimumWidth = Math.max(...Object.values(mapping.columns).map((column) => (typeof column === 'number' ? column + 1 : 0)));
  }

  line(line: TextLine, out: ItemQueue): void {
    this.startStatement(out);
    const record = this.records.push(line);
    if (!record || record.blank) return;
    this.recordsRead += 1;
    if (this.recordsRead < this.mapping.headerRows) return;
    if (this.recordsRead === this.mapping.headerRows) {
      this.indexes = resolveColumns(this.mapping.columns, record.fields.map((name) => name.trim()), record.lineNo);
      this.width = record.fields.length;
      return;
    }
    out.line(this.row(record));
  }

  end(lastLineNo: number, out: ItemQueue): void {
    this.records.finish();
    if (this.recordsRead < this.mapping.headerRows) {
      throw new StatementFormatError('truncated', lastLineNo, `expected ${this.mapping.headerRows} header row(s) before the data`);
    }
    this.startStatement(out);
    out.summary({ lineNo: lastLineNo, totals: this.tally.totals() });
  }

  private startStatement(out: ItemQueue): void {
    if (this.headerSeen) return;
    this.headerSeen = true;
    out.header({ format: 'csv', lineNo: 1 });
  }

  private row(record: CsvRecord): StatementLine {
    const { fields, lineNo } = record;
    const indexes = this.indexes ?? {};
    if (this.width !== undefined ? fields.length !== this.width : fields.length < this.minimumWidth) {
      const expected = this.width !== undefined ? `${this.width}` : `at least ${this.minimumWidth}`;
      throw new StatementFormatError('bad_record', lineNo, `expected ${expected} fields, found ${fields.length}`);
    }
    const field = (key: ColumnKey) => {
      const index = indexes[key];
      return index === undefined ? undefined : fields[index].trim();
    };
    const dateText = field('bookedAt') ?? '';
    const bookedAt = parseDateText(dateText, this.mapping.dateFormat, this.offsetMinutes);
    if (bookedAt === undefined) throw new StatementFormatError('bad_date', lineNo, `"${dateText.slice(0, 40)}" is not a date in the format ${this.mapping.dateFormat}`);
    const currency = this.currency(field('currency'), lineNo);
    const amount = parseFormattedAmount(field('amount') ?? '', currency, this.mapping.amountFormat, lineNo);
    this.tally.add(amount, currency);
    return {
      lineNo,
      rawHash: record.rawHash,
      bookedAt,
      amount,
      currency,
      reference: field('reference') ?? '',
      counterparty: optionalText(field('counterparty')),
      description: optionalText(field('description')),
      externalId: optionalText(field('externalId')),
    };
  }

  private currency(text: string | undefined, lineNo: number): Currency {
    if (text === undefined || text === '') return this.mapping.defaultCurrency;
    return requireCurrency(text.toUpperCase(), lineNo);
  }
}

function resolveColumns(columns: CsvMapping['columns'], names: readonly string[], lineNo: number): ColumnIndexes {
  const indexes: ColumnIndexes = {};
  const missing: string[] = [];
  for (const [key, column] of Object.entries(columns) as [ColumnKey, CsvColumn | undefined][]) {
    if (column === undefined) continue;
    const index = typeof column === 'number' ? column : names.indexOf(column);
    if (index < 0) missing.push(`"${column}"`);
    else indexes[key] = index;
  }
  if (missing.length > 0) throw new StatementFormatError('bad_header', lineNo, `the header row has no column ${missing.join(', ')}`);
  return indexes;
}
