/**
 * A 200,000-line Alipay bill, generated on the fly and never held in memory, parsed with
 * bounded memory. Prints the parse rate: the finance import must handle 1,000,000 lines.
 */
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../../src/shared/money.js';
import { ALIPAY_FOOTER, ALIPAY_PREAMBLE, alipayRowText } from '../../resources/statements/make-fixtures.js';
import { parseAlipayBill } from '../../src/core/statements/index.js';

const ROWS = 200_000;
const ROWS_PER_CHUNK = 250;

// Measuring what the parser retains needs a full collection at each sample.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Row i: every 10th is a refund of the row before; amounts vary so the totals mean something. */
function row(i: number): { text: string; refund: boolean; amount: bigint } {
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
function generatedBill(rows: number): { source: Readable; bytes: () => number; generatingMs: () => number } {
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

describe('streaming a large Alipay bill', () => {
  it(`parses ${ROWS} lines with bounded memory`, async () => {
    // Warm up on a small bill first: iconv-lite builds its GBK tables on first use.
    for await (const _item of parseAlipayBill(generatedBill(1000).source));
    const bill = generatedBill(ROWS);
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const retained: number[] = [];
    let nextSample = 0;
    const sample = (bytesRead: number) => {
      if (bytesRead < nextSample) return;
      nextSample = bytesRead + 4 * 1024 * 1024;
      gc();
      retained.push(process.memoryUsage().heapUsed - baseline);
    };

    const began = performance.now();
    let lines = 0;
    let sum = 0n;
    let lastLineNo = 0;
    let summaryLine = 0;
    for await (const item of parseAlipayBill(bill.source, { onProgress: sample })) {
      if (item.type === 'line') {
        lines += 1;
        sum += item.line.amount;
        lastLineNo = item.line.lineNo;
      } else if (item.type === 'summary') summaryLine = item.summary.lineNo;
    }
    const elapsedMs = performance.now() - began;
    const parseMs = elapsedMs - bill.generatingMs();

    expect(lines).toBe(ROWS);
    expect(lastLineNo).toBe(ALIPAY_PREAMBLE.length + ROWS);
    expect(summaryLine).toBe(ALIPAY_PREAMBLE.length + ROWS + 4);
    expect(sum).not.toBe(0n);
    const peakRetained = Math.max(...retained);
    expect(retained.length).toBeGreaterThan(5);
    expect(peakRetained).toBeLessThan(bill.bytes() / 20);

    const mib = (n: number) => `${Math.round(n / 104_857.6) / 10} MiB`;
    console.log(
      `statements: ${ROWS} Alipay lines (${mib(bill.bytes())}) parsed in ${Math.round(parseMs)} ms ` +
        `(${Math.round((ROWS / parseMs) * 1000)} lines/s, generation excluded; ${Math.round(elapsedMs)} ms in all); ` +
        `retained heap ${retained.map(mib).join(', ')}`,
    );
  });
});
