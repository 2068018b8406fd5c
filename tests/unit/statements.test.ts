import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CURRENCIES, MAX_AMOUNT_MINOR } from '../../src/shared/money.js';
import {
  ALIPAY_ROWS,
  alipayRowText,
  BANK_CSV_MAPPING,
  buildFixtures,
  csvField,
  FIXTURE_DIR,
} from '../../resources/statements/make-fixtures.js';
import {
  csvMappingSchema,
  detectFormat,
  DETECT_BYTES,
  formatAmount,
  parseCsvStatement,
  parseStatement,
  StatementFormatError,
  type AmountFormat,
  type CsvMapping,
  type StatementFormatSpec,
  type StatementHeader,
  type StatementLine,
  type StatementSource,
  type StatementSummary,
} from '../../src/core/statements/index.js';
import { fcOptions } from '../support/fc.js';

const fixture = (name: string) => readFileSync(join(FIXTURE_DIR, name));
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const at = (iso: string) => Date.parse(iso);
const bankMapping: CsvMapping = csvMappingSchema.parse(JSON.parse(fixture('bank-export.mapping.json').toString('utf8')));

interface Parsed {
  headers: StatementHeader[];
  lines: StatementLine[];
  summaries: StatementSummary[];
}

async function collect(source: StatementSource, spec: StatementFormatSpec, options = {}): Promise<Parsed> {
  const parsed: Parsed = { headers: [], lines: [], summaries: [] };
  for await (const item of parseStatement(source, spec, options)) {
    if (item.type === 'header') parsed.headers.push(item.header);
    else if (item.type === 'line') parsed.lines.push(item.line);
    else parsed.summaries.push(item.summary);
  }
  return parsed;
}

const parseFixture = (name: string, spec: StatementFormatSpec) => collect(createReadStream(join(FIXTURE_DIR, name)), spec);

/** The bytes in chunks of `size`: every chunk boundary falls somewhere awkward at some size. */
function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
  return Readable.from(chunks);
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; line: number; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StatementFormatError);
  const { code, line, message } = error as StatementFormatError;
  return { code, line, message };
}

const ALIPAY: StatementFormatSpec = { format: 'alipay' };
const MT940: StatementFormatSpec = { format: 'mt940' };
const CAMT: StatementFormatSpec = { format: 'camt053' };
const BANK_CSV: StatementFormatSpec = { format: 'csv', mapping: bankMapping };

describe('fixtures', () => {
  it('are what make-fixtures.ts generates', () => {
    for (const [name, bytes] of Object.entries(buildFixtures())) expect(fixture(name).equals(bytes), name).toBe(true);
  });
});

describe('Alipay trade bill', () => {
  it('parses the GBK fixture exactly', async () => {
    const { headers, lines, summaries } = await parseFixture('alipay-trade-bill.csv', ALIPAY);
    expect(headers).toEqual([
      {
        format: 'alipay',
        lineNo: 1,
        currency: 'CNY',
        account: '20881234567890120156',
        period: { from: at('2026-11-10T16:00:00Z'), to: at('2026-11-11T16:00:00Z') },
      },
    ]);
    expect(lines).toEqual([
      {
        lineNo: 6,
        rawHash: sha256(iconv.encode(alipayRowText(ALIPAY_ROWS[0]), 'gbk')),
        bookedAt: at('2026-11-11T00:00:15+08:00'),
        amount: 12800n,
        currency: 'CNY',
        reference: 'E20261111000001',
        counterparty: '*庚辰(182****0001)',
        description: '羊毛围巾 灰色',
        externalId: '2026111122001400011234567801',
        kind: '交易',
        fee: -77n,
      },
      expect.objectContaining({ lineNo: 7, amount: 5990n, reference: 'E20261111000002', description: 'Phone case "Slim"', fee: -36n }),
      expect.objectContaining({
        lineNo: 8,
        amount: -2800n,
        kind: '退款',
        reference: 'E20261111000001',
        externalId: '2026111122001400011234567801',
        refundReference: 'R20261111000001',
        fee: 17n,
        bookedAt: at('2026-11-11T12:00:02Z'),
      }),
      expect.objectContaining({ lineNo: 9, amount: 199900n, fee: -1199n, bookedAt: at('2026-11-11T16:00:01Z') }),
    ]);
    lines.forEach((line, index) => expect(line.rawHash).toBe(sha256(iconv.encode(alipayRowText(ALIPAY_ROWS[index]), 'gbk'))));
    expect(summaries).toEqual([
      {
        lineNo: 13,
        totals: [{ currency: 'CNY', count: 4, credits: 218690n, debits: -2800n }],
        declaredTotals: [
          { label: '交易合计', lineNo: 11, count: 3, amount: 218690n, currency: 'CNY' },
          { label: '退款合计', lineNo: 12, count: 1, amount: -2800n, currency: 'CNY' },
        ],
        exportedAt: at('2026-11-12T09:15:02+08:00'),
      },
    ]);
  });

  it('reads the same bill saved as UTF-8 with a byte-order mark (hashing its own bytes)', async () => {
    const gbk = await parseFixture('alipay-trade-bill.csv', ALIPAY);
    const utf8 = await parseFixture('alipay-trade-bill-utf8-bom.csv', ALIPAY);
    expect(utf8.lines.map(({ rawHash: _, ...rest }) => rest)).toEqual(gbk.lines.map(({ rawHash: _, ...rest }) => rest));
    expect(utf8.lines[0].rawHash).toBe(sha256(Buffer.from(alipayRowText(ALIPAY_ROWS[0]), 'utf8')));
  });

  it('gives the same raw hashes after a CRLF to LF conversion', async () => {
    const lf = Buffer.from(fixture('alipay-trade-bill.csv').toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    const converted = await collect(Readable.from([lf]), ALIPAY);
    const original = await parseFixture('alipay-trade-bill.csv', ALIPAY);
    expect(converted.lines.map((line) => line.rawHash)).toEqual(original.lines.map((line) => line.rawHash));
  });

  it.each([
    ['alipay-utf8-without-bom.csv', 'bad_encoding', 1],
    ['alipay-invalid-gbk.csv', 'bad_encoding', 7],
    ['alipay-truncated.csv', 'truncated', 8],
    ['alipay-bad-amount.csv', 'bad_amount', 7],
    ['alipay-totals-mismatch.csv', 'totals_mismatch', 11],
  ])('refuses %s with %s at line %i', async (name, code, line) => {
    expect(await refusal(parseFixture(name, ALIPAY))).toMatchObject({ code, line });
  });

  it('names the footer line and both totals in a mismatch', async () => {
    const { message } = await refusal(parseFixture('alipay-totals-mismatch.csv', ALIPAY));
    expect(message).toBe('line 11: #交易合计 declares 3 rows totalling 2186.80 CNY; the bill has 3 交易 rows totalling 2186.90 CNY');
  });

  const billWith = (edit: (text: string) => string) => Readable.from([iconv.encode(edit(iconv.decode(fixture('alipay-trade-bill.csv'), 'gbk')), 'gbk')]);

  it.each([
    ['a refund with a positive amount', (t: string) => t.replace(',-28.00,-28.00,', ',-28.00,28.00,'), 'bad_amount', 8],
    ['a row with a column missing', (t: string) => t.replace(',0.00,\r\n#---', '\r\n#---'), 'bad_record', 9],
    ['an impossible date', (t: string) => t.replace('2026-11-11 09:30:04', '2026-02-30 09:30:04'), 'bad_date', 7],
    ['a renamed column', (t: string) => t.replace('商家实收（元）', '实收金额'), 'bad_header', 5],
    ['no Alipay title', (t: string) => t.replace('#支付宝业务明细查询', '#交易记录'), 'bad_header', 1],
    ['a row after the footer', (t: string) => `${t}${t.split('\r\n')[5]}\r\n`, 'bad_record', 14],
    ['a refund count that disagrees', (t: string) => t.replace('#退款合计：1笔', '#退款合计：2笔'), 'totals_mismatch', 12],
  ])('refuses %s', async (_what, edit, code, line) => {
    expect(await refusal(collect(billWith(edit), ALIPAY))).toMatchObject({ code, line });
  });
});

describe('generic CSV with a saved mapping', () => {
  it('parses the fixture exactly, quoted fields and embedded line breaks included', async () => {
    const { headers, lines, summaries } = await parseFixture('bank-export.csv', BANK_CSV);
    expect(headers).toEqual([{ format: 'csv', lineNo: 1 }]);
    expect(lines).toEqual([
      {
        lineNo: 2,
        rawHash: sha256('11/11/2026,"1,280.00",CNY,E20261111000001,杭州示例贸易有限公司,"Settlement ""batch 7""",BK0001'),
        bookedAt: at('2026-11-10T16:00:00Z'),
        amount: 128000n,
        currency: 'CNY',
        reference: 'E20261111000001',
        counterparty: '杭州示例贸易有限公司',
        description: 'Settlement "batch 7"',
        externalId: 'BK0001',
      },
      {
        lineNo: 3,
        rawHash: sha256('11/11/2026,(35.50),CNY,,Example Bank,"Monthly fee\nNovember",BK0002'),
        bookedAt: at('2026-11-10T16:00:00Z'),
        amount: -3550n,
        currency: 'CNY',
        reference: '',
        counterparty: 'Example Bank',
        description: 'Monthly fee\nNovember',
        externalId: 'BK0002',
      },
      expect.objectContaining({ lineNo: 5, amount: 1n, currency: 'USD', counterparty: 'Smith, John', bookedAt: at('2026-11-11T16:00:00Z') }),
    ]);
    expect(summaries[0].totals).toEqual([
      { currency: 'CNY', count: 2, credits: 128000n, debits: -3550n },
      { currency: 'USD', count: 1, credits: 1n, debits: 0n },
    ]);
  });

  it('refuses a file cut inside a quoted field, naming the line the record starts on', async () => {
    expect(await refusal(parseFixture('bank-export-open-quote.csv', BANK_CSV))).toMatchObject({ code: 'truncated', line: 3 });
  });

  const mapping = (overrides: Partial<CsvMapping> = {}) => csvMappingSchema.parse({ ...BANK_CSV_MAPPING, ...overrides });
  const csv = (text: string, encoding: 'utf8' | 'gbk' = 'utf8') => Readable.from([encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8')]);
  const header = 'Booking date,Amount,Currency,Reference,Counterparty,Details,Bank reference\n';

  it.each([
    ['a row with too few fields', `${header}11/11/2026,1.00,CNY,R1\n`, 'bad_record', 2],
    ['a date in another format', `${header}11/11/2026,1.00,CNY,R1,,,\n2026-11-12,1.00,CNY,R2,,,\n`, 'bad_date', 3],
    ['badly grouped thousands', `${header}11/11/2026,"12,34.00",CNY,R1,,,\n`, 'bad_amount', 2],
    ['a minus sign where parentheses are configured', `${header}11/11/2026,-1.00,CNY,R1,,,\n`, 'bad_amount', 2],
    ['an unknown currency', `${header}11/11/2026,1.00,XYZ,R1,,,\n`, 'bad_currency', 2],
    ['a header without a mapped column', 'Date,Amount\n11/11/2026,1.00\n', 'bad_header', 1],
    ['text after a closing quote', `${header}11/11/2026,"1.00"x,CNY,R1,,,\n`, 'bad_record', 2],
    ['an empty file', '', 'truncated', 0],
  ])('refuses %s', async (_what, text, code, line) => {
    expect(await refusal(collect(csv(text), BANK_CSV))).toMatchObject({ code, line });
  });

  it('reads GBK files by column position, without a header row', async () => {
    const gbkMapping = mapping({
      encoding: 'gbk',
      delimiter: ';',
      headerRows: 0,
      columns: { bookedAt: 0, amount: 1, reference: 2, counterparty: 3 },
      dateFormat: 'YYYYMMDD',
      utcOffset: 'Z',
      amountFormat: { decimal: ',', thousands: '.', negative: 'minus' },
    });
    const { lines } = await collect(csv('20261111;-1.234,56;E1;上海某某公司\n\n20261112;7;E2;\n', 'gbk'), { format: 'csv', mapping: gbkMapping });
    expect(lines.map((l) => [l.lineNo, l.bookedAt, l.amount, l.currency, l.reference, l.counterparty])).toEqual([
      [1, at('2026-11-11T00:00:00Z'), -123456n, 'CNY', 'E1', '上海某某公司'],
      [3, at('2026-11-12T00:00:00Z'), 700n, 'CNY', 'E2', undefined],
    ]);
  });

  it('validates saved mappings', () => {
    expect(csvMappingSchema.safeParse({ ...BANK_CSV_MAPPING, headerRows: 0 }).success).toBe(false);
    expect(csvMappingSchema.safeParse({ ...BANK_CSV_MAPPING, amountFormat: { decimal: ',', thousands: ',', negative: 'minus' } }).success).toBe(false);
    expect(csvMappingSchema.safeParse({ ...BANK_CSV_MAPPING, utcOffset: '8' }).success).toBe(false);
    expect(csvMappingSchema.safeParse({ ...BANK_CSV_MAPPING, delimiter: '"' }).success).toBe(false);
    expect(csvMappingSchema.safeParse({ ...BANK_CSV_MAPPING, extra: true }).success).toBe(false);
    const { utcOffset: _, ...withoutOffset } = BANK_CSV_MAPPING;
    expect(csvMappingSchema.parse(withoutOffset).utcOffset).toBe('Z');
  });

  it('reads back exactly every amount the formatter writes (property)', async () => {
    const amountFormat = fc
      .record({
        decimal: fc.constantFrom('.', ','),
        thousands: fc.constantFrom('', ',', '.', ' '),
        negative: fc.constantFrom('minus', 'parentheses'),
      })
      .filter((format): format is AmountFormat => format.decimal !== format.thousands);
    await fc.assert(
      fc.asyncProperty(
        amountFormat,
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom(...CURRENCIES),
        fc.array(fc.bigInt({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }), { minLength: 1, maxLength: 8 }),
        async (format, delimiter, currency, amounts) => {
          const rows = amounts.map((amount, i) => ['20261111', csvField(formatAmount(amount, currency, format), delimiter), currency, `R${i}`].join(delimiter));
          const text = [['date', 'amount', 'currency', 'ref'].join(delimiter), ...rows].join('\n');
          const roundTrip = csvMappingSchema.parse({
            name: 'property',
            delimiter,
            encoding: 'utf8',
            headerRows: 1,
            columns: { bookedAt: 'date', amount: 'amount', currency: 'currency', reference: 'ref' },
            dateFormat: 'YYYYMMDD',
            amountFormat: format,
            defaultCurrency: 'CNY',
          });
          const parsed: bigint[] = [];
          for await (const item of parseCsvStatement(Readable.from([Buffer.from(text)]), roundTrip)) if (item.type === 'line') parsed.push(item.line.amount);
          expect(parsed).toEqual(amounts);
        },
      ),
      fcOptions(150),
    );
  });
});

describe('MT940', () => {
  it('parses both statements of the fixture exactly', async () => {
    const { headers, lines, summaries } = await parseFixture('mt940-statement.sta', MT940);
    expect(headers).toEqual([
      {
        format: 'mt940',
        lineNo: 2,
        statementId: 'STMT261111A',
        account: 'CN12345678901234567890',
        sequence: '00311/001',
        currency: 'CNY',
        openingBalance: { amount: 1000000n, currency: 'CNY', date: at('2026-11-10T00:00:00Z') },
      },
      expect.objectContaining({ lineNo: 16, statementId: 'STMT261112A', openingBalance: { amount: 1134450n, currency: 'CNY', date: at('2026-11-11T00:00:00Z') } }),
    ]);
    expect(lines).toEqual([
      {
        lineNo: 6,
        rawHash: sha256(':61:2611111111C1280,00NTRFE20261111000001//BK0001\n:86:ESCROW SETTLEMENT E20261111000001\nHANGZHOU TRADING CO'),
        bookedAt: at('2026-11-11T00:00:00Z'),
        valueDate: at('2026-11-11T00:00:00Z'),
        amount: 128000n,
        currency: 'CNY',
        reference: 'E20261111000001',
        description: 'ESCROW SETTLEMENT E20261111000001\nHANGZHOU TRADING CO',
        externalId: 'BK0001',
        kind: 'NTRF',
      },
      // Entry date 11-12 on a value date of 11-11; NONREF is no reference.
      expect.objectContaining({ lineNo: 9, amount: -3550n, reference: '', kind: 'NCHG', bookedAt: at('2026-11-12T00:00:00Z'), valueDate: at('2026-11-11T00:00:00Z') }),
      // RD: the reversal of a debit brings money back.
      expect.objectContaining({ lineNo: 11, amount: 10000n, reference: 'E20261110000042', description: undefined, externalId: 'BK0003' }),
      // "1000," has no decimals; the supplementary details stand in for a missing :86:.
      expect.objectContaining({ lineNo: 20, amount: -100000n, reference: 'PAYOUT-7781', description: 'PAYOUT BATCH 7781' }),
    ]);
    expect(summaries).toEqual([
      {
        lineNo: 12,
        totals: [{ currency: 'CNY', count: 3, credits: 138000n, debits: -3550n }],
        closingBalance: { amount: 1134450n, currency: 'CNY', date: at('2026-11-11T00:00:00Z') },
        availableBalance: { amount: 1134450n, currency: 'CNY', date: at('2026-11-11T00:00:00Z') },
      },
      expect.objectContaining({ lineNo: 22, closingBalance: { amount: 1034450n, currency: 'CNY', date: at('2026-11-12T00:00:00Z') } }),
    ]);
  });

  it('refuses a broken balance at the closing balance line', async () => {
    const { code, line, message } = await refusal(parseFixture('mt940-broken-balance.sta', MT940));
    expect({ code, line }).toEqual({ code: 'totals_mismatch', line: 12 });
    expect(message).toContain('closing balance 11344.51 CNY is not opening balance 10000.00 CNY plus the lines 1344.50 CNY');
  });

  const statement = (edit: (text: string) => string) => Readable.from([Buffer.from(edit(fixture('mt940-statement.sta').toString('utf8')))]);

  it.each([
    ['a statement without its closing balance', (t: string) => t.slice(0, t.indexOf(':62F:C261112')), 'truncated', 21],
    ['a malformed statement line', (t: string) => t.replace(':61:2611111112D35,5NCHG', ':61:2611111112X35,5NCHG'), 'bad_record', 9],
    ['an impossible value date', (t: string) => t.replace(':61:2611111111C1280', ':61:2611311111C1280'), 'bad_date', 6],
    ['an amount with a decimal point', (t: string) => t.replace('D35,5NCHG', 'D35.5NCHG'), 'bad_record', 9],
    ['too many decimals', (t: string) => t.replace('D35,5NCHG', 'D35,555NCHG'), 'bad_amount', 9],
    ['an unknown field', (t: string) => t.replace(':28C:00311/001', ':99:X'), 'bad_record', 4],
    ['a new statement before the closing balance', (t: string) => t.replace(':62F:C261111CNY11344,50\r\n:64:C261111CNY11344,50\r\n-}', ''), 'bad_record', 14],
    ['a currency change at closing', (t: string) => t.replace(':62F:C261111CNY', ':62F:C261111EUR'), 'bad_currency', 12],
    ['a file with no statement', () => 'hello\r\n', 'bad_record', 1],
  ])('refuses %s', async (_what, edit, code, line) => {
    expect(await refusal(collect(statement(edit), MT940))).toMatchObject({ code, line });
  });
});

describe('camt.053', () => {
  it('parses the .001.08 fixture exactly', async () => {
    const xml = fixture('camt053.xml').toString('utf8');
    const { headers, lines, summaries } = await parseFixture('camt053.xml', CAMT);
    expect(headers).toEqual([
      {
        format: 'camt053',
        lineNo: 5,
        account: 'DE89370400440532013000',
        statementId: 'STMT-20261111',
        sequence: '311',
        period: { from: at('2026-11-11T00:00:00+01:00'), to: at('2026-11-11T23:59:59+01:00') },
        currency: 'EUR',
        openingBalance: { amount: 500000n, currency: 'EUR', date: at('2026-11-10T00:00:00Z') },
      },
    ]);
    const firstEntry = xml.slice(xml.indexOf('<Ntry>'), xml.indexOf('</Ntry>') + '</Ntry>'.length);
    expect(lines).toEqual([
      {
        lineNo: 14,
        rawHash: sha256(firstEntry),
        bookedAt: at('2026-11-11T00:00:00Z'),
        valueDate: at('2026-11-12T00:00:00Z'),
        amount: 98000n,
        currency: 'EUR',
        reference: 'E20261111000001',
        counterparty: 'Müller & Söhne GmbH',
        description: 'Order E20261111000001 Thank you',
        externalId: 'BANK-REF-0001',
        kind: 'PMNT/RCDT/ESCT',
      },
      // NOTPROVIDED end-to-end id: the structured creditor reference; a debit's party is the creditor.
      expect.objectContaining({ lineNo: 29, amount: -2545n, reference: 'RF18539007547034', counterparty: 'Card Processor Ltd', kind: 'FEE', bookedAt: at('2026-11-11T14:30:00Z') }),
      // A batch entry stays one line, referenced by NtryRef.
      expect.objectContaining({ lineNo: 44, amount: 5000n, reference: 'BATCH-77', description: 'Batch of 2 transfers', counterparty: undefined }),
    ]);
    expect(summaries).toEqual([
      {
        lineNo: 56,
        totals: [{ currency: 'EUR', count: 3, credits: 103000n, debits: -2545n }],
        closingBalance: { amount: 600455n, currency: 'EUR', date: at('2026-11-11T00:00:00Z') },
        availableBalance: { amount: 600000n, currency: 'EUR', date: at('2026-11-11T00:00:00Z') },
      },
    ]);
  });

  it('parses the .001.02 layout (plain Sts, party names without Pty, PRCD opening balance)', async () => {
    const { headers, lines, summaries } = await parseFixture('camt053-v02.xml', CAMT);
    expect(headers[0]).toMatchObject({ account: '0532013000', statementId: 'OLD-311', currency: 'CNY', openingBalance: { amount: -10000n } });
    expect(lines).toEqual([expect.objectContaining({ lineNo: 10, amount: 25000n, reference: 'E20261111000007', counterparty: '王小明' })]);
    expect(summaries[0].closingBalance?.amount).toBe(15000n);
  });

  it.each([
    ['camt053-external-entity.xml', 'external_entity_refused', 2],
    ['camt053-billion-laughs.xml', 'external_entity_refused', 2],
    ['camt053-broken-balance.xml', 'totals_mismatch', 11],
  ])('refuses %s with %s at line %i', async (name, code, line) => {
    expect(await refusal(parseFixture(name, CAMT))).toMatchObject({ code, line });
  });

  const camt = (edit: (xml: string) => string) => Readable.from([Buffer.from(edit(fixture('camt053.xml').toString('utf8')), 'utf8')]);
  const deep = (depth: number) => `${'<X>'.repeat(depth)}1${'</X>'.repeat(depth)}`;

  it.each([
    ['an ENTITY declaration outside a DOCTYPE', (x: string) => x.replace('<BkToCstmrStmt>', '<!ENTITY x "y"><BkToCstmrStmt>'), 'external_entity_refused', 3],
    ['an undeclared entity', (x: string) => x.replace('&amp;', '&nbsp;'), 'bad_xml', 25],
    ['another encoding', (x: string) => x.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'bad_encoding', 1],
    ['an unsupported namespace', (x: string) => x.replace('camt.053.001.08', 'camt.052.001.08'), 'bad_header', 2],
    ['elements nested too deep', (x: string) => x.replace('<AddtlNtryInf>', `<AddtlNtryInf>${deep(40)}`), 'too_large', 50],
    ['a text too long', (x: string) => x.replace('Thank you', 'x'.repeat(20_000)), 'too_large', 26],
    ['a pending entry', (x: string) => x.replace('<Sts><Cd>BOOK</Cd></Sts>', '<Sts><Cd>PDNG</Cd></Sts>'), 'bad_record', 14],
    ['a wrong entry count', (x: string) => x.replace('<NbOfNtries>3</NbOfNtries>', '<NbOfNtries>4</NbOfNtries>'), 'totals_mismatch', 13],
    ['a wrong entry sum', (x: string) => x.replace('<Sum>1055.45</Sum>', '<Sum>1055.46</Sum>'), 'totals_mismatch', 13],
    ['an entry in another currency', (x: string) => x.replace('<Amt Ccy="EUR">25.45</Amt>', '<Amt Ccy="USD">25.45</Amt>'), 'bad_currency', 29],
    ['malformed XML', (x: string) => x.replace('</NtryRef>', '</NtryReff>'), 'bad_xml', 15],
    ['a file cut in the middle', (x: string) => x.slice(0, x.indexOf('<Ntry>', x.indexOf('<Ntry>') + 1)), 'truncated', 29],
    ['invalid UTF-8', (x: string) => x, 'bad_encoding', 1],
  ])('refuses %s', async (what, edit, code, line) => {
    const source = what === 'invalid UTF-8' ? Readable.from([Buffer.concat([fixture('camt053.xml').subarray(0, 60), Buffer.from([0xc3, 0x28])])]) : camt(edit);
    expect(await refusal(collect(source, CAMT))).toMatchObject({ code, line });
  });
});

describe('every format', () => {
  const valid: [string, StatementFormatSpec][] = [
    ['alipay-trade-bill.csv', ALIPAY],
    ['alipay-trade-bill-utf8-bom.csv', ALIPAY],
    ['bank-export.csv', BANK_CSV],
    ['mt940-statement.sta', MT940],
    ['camt053.xml', CAMT],
  ];

  it.each(valid)('parses %s the same whatever the chunk boundaries', async (name, spec) => {
    const whole = await parseFixture(name, spec);
    for (const size of [1, 2, 3, 7, 64]) expect(await collect(chunked(fixture(name), size), spec)).toEqual(whole);
  });

  it.each([
    ['alipay-trade-bill.csv', 'alipay'],
    ['alipay-trade-bill-utf8-bom.csv', 'alipay'],
    ['alipay-utf8-without-bom.csv', 'alipay'],
    ['bank-export.csv', 'csv'],
    ['mt940-statement.sta', 'mt940'],
    ['camt053.xml', 'camt053'],
    ['camt053-v02.xml', 'camt053'],
  ])('detects %s as %s', (name, format) => {
    expect(detectFormat(fixture(name).subarray(0, DETECT_BYTES))).toBe(format);
  });

  it('detects plain MT940, and nothing in other files', () => {
    expect(detectFormat(Buffer.from(':20:STMT\r\n:25:X\r\n'))).toBe('mt940');
    expect(detectFormat(Buffer.from('<?xml version="1.0"?><html/>'))).toBeNull();
    expect(detectFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
    expect(detectFormat(Buffer.from('just some words\n'))).toBeNull();
  });

  it('reports progress: bytes and lines only grow, and end at the file size and line count', async () => {
    const bytes = fixture('alipay-trade-bill.csv');
    const reports: [number, number][] = [];
    await collect(chunked(bytes, 100), ALIPAY, { onProgress: (read: number, lines: number) => reports.push([read, lines]) });
    expect(reports.length).toBeGreaterThan(10);
    reports.slice(1).forEach(([read, lines], i) => {
      expect(read).toBeGreaterThanOrEqual(reports[i][0]);
      expect(lines).toBeGreaterThanOrEqual(reports[i][1]);
    });
    expect(reports.at(-1)).toEqual([bytes.length, 4]);
  });

  it('stops with "cancelled" when the signal fires between lines, and closes the source', async () => {
    const controller = new AbortController();
    const source = createReadStream(join(FIXTURE_DIR, 'mt940-statement.sta'));
    const seen: number[] = [];
    const parse = (async () => {
      for await (const item of parseStatement(source, MT940, { signal: controller.signal })) {
        if (item.type !== 'line') continue;
        seen.push(item.line.lineNo);
        controller.abort();
      }
    })();
    expect(await refusal(parse)).toMatchObject({ code: 'cancelled' });
    expect(seen).toEqual([6]);
    expect(source.destroyed).toBe(true);
  });

  it('stops with "cancelled" while waiting for a stalled source', async () => {
    const controller = new AbortController();
    const stalled = new Readable({ read() {} });
    stalled.push(fixture('camt053.xml').subarray(0, 500));
    const parse = collect(stalled, CAMT, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await refusal(parse)).toMatchObject({ code: 'cancelled', line: 9 });
  });

  it('refuses a file over the size limit and a line over the line limit', async () => {
    expect(await refusal(collect(chunked(fixture('camt053.xml'), 1000), CAMT, { maxBytes: 1500 }))).toMatchObject({ code: 'too_large', line: 13 });
    const endless = Readable.from([Buffer.alloc(40_000, 0x41), Buffer.alloc(40_000, 0x41)]);
    expect(await refusal(collect(endless, ALIPAY))).toMatchObject({ code: 'too_large', line: 1 });
  });
});
