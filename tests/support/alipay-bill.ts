/**
 * A generated Alipay trade bill of any size, as a stream of GBK chunks never held whole in
 * memory: every 10th row is a refund of the row before, amounts vary, and the footer totals are
 * those of the rows generated (so the parser's totals check passes).
 */
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { ALIPAY_FOOTER, ALIPAY_PREAMBLE, alipayRowText } from '../../resources/statements/make-fixtures.js';
import { toDecimalString } from '../../src/shared/money.js';

const ROWS_PER_CHUNK = 250;

/** Row i: every 10th is a refund of the row before; amounts vary so the totals mean something. */
export function row(i: number): { text: string; refund: boolean; amount: bigint } {
  const refund = i % 10 === 9;
  const amount = refund ? -BigInt(100 + (i % 997)) : BigInt(1000 + ((i * 7919) % 100_000));
  const order = `E2026111${String(refund ? i - 1 : i).padStart(8, '0')}`;
  const text = alipayRowText({
    tradeNo: `20261111220014000${String(i).padStart(11, '0')}`,
    orderNo: order,
    kind: refund ? '退款' : '交易',
    product: refund ? '退款 羊毛围巾' : '羊毛围巾 灰色',
    createdAt: '2026-11-11 10:00:00',
    finishedAt: '2026-11-11 10:00:05',
    counterparty: '*庚辰(182****0001)',
    amount: toDecimalString(amount, 'CNY'),
    refundNo: refund ? `R${order}` : '',
    fee: '0.00',
  });
  return { text, refund, amount };
}

/** The bill as a stream of GBK chunks; the footer totals are those of the rows generated. */
export function generatedBill(rows: number): { source: Readable; bytes: () => number; generatingMs: () => number } {
  let bytes = 0;
  let generatingMs = 0;
  function* chunks(): Generator<Buffer> {
    const totals = { trades: 0, tradeSum: 0n, refunds: 0, refundSum: 0n };
    const encode = (lines: string[]) => {
      const chunk = iconv.encode(lines.map((line) => `${line}\r\n`).join(''), 'gbk');
      bytes += chunk.length;
      return chunk;
    };
    yield encode(ALIPAY_PREAMBLE);
    for (let start = 0; start < rows; start += ROWS_PER_CHUNK) {
      const began = performance.now();
      const lines: string[] = [];
      for (let i = start; i < Math.min(rows, start + ROWS_PER_CHUNK); i += 1) {
        const { text, refund, amount } = row(i);
        lines.push(text);
        if (refund) {
          totals.refunds += 1;
          totals.refundSum += amount;
        } else {
          totals.trades += 1;
          totals.tradeSum += amount;
        }
      }
      const chunk = encode(lines);
      generatingMs += performance.now() - began;
      yield chunk;
    }
    yield encode([
      ALIPAY_FOOTER[0],
      `#交易合计：${totals.trades}笔，商家实收共${toDecimalString(totals.tradeSum, 'CNY')}元，商家优惠共0.00元`,
      `#退款合计：${totals.refunds}笔，商家实收退款共${toDecimalString(totals.refundSum, 'CNY')}元，商家优惠退款共0.00元`,
      ALIPAY_FOOTER[3],
    ]);
  }
  return { source: Readable.from(chunks(), { objectMode: false }), bytes: () => bytes, generatingMs: () => generatingMs };
}

