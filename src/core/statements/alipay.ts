/**
 * The Alipay merchant trade bill (支付宝商户账单, 业务明细: the `trade` bill of
 * alipay.data.dataservice.bill.downloadurl.query, also what the merchant portal exports).
 *
 *   #支付宝业务明细查询
 *   #账号：[2088…0156]
 *   #起始日期：[2026年11月11日 00:00:00]   终止日期：[2026年11月12日 00:00:00]
 *   #-----…业务明细列表-----
 *   支付宝交易号,商户订单号,业务类型,…,备注                      (25 columns)
 *   2026111122001…\t,E20261111…\t,交易,…                         (ids end with a tab)
 *   #-----…业务明细列表结束-----
 *   #交易合计：2笔，商家实收共36.80元，商家优惠共0.00元
 *   #退款合计：1笔，商家实收退款共-5.00元，商家优惠退款共0.00元
 *   #导出时间：[2026年11月12日 09:00:00]
 *
 * GBK, or UTF-8 with a byte-order mark (a bill re-saved by a spreadsheet); UTF-8 without one
 * is refused rather than guessed. Times are China Standard Time (UTC+08:00).
 *
 * Each row becomes a line: amount = 商家实收 (what the merchant actually received; refunds are
 * negative), reference = 商户订单号 (our order number), externalId = 支付宝交易号 (shared by a
 * payment and its refunds), refundReference = 退款批次号/请求号, fee = 服务费, bookedAt = 完成时间.
 * The footer's count and 商家实收 sum per business type are checked against the rows.
 */
import { toDecimalString, type Currency } from '../../shared/money.js';
import { CsvRecordReader, type CsvRecord } from './csv-records.js';
import { CHINA_OFFSET_MINUTES, parseDateText } from './dates.js';
import { StatementFormatError } from './errors.js';
import type { ItemQueue } from './input.js';
import { parseLines, type LineReader } from './parse-lines.js';
import { StatementTally } from './tally.js';
import type { TextLine } from './text-lines.js';
import type { DeclaredTotal, ParseOptions, StatementHeader, StatementParser, StatementSource } from './types.js';
import { optionalText, requireAmount } from './values.js';

/**
 * The 25 columns of the trade bill, in order. Alipay's open-platform documentation of the bill
 * content was not in the reference corpus searched; the list is the one that independent
 * public parsers and exporters of this bill agree on (field for field, including the
 * full-width parentheses of "（元）").
 */
export const ALIPAY_TRADE_BILL_COLUMNS = [
  '支付宝交易号',
  '商户订单号',
  '业务类型',
  '商品名称',
  '创建时间',
  '完成时间',
  '门店编号',
  '门店名称',
  '操作员',
  '终端号',
  '对方账户',
  '订单金额（元）',
  '商家实收（元）',
  '支付宝红包（元）',
  '集分宝（元）',
  '支付宝优惠（元）',
  '商家优惠（元）',
  '券核销金额（元）',
  '券名称',
  '商家红包消费金额（元）',
  '卡消费金额（元）',
  '退款批次号/请求号',
  '服务费（元）',
  '分润（元）',
  '备注',
] as const;

type AlipayColumn = (typeof ALIPAY_TRADE_BILL_COLUMNS)[number];
const COLUMN_INDEX = Object.fromEntries(ALIPAY_TRADE_BILL_COLUMNS.map((name, index) => [name, index])) as Record<AlipayColumn, number>;

const CURRENCY: Currency = 'CNY';
const TITLE_PREFIX = '#支付宝';
/** Business types the footer totals: `#交易合计` counts 交易 rows, `#退款合计` 退款 rows. */
const TOTALLED_KINDS = ['交易', '退款'] as const;
type TotalledKind = (typeof TOTALLED_KINDS)[number];

export function parseAlipayBill(source: StatementSource, options: ParseOptions = {}): StatementParser {
  return parseLines(source, new AlipayBillReader(), options);
}

type Section = 'title' | 'preamble' | 'rows' | 'footer';

class AlipayBillReader implements LineReader {
  readonly encoding = 'gbk';
  private section: Section = 'title';
  private readonly header: StatementHeader = { format: 'alipay', lineNo: 1, currency: CURRENCY };
  private readonly records = new CsvRecordReader(',');
  private readonly tally = new StatementTally();
  /** Rows and their 商家实收 sum per business type, keyed by 业务类型 as written. */
  private readonly rowTotals = new Map<string, { count: number; amount: bigint }>(TOTALLED_KINDS.map((kind) => [kind, { count: 0, amount: 0n }]));
  private readonly declared: DeclaredTotal[] = [];
  private exportedAt: number | undefined;

  line(line: TextLine, out: ItemQueue): void {
    switch (this.section) {
      case 'title':
        this.title(line);
        this.section = 'preamble';
        return;
      case 'preamble':
        if (line.text === '') return;
        if (line.text.startsWith('#')) return this.preamble(line);
        this.columns(this.completeRecord(line));
        out.header(this.header);
        this.section = 'rows';
        return;
      case 'rows':
        if (!this.records.open && line.text.startsWith('#')) {
          this.section = 'footer';
          return this.footer(line);
        }
        if (!this.records.open && line.text === '') return;
        return this.row(this.records.push(line), out);
      case 'footer':
        if (line.text === '') return;
        if (!line.text.startsWith('#')) throw new StatementFormatError('bad_record', line.no, 'a data row after the footer');
        return this.footer(line);
    }
  }

  end(lastLineNo: number, out: ItemQueue): void {
    this.records.finish();
    for (const label of ['交易合计', '退款合计']) {
      if (!this.declared.some((total) => total.label === label)) {
        throw new StatementFormatError('truncated', lastLineNo, `the bill ends without its #${label} footer line`);
      }
    }
    out.summary({
      lineNo: lastLineNo,
      totals: this.tally.totals(),
      declaredTotals: this.declared,
      exportedAt: this.exportedAt,
    });
  }

  private title(line: TextLine): void {
    if (line.text.startsWith(TITLE_PREFIX)) return;
    if (line.bytes.toString('utf8').startsWith(TITLE_PREFIX)) {
      throw new StatementFormatError('bad_encoding', line.no, 'this Alipay bill is UTF-8 without a byte-order mark; export it again (GBK) or save it as UTF-8 with BOM');
    }
    throw new StatementFormatError('bad_header', line.no, `not an Alipay trade bill: the first line should start with "${TITLE_PREFIX}"`);
  }

  private preamble(line: TextLine): void {
    const account = /^#账号[：:]\[(.*)\]$/.exec(line.text);
    if (account) {
      this.header.account = account[1];
      return;
    }
    const period = /^#起始日期[：:]\[(.+?)\]\s*终止日期[：:]\[(.+?)\]$/.exec(line.text);
    if (period) this.header.period = { from: alipayTime(period[1], line.no), to: alipayTime(period[2], line.no) };
  }

  private completeRecord(line: TextLine): CsvRecord {
    const record = this.records.push(line);
    if (!record) throw new StatementFormatError('bad_header', line.no, 'the column row may not contain quotes');
    return record;
  }

  private columns(record: CsvRecord): void {
    const names = record.fields.map(cleanField);
    const wrong = ALIPAY_TRADE_BILL_COLUMNS.findIndex((name, index) => names[index] !== name);
    if (wrong >= 0 || names.length !== ALIPAY_TRADE_BILL_COLUMNS.length) {
      const at = wrong >= 0 ? wrong : ALIPAY_TRADE_BILL_COLUMNS.length;
      throw new StatementFormatError(
        'bad_header',
        record.lineNo,
        `not the ${ALIPAY_TRADE_BILL_COLUMNS.length}-column trade bill: column ${at + 1} is "${names[at] ?? ''}", expected "${ALIPAY_TRADE_BILL_COLUMNS[at] ?? '(end of row)'}"`,
      );
    }
  }

  private row(record: CsvRecord | undefined, out: ItemQueue): void {
    if (!record) return;
    const fields = record.fields.map(cleanField);
    if (fields.length !== ALIPAY_TRADE_BILL_COLUMNS.length) {
      throw new StatementFormatError('bad_record', record.lineNo, `expected ${ALIPAY_TRADE_BILL_COLUMNS.length} columns, found ${fields.length}`);
    }
    const field = (name: AlipayColumn) => fields[COLUMN_INDEX[name]];
    const kind = field('业务类型');
    const amount = requireAmount(field('商家实收（元）'), CURRENCY, record.lineNo, '商家实收（元）', { allowNegative: true });
    if ((kind === '交易' && amount < 0n) || (kind === '退款' && amount > 0n)) {
      throw new StatementFormatError('bad_amount', record.lineNo, `a ${kind} row with amount ${field('商家实收（元）')}: trades are positive, refunds negative`);
    }
    const feeText = field('服务费（元）');
    const line = {
      lineNo: record.lineNo,
      rawHash: record.rawHash,
      bookedAt: alipayTime(field('完成时间'), record.lineNo),
      amount,
      currency: CURRENCY,
      reference: field('商户订单号'),
      counterparty: optionalText(field('对方账户')),
      description: optionalText(field('商品名称')),
      externalId: optionalText(field('支付宝交易号')),
      kind: optionalText(kind),
      fee: feeText === '' ? undefined : requireAmount(feeText, CURRENCY, record.lineNo, '服务费（元）', { allowNegative: true }),
      refundReference: optionalText(field('退款批次号/请求号')),
    };
    const total = this.rowTotals.get(kind);
    if (total) {
      total.count += 1;
      total.amount += amount;
    }
    this.tally.add(amount, CURRENCY);
    out.line(line);
  }

  private footer(line: TextLine): void {
    const exported = /^#导出时间[：:]\[(.+)\]$/.exec(line.text);
    if (exported) {
      this.exportedAt = alipayTime(exported[1], line.no);
      return;
    }
    const total = /^#(交易|退款)合计[：:](\d+)笔[，,](.*)$/.exec(line.text);
    if (!total) return; // separators such as "#-----业务明细列表结束-----"
    const kind = total[1] as TotalledKind;
    const label = `${kind}合计`;
    if (this.declared.some((declared) => declared.label === label)) throw new StatementFormatError('bad_record', line.no, `a second #${label} line`);
    // The first "共X元" is the 商家实收 sum; later ones (商家优惠…) are not lines of ours.
    const sum = /共(-?\d+(?:\.\d+)?)元/.exec(total[3]);
    if (!sum) throw new StatementFormatError('bad_amount', line.no, `#${label} has no "共…元" amount`);
    const declared: DeclaredTotal = {
      label,
      lineNo: line.no,
      count: Number(total[2]),
      amount: requireAmount(sum[1], CURRENCY, line.no, `#${label}`, { allowNegative: true }),
      currency: CURRENCY,
    };
    const counted = this.rowTotals.get(kind) ?? { count: 0, amount: 0n };
    if (declared.count !== counted.count || declared.amount !== counted.amount) {
      throw new StatementFormatError(
        'totals_mismatch',
        line.no,
        `#${label} declares ${declared.count} rows totalling ${toDecimalString(declared.amount, CURRENCY)} ${CURRENCY}; ` +
          `the bill has ${counted.count} ${kind} rows totalling ${toDecimalString(counted.amount, CURRENCY)} ${CURRENCY}`,
      );
    }
    this.declared.push(declared);
  }
}

/** Alipay pads id fields with a trailing tab so spreadsheets keep long numbers as text. */
function cleanField(field: string): string {
  return field.trim();
}

/** "2026-11-11 10:00:00" or "2026年11月11日 10:00:00", China Standard Time. */
function alipayTime(text: string, lineNo: number): number {
  const normalized = text.replace(/^(\d{4})年(\d{2})月(\d{2})日/, '$1-$2-$3');
  const instant = parseDateText(normalized, 'YYYY-MM-DD HH:mm:ss', CHINA_OFFSET_MINUTES);
  if (instant === undefined) throw new StatementFormatError('bad_date', lineNo, `"${text.slice(0, 40)}" is not a date and time (YYYY-MM-DD HH:mm:ss)`);
  return instant;
}
