/**
 * Writes the sample statement files of this folder: one valid file per format and the
 * malformed variants the parsers must refuse. The Alipay bill has to be GBK bytes, which no
 * editor keeps reliably, so every fixture is generated here and committed with this script.
 *
 *   npx tsx resources/statements/make-fixtures.ts
 *
 * tests/unit/statements-fixtures.test.ts checks that the committed files equal this output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { ALIPAY_TRADE_BILL_COLUMNS } from '../../src/core/statements/alipay.js';

/** One CSV field, quoted when RFC 4180 requires it. */
export function csvField(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

// ---- Alipay trade bill -------------------------------------------------------------------

export interface AlipayRow {
  tradeNo: string;
  orderNo: string;
  kind: '交易' | '退款';
  product: string;
  createdAt: string;
  finishedAt: string;
  counterparty: string;
  amount: string;
  refundNo: string;
  fee: string;
}

/** A row as Alipay writes it: ids and a few other columns end with a tab, nothing is quoted. */
export function alipayRowText(row: AlipayRow): string {
  const values: Record<(typeof ALIPAY_TRADE_BILL_COLUMNS)[number], string> = {
    支付宝交易号: `${row.tradeNo}\t`,
    商户订单号: `${row.orderNo}\t`,
    业务类型: row.kind,
    商品名称: row.product,
    创建时间: row.createdAt,
    完成时间: row.finishedAt,
    门店编号: '\t',
    门店名称: '\t',
    操作员: '\t',
    终端号: '\t',
    对方账户: `${row.counterparty}\t`,
    '订单金额（元）': row.amount,
    '商家实收（元）': row.amount,
    '支付宝红包（元）': '0.00',
    '集分宝（元）': '0.00',
    '支付宝优惠（元）': '0.00',
    '商家优惠（元）': '0.00',
    '券核销金额（元）': '0.00',
    券名称: '',
    '商家红包消费金额（元）': '0.00\t',
    '卡消费金额（元）': '0.00',
    '退款批次号/请求号': `${row.refundNo}\t`,
    '服务费（元）': row.fee,
    '分润（元）': '0.00',
    备注: '',
  };
  return ALIPAY_TRADE_BILL_COLUMNS.map((column) => values[column]).join(',');
}

export const ALIPAY_PREAMBLE = [
  '#支付宝业务明细查询',
  '#账号：[20881234567890120156]',
  '#起始日期：[2026年11月11日 00:00:00]   终止日期：[2026年11月12日 00:00:00]',
  '#-----------------------------------------业务明细列表----------------------------------------',
  ALIPAY_TRADE_BILL_COLUMNS.join(','),
];

export const ALIPAY_ROWS: AlipayRow[] = [
  {
    tradeNo: '2026111122001400011234567801',
    orderNo: 'E20261111000001',
    kind: '交易',
    product: '羊毛围巾 灰色',
    createdAt: '2026-11-11 00:00:12',
    finishedAt: '2026-11-11 00:00:15',
    counterparty: '*庚辰(182****0001)',
    amount: '128.00',
    refundNo: '',
    fee: '-0.77',
  },
  {
    tradeNo: '2026111122001400011234567802',
    orderNo: 'E20261111000002',
    kind: '交易',
    product: 'Phone case "Slim"',
    createdAt: '2026-11-11 09:30:00',
    finishedAt: '2026-11-11 09:30:04',
    counterparty: 'buy***@example.com',
    amount: '59.90',
    refundNo: '',
    fee: '-0.36',
  },
  {
    tradeNo: '2026111122001400011234567801',
    orderNo: 'E20261111000001',
    kind: '退款',
    product: '羊毛围巾 灰色',
    createdAt: '2026-11-11 20:00:00',
    finishedAt: '2026-11-11 20:00:02',
    counterparty: '*庚辰(182****0001)',
    amount: '-28.00',
    refundNo: 'R20261111000001',
    fee: '0.17',
  },
  {
    tradeNo: '2026111122001400011234567803',
    orderNo: 'E20261111000003',
    kind: '交易',
    product: '电饭煲 3L',
    createdAt: '2026-11-11 23:59:58',
    finishedAt: '2026-11-12 00:00:01',
    counterparty: '**博(156******89)',
    amount: '1999.00',
    refundNo: '',
    fee: '-11.99',
  },
];

export const ALIPAY_FOOTER = [
  '#-----------------------------------------业务明细列表结束------------------------------------',
  '#交易合计：3笔，商家实收共2186.90元，商家优惠共0.00元',
  '#退款合计：1笔，商家实收退款共-28.00元，商家优惠退款共0.00元',
  '#导出时间：[2026年11月12日 09:15:02]',
];

/** Alipay writes CRLF line ends. */
function alipayBillText(rows: readonly string[] = ALIPAY_ROWS.map(alipayRowText), footer: readonly string[] = ALIPAY_FOOTER): string {
  return [...ALIPAY_PREAMBLE, ...rows, ...footer].join('\r\n') + '\r\n';
}

function gbk(text: string): Buffer {
  return iconv.encode(text, 'gbk');
}

function alipayFixtures(): Record<string, Buffer> {
  const rows = ALIPAY_ROWS.map(alipayRowText);
  const valid = gbk(alipayBillText());
  // An invalid GBK sequence (0xFF is never a lead byte) in the creation time of the second row.
  const row2 = gbk(rows[1]);
  const broken = Buffer.concat([gbk([...ALIPAY_PREAMBLE, rows[0], ''].join('\r\n')), row2.subarray(0, 70), Buffer.from([0xff]), row2.subarray(71), gbk(['', ...rows.slice(2), ...ALIPAY_FOOTER, ''].join('\r\n'))]);
  return {
    'alipay-trade-bill.csv': valid,
    'alipay-trade-bill-utf8-bom.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(alipayBillText(), 'utf8')]),
    'alipay-utf8-without-bom.csv': Buffer.from(alipayBillText(), 'utf8'),
    'alipay-invalid-gbk.csv': broken,
    'alipay-truncated.csv': gbk([...ALIPAY_PREAMBLE, ...rows.slice(0, 3)].join('\r\n') + '\r\n'),
    'alipay-bad-amount.csv': gbk(alipayBillText([rows[0], rows[1].replace(',59.90,59.90,', ',59.90,59.9O,'), ...rows.slice(2)])),
    'alipay-totals-mismatch.csv': gbk(alipayBillText(rows, ALIPAY_FOOTER.map((line) => line.replace('共2186.90元', '共2186.80元')))),
  };
}

// ---- Generic bank CSV ---------------------------------------------------------------------

export const BANK_CSV_MAPPING = {
  name: 'Example Bank (Shanghai) CSV export',
  delimiter: ',',
  encoding: 'utf8',
  headerRows: 1,
  columns: {
    bookedAt: 'Booking date',
    amount: 'Amount',
    currency: 'Currency',
    reference: 'Reference',
    counterparty: 'Counterparty',
    description: 'Details',
    externalId: 'Bank reference',
  },
  dateFormat: 'DD/MM/YYYY',
  utcOffset: '+08:00',
  amountFormat: { decimal: '.', thousands: ',', negative: 'parentheses' },
  defaultCurrency: 'CNY',
} as const;

const BANK_CSV_ROWS = [
  ['Booking date', 'Amount', 'Currency', 'Reference', 'Counterparty', 'Details', 'Bank reference'],
  ['11/11/2026', '1,280.00', 'CNY', 'E20261111000001', '杭州示例贸易有限公司', 'Settlement "batch 7"', 'BK0001'],
  ['11/11/2026', '(35.50)', 'CNY', '', 'Example Bank', 'Monthly fee\nNovember', 'BK0002'],
  ['12/11/2026', '0.01', 'USD', 'E20261111000009', 'Smith, John', 'Test transfer', 'BK0003'],
];

function bankCsvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((field) => csvField(field, BANK_CSV_MAPPING.delimiter)).join(BANK_CSV_MAPPING.delimiter)).join('\r\n') + '\r\n';
}

function csvFixtures(): Record<string, Buffer> {
  const text = bankCsvText(BANK_CSV_ROWS);
  return {
    'bank-export.csv': Buffer.from(text, 'utf8'),
    'bank-export.mapping.json': Buffer.from(`${JSON.stringify(BANK_CSV_MAPPING, null, 2)}\n`, 'utf8'),
    // Cut inside the quoted "Monthly fee…" field.
    'bank-export-open-quote.csv': Buffer.from(text.slice(0, text.indexOf('November')), 'utf8'),
  };
}

// ---- MT940 ------------------------------------------------------------------------------

const MT940_LINES = [
  '{1:F01ESCRCNSHAXXX0000000000}{2:O9401200261112EXBKCNSHXXXX00000000002611121200N}{4:',
  ':20:STMT261111A',
  ':25:CN12345678901234567890',
  ':28C:00311/001',
  ':60F:C261110CNY10000,00',
  ':61:2611111111C1280,00NTRFE20261111000001//BK0001',
  ':86:ESCROW SETTLEMENT E20261111000001',
  'HANGZHOU TRADING CO',
  ':61:2611111112D35,5NCHGNONREF//BK0002',
  ':86:MONTHLY ACCOUNT FEE',
  ':61:261111RD100,00NTRFE20261110000042//BK0003',
  ':62F:C261111CNY11344,50',
  ':64:C261111CNY11344,50',
  '-}',
  '{1:F01ESCRCNSHAXXX0000000000}{2:O9401200261113EXBKCNSHXXXX00000000002611131200N}{4:',
  ':20:STMT261112A',
  ':25:CN12345678901234567890',
  ':28C:00312/001',
  ':60F:C261111CNY11344,50',
  ':61:2611121112D1000,NTRFPAYOUT-7781//BK0004',
  'PAYOUT BATCH 7781',
  ':62F:C261112CNY10344,50',
  '-}',
];

function mt940Fixtures(): Record<string, Buffer> {
  const text = (lines: readonly string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
  return {
    'mt940-statement.sta': text(MT940_LINES),
    'mt940-broken-balance.sta': text(MT940_LINES.map((line) => (line === ':62F:C261111CNY11344,50' ? ':62F:C261111CNY11344,51' : line))),
  };
}

// ---- camt.053 ---------------------------------------------------------------------------

const CAMT053_V08 = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-20261112-1</MsgId><CreDtTm>2026-11-12T06:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-20261111</Id>
      <ElctrncSeqNb>311</ElctrncSeqNb>
      <FrToDt><FrDtTm>2026-11-11T00:00:00+01:00</FrDtTm><ToDtTm>2026-11-11T23:59:59+01:00</ToDtTm></FrToDt>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">5000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-10</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">6004.55</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-11</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLAV</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">6000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-11</Dt></Dt></Bal>
      <TxsSummry><TtlNtries><NbOfNtries>3</NbOfNtries><Sum>1055.45</Sum></TtlNtries></TxsSummry>
      <Ntry>
        <NtryRef>NTRY-1</NtryRef>
        <Amt Ccy="EUR">980.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-11-11</Dt></BookgDt>
        <ValDt><Dt>2026-11-12</Dt></ValDt>
        <AcctSvcrRef>BANK-REF-0001</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>E20261111000001</EndToEndId></Refs>
          <RltdPties><Dbtr><Pty><Nm>Müller &amp; Söhne GmbH</Nm></Pty></Dbtr></RltdPties>
          <RmtInf><Ustrd>Order E20261111000001</Ustrd><Ustrd>Thank you</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <NtryRef>NTRY-2</NtryRef>
        <Amt Ccy="EUR">25.45</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><DtTm>2026-11-11T15:30:00+01:00</DtTm></BookgDt>
        <ValDt><Dt>2026-11-11</Dt></ValDt>
        <AcctSvcrRef>BANK-REF-0002</AcctSvcrRef>
        <BkTxCd><Prtry><Cd>FEE</Cd><Issr>BANK</Issr></Prtry></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <RltdPties><Cdtr><Pty><Nm>Card Processor Ltd</Nm></Pty></Cdtr></RltdPties>
          <RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <NtryRef>BATCH-77</NtryRef>
        <Amt Ccy="EUR">50.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-11-11</Dt></BookgDt>
        <AddtlNtryInf>Batch of 2 transfers</AddtlNtryInf>
        <NtryDtls>
          <TxDtls><Refs><EndToEndId>E20261111000005</EndToEndId></Refs></TxDtls>
          <TxDtls><Refs><EndToEndId>E20261111000006</EndToEndId></Refs></TxDtls>
        </NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;

const CAMT053_V02 = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-OLD-1</MsgId><CreDtTm>2026-11-12T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>OLD-311</Id>
      <Acct><Id><Othr><Id>0532013000</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">100.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2026-11-10</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">150.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-11</Dt></Dt></Bal>
      <Ntry>
        <Amt Ccy="CNY">250.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-11</Dt></BookgDt>
        <ValDt><Dt>2026-11-11</Dt></ValDt>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>E20261111000007</EndToEndId></Refs>
          <RltdPties><Dbtr><Nm>王小明</Nm></Dbtr></RltdPties>
        </TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;

/** The v08 statement with a DOCTYPE in front (and an entity used where a name would be). */
function withDoctype(internalSubset: string, entity: string): string {
  const [declaration, ...rest] = CAMT053_V08.split('\n');
  return [declaration, `<!DOCTYPE Document [\n${internalSubset}\n]>`, ...rest].join('\n').replace('Müller &amp; Söhne GmbH', `&${entity};`);
}

function camtFixtures(): Record<string, Buffer> {
  const billionLaughs = ['  <!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)].join('\n');
  return {
    'camt053.xml': Buffer.from(CAMT053_V08, 'utf8'),
    'camt053-v02.xml': Buffer.from(CAMT053_V02, 'utf8'),
    'camt053-external-entity.xml': Buffer.from(withDoctype('  <!ENTITY xxe SYSTEM "file:///etc/passwd">', 'xxe'), 'utf8'),
    'camt053-billion-laughs.xml': Buffer.from(withDoctype(billionLaughs, 'lol9'), 'utf8'),
    'camt053-broken-balance.xml': Buffer.from(CAMT053_V08.replace('<Amt Ccy="EUR">6004.55</Amt>', '<Amt Ccy="EUR">6004.56</Amt>'), 'utf8'),
  };
}

export function buildFixtures(): Record<string, Buffer> {
  return { ...alipayFixtures(), ...csvFixtures(), ...mt940Fixtures(), ...camtFixtures() };
}

export const FIXTURE_DIR = fileURLToPath(new URL('.', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, bytes] of Object.entries(buildFixtures())) {
    writeFileSync(join(FIXTURE_DIR, name), bytes);
    process.stdout.write(`${name} (${bytes.length} bytes)\n`);
  }
}
