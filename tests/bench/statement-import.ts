/**
 * Importing a large Alipay trade bill into a console database (run by tests/bench/run.ts in its
 * own process, so its peak memory is its own): the bill is generated once to a GBK file, then
 * parsed alone (the parser's rate), imported (streamed, written in batches, one transaction),
 * and imported again (every line already present). Prints one JSON object with the rates, their
 * ratio (import / parse, same run) and the peak resident memory.
 * Usage: statement-import.ts --lines N --dir DIR
 */
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { parseOptions } from '../../src/core/cli-args.js';
import { parseAlipayBill } from '../../src/core/statements/index.js';
import { importStatement } from '../../src/main/services/statement-import.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { generatedBill } from '../support/alipay-bill.js';

const options = parseOptions(process.argv.slice(2), { lines: { value: true, required: true }, dir: { value: true, required: true } });
const LINES = Number(options.lines);
const bill = join(options.dir as string, `alipay-${LINES}.csv`);
const dbFile = join(options.dir as string, 'statement-import.db');

if (!existsSync(bill)) {
  const partial = `${bill}.partial`;
  await pipeline(generatedBill(LINES).source, createWriteStream(partial));
  renameSync(partial, bill);
}
const bytes = statSync(bill).size;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

let began = performance.now();
let parsed = 0;
for await (const item of parseAlipayBill(createReadStream(bill))) if (item.type === 'line') parsed += 1;
const parseMs = performance.now() - began;

for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
const store = await ConsoleStore.open(dbFile);
let progressReports = 0;
began = performance.now();
const first = await importStatement(store, bill, { now: Date.now(), onProgress: () => (progressReports += 1) });
const importMs = performance.now() - began;
began = performance.now();
const again = await importStatement(store, bill, { now: Date.now() });
const reimportMs = performance.now() - began;
await store.close();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

if (parsed !== LINES || first.imported !== LINES || again.imported !== 0) {
  throw new Error(`expected ${LINES} lines parsed, imported once and not again; got ${parsed}, ${first.imported}, ${again.imported}`);
}
const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms);
const mib = (n: number) => Math.round(n / 1_048_576);
const figures = {
  statement_lines: LINES,
  statement_file_mib: mib(bytes),
  statement_parse_lines_per_s: perSecond(LINES, parseMs),
  statement_import_lines_per_s: perSecond(LINES, importMs),
  statement_import_seconds: Math.round(importMs / 100) / 10,
  statement_import_vs_parse_ratio: Math.round((parseMs / importMs) * 100) / 100,
  statement_reimport_lines_per_s: perSecond(LINES, reimportMs),
  statement_import_progress_reports: progressReports,
  statement_import_peak_rss_mib: mib(peakRss),
};
console.log(JSON.stringify(figures));
