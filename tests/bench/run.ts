/**
 * `npm run bench [-- --quick] [-- --json] [-- --only NAME]`: runs the benchmarks, prints a
 * line per figure, and with --json ends with one JSON object holding every figure. Work whose
 * memory is reported runs in its own process. Ratios are measured within one run.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { resolve, join } from 'node:path';
import pg from 'pg';
import { parseOptions, runCli } from '../../src/core/cli-args.js';
import { exited, onLines, spawnTs } from '../support/child.js';
import { startHub } from '../support/hub-process.js';
import { ingest } from './hub.js';

type Figures = Record<string, unknown>;

/** Runs a bench script in a child process; its last stdout line is its JSON figures. */
async function child(script: string, args: string[]): Promise<Figures> {
  const proc = spawnTs(script, args);
  let last = '';
  onLines(proc, (line) => {
    if (line.trim()) last = line;
  });
  proc.stderr!.pipe(process.stderr);
  const { code } = await exited(proc);
  if (code !== 0) throw new Error(`${script} failed (exit ${code})`);
  return JSON.parse(last) as Figures;
}

function fresh(file: string): string {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return file;
}

const POSTGRES_ADMIN_URL = process.env.ESCROW_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const BENCHES: Record<string, (quick: boolean, dir: string) => Promise<Figures>> = {
  ledger: (quick, dir) => child('tests/bench/ledger.ts', ['--orders', quick ? '10000' : '100000', '--dir', dir]),
  queues: (quick, dir) => child('tests/bench/queues.ts', ['--orders', quick ? '100000' : '1000000', '--dir', dir]),
  'statement-import': (quick, dir) => child('tests/bench/statement-import.ts', ['--lines', quick ? '100000' : '1000000', '--dir', dir]),
  // The same replica as `queues` (built once per size); at least 20 samples per interaction.
  attachments: (quick, dir) => child('tests/bench/attachments.ts', ['--files', quick ? '30' : '200', '--mib', '1', '--dir', dir]),
  ui: (quick, dir) => child('tests/bench/ui.ts', ['--orders', quick ? '100000' : '1000000', '--dir', dir, '--samples', quick ? '20' : '40', '--starts', quick ? '1' : '3']),

  async hub(quick, dir) {
    const events = quick ? 30_000 : 1_000_000;
    const db = fresh(join(dir, 'hub.db'));
    const hub = await startHub({ db }, { rate: 100_000 });
    try {
      const sqliteRate = await ingest(hub.url, events);
      const catchup = await child('tests/bench/hub.ts', ['catchup', '--hub', hub.url, '--dir', dir]);
      return { hub_ingest_events: events, hub_ingest_sqlite_events_per_s: Math.round(sqliteRate), ...catchup };
    } finally {
      await hub.stop();
    }
  },

  async 'hub-postgres'(quick) {
    const events = quick ? 30_000 : 200_000;
    const name = `escrow_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    try {
      const hub = await startHub({ databaseUrl: url.toString() }, { rate: 100_000 });
      try {
        return { hub_ingest_postgres_events: events, hub_ingest_postgres_events_per_s: Math.round(await ingest(hub.url, events)) };
      } finally {
        await hub.stop();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  },
};

runCli(async () => {
  const options = parseOptions(process.argv.slice(2), { quick: { value: false }, json: { value: false }, only: { value: true } });
  const quick = options.quick === true;
  const dir = resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const figures: Figures = { quick };
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (options.only && options.only !== name) continue;
    process.stderr.write(`bench ${name}${quick ? ' (quick)' : ''} ...\n`);
    const result = await bench(quick, dir);
    for (const [key, value] of Object.entries(result)) process.stdout.write(`${key.padEnd(44)} ${String(value)}\n`);
    Object.assign(figures, result);
  }
  if (options.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
  return 0;
});
