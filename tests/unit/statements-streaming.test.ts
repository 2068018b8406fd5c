/**
 * A 200,000-line Alipay bill, generated on the fly and never held in memory, parsed with
 * bounded memory. Prints the parse rate: the finance import must handle 1,000,000 lines.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseAlipayBill } from '../../src/core/statements/index.js';
import { ALIPAY_PREAMBLE } from '../../resources/statements/make-fixtures.js';
import { generatedBill } from '../support/alipay-bill.js';

const ROWS = 200_000;

// Measuring what the parser retains needs a full collection at each sample.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

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
