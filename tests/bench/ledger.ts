/**
 * Ledger benchmark (run in its own process by tests/bench/run.ts, so peak RSS is its own):
 * applies a realistic lifecycle stream of N orders to a fresh ledger file, then inserts the
 * same number of rows with raw multi-row statements into a fresh file of the same kind (WAL,
 * synchronous=FULL, same batch size, same wrapper). Only the database work is timed; the
 * stream's generation is not. Prints one JSON object.
 * Usage: ledger.ts --orders N --dir DIR
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { insertMany, SqliteDb, type SqlParams } from '../../src/core/db/sqlite.js';
import { SqliteLedger } from '../../src/core/ledger/sqlite-ledger.js';
import { parseOptions } from '../../src/core/cli-args.js';
import { lifecycleStream } from './lifecycle-stream.js';

const BATCH = 5_000;

const options = parseOptions(process.argv.slice(2), { orders: { value: true, required: true }, dir: { value: true, required: true } });
const orders = Number(options.orders);
const dir = options.dir as string;
const ledgerFile = join(dir, 'ledger.db');
const rawFile = join(dir, 'raw.db');
for (const f of [ledgerFile, rawFile]) for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });

const ledger = await SqliteLedger.open(ledgerFile);
let events = 0;

let applyMs = 0;
for (const batch of lifecycleStream(orders, 42, BATCH)) {
  const start = performance.now();
  const outcome = await ledger.apply(batch);
  applyMs += performance.now() - start;
  const rejected = outcome.results.find((r) => r !== 'ok');
  if (rejected) throw new Error(`the ledger rejected a stream event: ${rejected}`);
  events += batch.length;
}
const head = await ledger.head();
const sample = await ledger.eventsAfter(0, 1000);
const bodyBytes = Math.round(sample.reduce((n, e) => n + e.body.length, 0) / sample.length);
await ledger.close();

// Raw baseline: the same number of rows, shaped like the event rows, same batches.
const raw = await SqliteDb.open(rawFile);
await raw.withWriter((c) =>
  c.exec('CREATE TABLE raw (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, aggregate_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL, body_hash TEXT NOT NULL)'),
);
const filler = 'x'.repeat(bodyBytes);
let rawMs = 0;
for (let start = 0; start < events; start += BATCH) {
  const rows: SqlParams[] = [];
  for (let i = start; i < Math.min(events, start + BATCH); i += 1) {
    rows.push([i + 1, `0193${i.toString(16).padStart(28, '0')}`, `O${i >> 2}`, (i & 3) + 1, 'order.paid', 1_700_000_000_000 + i, filler, i.toString(16).padStart(64, '0')]);
  }
  const t = performance.now();
  await raw.transaction((tx) => insertMany(tx, 'raw', ['seq', 'id', 'aggregate_id', 'version', 'type', 'at', 'body', 'body_hash'], rows));
  rawMs += performance.now() - t;
}
await raw.close();

const applyRate = events / (applyMs / 1000);
const rawRate = events / (rawMs / 1000);
process.stdout.write(
  `${JSON.stringify({
    ledger_orders: orders,
    ledger_events: events,
    ledger_apply_events_per_s: Math.round(applyRate),
    ledger_raw_rows_per_s: Math.round(rawRate),
    ledger_vs_raw_ratio: Math.round((applyRate / rawRate) * 1000) / 1000,
    ledger_peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    ledger_db: ledgerFile,
    ledger_checksum: head.checksum,
  })}\n`,
);
