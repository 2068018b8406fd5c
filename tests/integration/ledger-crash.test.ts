/**
 * Crash test: a child process applies batches to a ledger file on disk and is killed with
 * SIGKILL at seeded points (during start-up, between commits, in the middle of a batch).
 * After every kill: PRAGMA integrity_check is ok, every batch is fully present or fully
 * absent, every batch whose commit was acknowledged is present, and the ledger verifies.
 *
 * Rounds: 20 (ESCROW_CRASH_ROUNDS for more); seed ESCROW_CRASH_SEED.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { selectIn } from '../../src/core/db/sqlite.js';
import { SqliteLedger } from '../../src/core/ledger/sqlite-ledger.js';
import { verifyLedger } from '../../src/core/ledger/verify.js';
import { crashBatches } from '../support/crash-batches.js';
import { exited, onLines, spawnTs } from '../support/child.js';
import { tempDir } from '../support/files.js';
import { rng } from '../support/driver.js';

const ROUNDS = Number(process.env.ESCROW_CRASH_ROUNDS ?? 20);
const SEED = Number(process.env.ESCROW_CRASH_SEED ?? 7);
const BATCHES = ROUNDS * 4;

describe('ledger crash safety', () => {
  const tmp = tempDir('crash', 'disk');
  afterAll(() => tmp.cleanup());

  it(`survives ${ROUNDS} SIGKILLs at seeded points (seed ${SEED})`, async () => {
    const file = tmp.file('crash.db');
    const batches = crashBatches(SEED, BATCHES);
    const random = rng(SEED);
    let acknowledged = -1;
    const kills: string[] = [];

    for (let round = 0; round < ROUNDS; round += 1) {
      const child = spawnTs('tests/support/crash-writer.ts', [file, String(SEED), String(BATCHES)]);
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const startup = random() < 0.2;
      const afterCommits = Math.floor(random() * 3);
      const delayMs = Math.floor(random() * 80);
      let seen = 0;
      const killed = new Promise<void>((resolve) => {
        const kill = () => {
          child.kill('SIGKILL');
          resolve();
        };
        if (startup) setTimeout(kill, 200 + delayMs * 10);
        onLines(child, (line) => {
          const match = /^committed (\d+)$/.exec(line);
          if (match) {
            acknowledged = Math.max(acknowledged, Number(match[1]));
            seen += 1;
            if (!startup && seen === afterCommits + 1) setTimeout(kill, delayMs);
          }
          if (line === 'done') resolve();
        });
        child.once('exit', () => resolve());
      });
      await killed;
      const { code, signal } = await exited(child);
      expect(signal === 'SIGKILL' || code === 0, `writer failed: ${stderr}`).toBe(true);
      kills.push(startup ? `startup+${200 + delayMs * 10}ms` : `commit#${afterCommits}+${delayMs}ms`);

      const ledger = await SqliteLedger.open(file);
      try {
        const integrity = await ledger.db.withWriter((conn) => conn.get<{ integrity_check: string }>('PRAGMA integrity_check'));
        expect(integrity?.integrity_check, `round ${round}`).toBe('ok');
        let present = 0;
        for (let i = 0; i < batches.length; i += 1) {
          const rows = await selectIn<{ n: number }>(ledger.db.read, batches[i].map((e) => e.id), (p) => `SELECT count(*) AS n FROM events WHERE id IN (${p})`);
          const n = rows.reduce((a, r) => a + r.n, 0);
          expect([0, batches[i].length], `round ${round}: batch ${i} is partly present (${n} of ${batches[i].length})`).toContain(n);
          if (n === 0) break;
          present = i + 1;
        }
        expect(present, `round ${round}: an acknowledged batch is missing`).toBeGreaterThanOrEqual(acknowledged + 1);
        const report = await verifyLedger((sql, params) => ledger.db.read.all(sql, params));
        expect(report.failed, `round ${round}`).toEqual([]);
      } finally {
        await ledger.close();
      }
    }
    expect(kills.length).toBe(ROUNDS);
  }, 600_000);
});
