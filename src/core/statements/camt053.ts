/**
 * ISO 20022 camt.053 bank-to-customer statements (BkToCstmrStmt, schema versions .001.02 to
 * .001.08), streamed through `sax` in strict mode: one `Ntry` at a time is held in memory.
 *
 * Hostile XML is refused before it can cost anything: any DOCTYPE or ENTITY declaration
 * ('external_entity_refused': no entity, internal or external, is ever resolved, so neither
 * XXE nor billion laughs can happen), only the five predefined XML entities, UTF-8 only, and
 * limits on size, element depth and text length ('too_large').
 *
 * Per statement: the header comes from Stmt/Id, ElctrncSeqNb, Acct, FrToDt and the opening
 * balance (OPBD, else PRCD); every booked Ntry is a line; at `</Stmt>` opening + lines must
 * equal the closing balance (CLBD) and TxsSummry/TtlNtries must match the entries.
 */
import sax, { type QualifiedTag, type SAXOptions } from 'sax';
import { toDecimalString, type Currency } from '../../shared/money.js';
import { ElementValues, readBalance, readEntry, type TypedBalance } from './camt053-elements.js';
import { parseIsoDateTime } from './dates.js';
import { StatementFormatError } from './errors.js';
import { DEFAULT_MAX_BYTES, ItemQueue, Progress, readChunks } from './input.js';
import { hashLines } from './raw-hash.js';
import { StatementTally } from './tally.js';
import type { ParseOptions, StatementHeader, StatementParser, StatementSource } from './types.js';
import { requireAmount, requireCurrency } from './values.js';

export const CAMT053_NAMESPACES: readonly string[] = ['02', '03', '04', '05', '06', '07', '08'].map(
  (version) => `urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}`,
);

export const CAMT_LIMITS = {
  /** A camt.053 nests about 12 deep; anything far deeper is an attack or another document. */
  maxDepth: 32,
  /** Longest text of one element (the longest camt.053 text type is 500 characters). */
  maxTextChars: 10_000,
  /** Longest single Ntry, kept in memory for its raw hash. */
  maxEntryChars: 1024 * 1024,
} as const;

export async function* parseCamt053(source: StatementSource, options: ParseOptions = {}): StatementParser {
  const progress = new Progress(options);
  const out = new ItemQueue(progress);
  const reader = new Camt053Reader(out);
  for await (const chunk of readChunks(source, progress, options, DEFAULT_MAX_BYTES.xml, () => reader.lineNo)) {
    reader.write(chunk);
    progress.report();
    yield* out.drain(reader.lineNo);
  }
  reader.end();
  progress.report();
  yield* out.drain(reader.lineNo);
}

interface OpenElement {
  name: string;
  hasChildren: boolean;
}

interface OpenStatement {
  values: ElementValues;
  balances: TypedBalance[];
  header?: StatementHeader;
  tally: StatementTally;
  entries: number;
}

const DECLARATION = /<!(DOCTYPE|ENTITY)/i;
const LONGEST_DECLARATION = '<!DOCTYPE';

/** sax options; `strictEntities` (only the five XML entities) is missing from @types/sax. */
const SAX_OPTIONS: SAXOptions & { strictEntities: boolean } = { xmlns: true, position: true, strictEntities: true };

class Camt053Reader {
  private readonly parser = sax.parser(true, SAX_OPTIONS);
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly stack: OpenElement[] = [];
  private text = '';
  private statement: OpenStatement | undefined;
  /** The element whose subtree is being collected: a Bal or an Ntry, else the Stmt itself. */
  private scope: { values: ElementValues; depth: number } | undefined;
  private statementsRead = 0;
  private ending = false;
  /** Decoded text from `windowStart` on, kept while an Ntry is open for its raw hash. */
  private window = '';
  private windowStart = 0;
  private entryStart: number | undefined;
  private scanTail = '';

  constructor(private readonly out: ItemQueue) {
    const parser = this.parser;
    parser.onerror = (error) => this.fail(error);
    parser.onsgmldeclaration = (declaration) => {
      throw new StatementFormatError('bad_xml', this.lineNo, `unexpected declaration <!${declaration.slice(0, 20)}`);
    };
    parser.onprocessinginstruction = (instruction) => this.declaration(instruction);
    parser.onopentag = (tag) => this.open(tag as QualifiedTag);
    parser.onclosetag = () => this.close();
    parser.ontext = (text) => this.addText(text);
    parser.oncdata = (text) => this.addText(text);
  }

  get lineNo(): number {
    return this.parser.line + 1;
  }

  write(chunk: Buffer): void {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw new StatementFormatError('bad_encoding', this.lineNo, 'invalid UTF-8 byte sequence');
    }
    this.refuseDeclarations(text);
    this.window += text;
    this.parser.write(text);
    // Keep the open entry, or else the last tag, which may be an <Ntry> cut by the chunk end.
    const lastTagStart = (this.parser.startTagPosition ?? 1) - 1;
    const keepFrom = this.entryStart ?? Math.max(this.windowStart, lastTagStart);
    this.window = this.window.slice(keepFrom - this.windowStart);
    this.windowStart = keepFrom;
    if (this.window.length > CAMT_LIMITS.maxEntryChars) {
      throw new StatementFormatError('too_large', this.lineNo, `an entry (Ntry) or tag is longer than ${CAMT_LIMITS.maxEntryChars} characters`);
    }
  }

  end(): void {
    try {
      this.decoder.decode();
    } catch {
      throw new StatementFormatError('truncated', this.lineNo, 'the file ends inside a UTF-8 character');
    }
    this.ending = true;
    this.parser.close();
    if (this.statementsRead === 0) throw new StatementFormatError('truncated', this.lineNo, 'no camt.053 statement (Stmt) in the file');
  }

  private fail(error: Error): never {
    const reason = error.message.split('\n')[0];
    throw new StatementFormatError(this.ending ? 'truncated' : 'bad_xml', this.lineNo, this.ending ? `the XML ends early (${reason})` : `malformed XML: ${reason}`);
  }

  /**
   * Refuses DOCTYPE and ENTITY declarations in the text before sax sees it: sax would read a
   * whole DTD before reporting it, and it loses track of a quoted ENTITY value outside one.
   * `scanTail` carries the end of the previous chunk so a keyword cut in two is still seen.
   */
  private refuseDeclarations(text: string): void {
    const tail = this.scanTail;
    const scanned = tail + text;
    this.scanTail = scanned.slice(1 - LONGEST_DECLARATION.length);
    const match = DECLARATION.exec(scanned);
    if (!match) return;
    // sax has counted the lines before this chunk; add this chunk's line breaks before the match.
    const newlines = scanned.slice(tail.length, Math.max(tail.length, match.index)).split('\n').length - 1;
    throw new StatementFormatError(
      'external_entity_refused',
      this.parser.line + 1 + newlines,
      `a ${match[1].toUpperCase()} declaration is not allowed in a statement: entities are never resolved`,
    );
  }

  private declaration(instruction: { name: string; body: string }): void {
    if (instruction.name !== 'xml') return;
    const encoding = /encoding\s*=\s*["']([^"']+)["']/.exec(instruction.body)?.[1];
    if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') {
      throw new StatementFormatError('bad_encoding', this.lineNo, `only UTF-8 statements are read, this one declares ${encoding}`);
    }
  }

  private open(tag: QualifiedTag): void {
    const parent = this.stack.at(-1);
    if (parent) parent.hasChildren = true;
    this.stack.push({ name: tag.local, hasChildren: false });
    this.text = '';
    const depth = this.stack.length;
    if (depth > CAMT_LIMITS.maxDepth) throw new StatementFormatError('too_large', this.lineNo, `elements nest deeper than ${CAMT_LIMITS.maxDepth}`);
    if (depth === 1) return this.root(tag);
    if (depth === 2 && tag.local !== 'BkToCstmrStmt') throw new StatementFormatError('bad_header', this.lineNo, `not a camt.053 statement: <${tag.local}> instead of <BkToCstmrStmt>`);
    if (depth === 3 && tag.local === 'Stmt') {
      const values = new ElementValues(this.lineNo);
      this.statement = { values, balances: [], tally: new StatementTally(), entries: 0 };
      this.scope = { values, depth };
      return;
    }
    if (depth === 4 && this.statement && (tag.local === 'Bal' || tag.local === 'Ntry')) {
      if (tag.local === 'Ntry') {
        this.startStatement(this.statement);
        this.entryStart = this.parser.startTagPosition - 1;
      }
      this.scope = { values: new ElementValues(this.lineNo), depth };
      return;
    }
    if (!this.scope) return;
    const path = this.path();
    this.scope.values.open(path);
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === '' && attribute.local !== 'xmlns') this.scope.values.add(`${path}@${attribute.local}`, attribute.value, this.lineNo);
    }
  }

  private root(tag: QualifiedTag): void {
    if (tag.local !== 'Document') throw new StatementFormatError('bad_header', this.lineNo, `not a camt.053 document: root element <${tag.local}>`);
    if (!CAMT053_NAMESPACES.includes(tag.uri)) {
      throw new StatementFormatError('bad_header', this.lineNo, `unsupported namespace "${tag.uri.slice(0, 80)}" (camt.053.001.02 to .08 are read)`);
    }
  }

  private addText(text: string): void {
    if (!this.scope) return;
    this.text += text;
    if (this.text.length > CAMT_LIMITS.maxTextChars) {
      throw new StatementFormatError('too_large', this.lineNo, `an element's text is longer than ${CAMT_LIMITS.maxTextChars} characters`);
    }
  }

  private close(): void {
    const depth = this.stack.length;
    const element = this.stack.at(-1);
    const scope = this.scope;
    if (scope && element && depth > scope.depth && !element.hasChildren) scope.values.add(this.path(), this.text.trim(), this.lineNo);
    const statement = this.statement;
    if (statement && scope && depth === 4 && scope.depth === 4) {
      // The end of a Bal or an Ntry: back to collecting the statement's own elements.
      if (element?.name === 'Bal') statement.balances.push(readBalance(scope.values));
      else this.entry(statement, scope.values);
      this.scope = { values: statement.values, depth: 3 };
    } else if (statement && depth === 3) {
      this.finishStatement(statement);
      this.statement = undefined;
      this.scope = undefined;
    }
    this.stack.pop();
    this.text = '';
  }

  /** Path of the current element relative to the collected one: "NtryDtls/TxDtls/Refs/EndToEndId". */
  private path(): string {
    return this.stack
      .slice(this.scope?.depth ?? 0)
      .map((element) => element.name)
      .join('/');
  }

  private entry(statement: OpenStatement, values: ElementValues): void {
    const start = (this.entryStart ?? 0) - this.windowStart;
    const raw = this.window.slice(start, this.parser.position - this.windowStart).replace(/\r\n/g, '\n');
    this.entryStart = undefined;
    const line = readEntry(values, hashLines([Buffer.from(raw, 'utf8')]));
    const currency = this.startStatement(statement).currency;
    if (currency !== undefined && line.currency !== currency) {
      throw new StatementFormatError('bad_currency', line.lineNo, `entry in ${line.currency} in a statement in ${currency}`);
    }
    statement.entries += 1;
    statement.tally.add(line.amount, line.currency);
    this.out.line(line);
  }

  /**
   * Yields the statement's header once, before its first entry (or at its end when it has
   * none): every element it needs (Acct, FrToDt, Bal) precedes the entries in the schema.
   */
  private startStatement(statement: OpenStatement): StatementHeader {
    if (!statement.header) {
      statement.header = this.header(statement);
      this.out.header(statement.header);
    }
    return statement.header;
  }

  private header(statement: OpenStatement): StatementHeader {
    const values = statement.values;
    const opening = this.balance(statement, 'OPBD') ?? this.balance(statement, 'PRCD');
    const from = values.first('FrToDt/FrDtTm');
    const to = values.first('FrToDt/ToDtTm');
    return {
      format: 'camt053',
      lineNo: values.lineNo,
      account: values.first('Acct/Id/IBAN', 'Acct/Id/Othr/Id'),
      statementId: values.first('Id'),
      sequence: values.first('ElctrncSeqNb', 'LglSeqNb'),
      period: from && to ? { from: this.instant(from, values.lineOf('FrToDt/FrDtTm')), to: this.instant(to, values.lineOf('FrToDt/ToDtTm')) } : undefined,
      currency: opening?.balance.currency ?? this.accountCurrency(values),
      openingBalance: opening?.balance,
    };
  }

  private finishStatement(statement: OpenStatement): void {
    const header = this.startStatement(statement);
    const closing = this.balance(statement, 'CLBD');
    const currency = header.currency;
    if (header.openingBalance && closing && currency) {
      const net = statement.tally.net(currency);
      if (header.openingBalance.amount + net !== closing.balance.amount) {
        const show = (amount: bigint) => `${toDecimalString(amount, currency)} ${currency}`;
        throw new StatementFormatError(
          'totals_mismatch',
          closing.lineNo,
          `closing balance ${show(closing.balance.amount)} is not opening balance ${show(header.openingBalance.amount)} plus the entries ${show(net)}`,
        );
      }
    }
    this.checkDeclaredTotals(statement, currency);
    this.statementsRead += 1;
    this.out.summary({
      lineNo: this.lineNo,
      totals: statement.tally.totals(),
      closingBalance: closing?.balance,
      availableBalance: this.balance(statement, 'CLAV')?.balance,
    });
  }

  /** TxsSummry/TtlNtries: the number of entries and the sum of their absolute amounts. */
  private checkDeclaredTotals(statement: OpenStatement, currency: Currency | undefined): void {
    const values = statement.values;
    const count = values.first('TxsSummry/TtlNtries/NbOfNtries');
    if (count !== undefined && count !== String(statement.entries)) {
      throw new StatementFormatError('totals_mismatch', values.lineOf('TxsSummry/TtlNtries/NbOfNtries'), `TtlNtries declares ${count} entries, the statement has ${statement.entries}`);
    }
    const sum = values.first('TxsSummry/TtlNtries/Sum');
    if (sum === undefined || currency === undefined) return;
    const line = values.lineOf('TxsSummry/TtlNtries/Sum');
    const declared = requireAmount(sum, currency, line, 'TtlNtries/Sum');
    const actual = statement.tally.totals().reduce((total, t) => total + t.credits - t.debits, 0n);
    if (declared !== actual) {
      throw new StatementFormatError('totals_mismatch', line, `TtlNtries sums to ${sum}, the entries to ${toDecimalString(actual, currency)}`);
    }
  }

  private accountCurrency(values: ElementValues): Currency | undefined {
    const text = values.first('Acct/Ccy');
    return text === undefined ? undefined : requireCurrency(text, values.lineOf('Acct/Ccy'));
  }

  private balance(statement: OpenStatement, type: string): TypedBalance | undefined {
    return statement.balances.find((balance) => balance.type === type);
  }

  private instant(text: string, lineNo: number): number {
    const instant = parseIsoDateTime(text);
    if (instant === undefined) throw new StatementFormatError('bad_date', lineNo, `"${text.slice(0, 40)}" is not an ISO date and time`);
    return instant;
  }
}
