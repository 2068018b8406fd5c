/**
 * `npm run bench [-- --quick] [-- --json]`: runs each benchmark in its own process (so each
 * reports its own peak memory), prints a line per figure, and with --json ends with one JSON
 * object holding every figure. Ratios are measured within one run: machines are noisy.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { exited, onLines, spawnTs } from '../support/child.js';
import { parseOptions, runCli } from '../../src/core/cli-args.js';

interface Bench {
  name: string;
  script: string;
  args: (quick: boolean, dir: string) => string[];
}

const BENCHES: Bench[] = [
  {
    name: 'ledger',
    script: 'tests/bench/ledger.ts',
    args: (quick, dir) => ['--orders', quick ? '10000' : '100000', '--dir', dir],
  },
];

runCli(async () => {
  const options = parseOptions(process.argv.slice(2), { quick: { value: false }, json: { value: false }, only: { value: true } });
  const quick = options.quick === true;
  const dir = resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const figures: Record<string, unknown> = { quick };
  for (const bench of BENCHES.filter((b) => !options.only || b.name === options.only)) {
    process.stderr.write(`bench ${bench.name}${quick ? ' (quick)' : ''} ...\n`);
    const child = spawnTs(bench.script, bench.args(quick, dir));
    let last = '';
    onLines(child, (line) => {
      if (line.trim()) last = line;
    });
    child.stderr!.pipe(process.stderr);
    const { code } = await exited(child);
    if (code !== 0) throw new Error(`bench ${bench.name} failed (exit ${code})`);
    const result = JSON.parse(last) as Record<string, unknown>;
    for (const [key, value] of Object.entries(result)) process.stdout.write(`${key.padEnd(36)} ${String(value)}\n`);
    Object.assign(figures, result);
  }
  if (options.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
  return 0;
});
