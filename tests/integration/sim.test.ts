/**
 * `npm run sim` against a real hub process (SQLite, test clock): a seeded day of traffic is
 * accepted in full when the hub's clock follows the simulation, and the same seed sent again is
 * answered exactly as before with nothing new in the event log (intake is idempotent by id).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, onLines, spawnTs } from '../support/child.js';
import { tempDir } from '../support/files.js';

const KEY = 'sim-integration-key';
const tmp = tempDir('sim');
let hub: ChildProcess;
let hubUrl = '';

interface Summary {
  orders: number;
  events: Record<string, number>;
  events_sent: number;
  accepted: number;
  rejected: Record<string, number>;
  clock: { followed: boolean; clock_dependent_events: number; auto_confirmed: number };
  disputes: { total: number };
  risky_patterns: Record<string, Array<{ subject: string; order_ids: string[] }>>;
  applications: { valid: number; invalid: number };
  statement: { discrepancies: Array<{ kind: string }> };
  accepted_events_per_s: number;
  answers_sha256: string;
}

async function runSim(args: readonly string[], key = KEY): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnTs('src/sim/cli.ts', args, { ESCROW_MARKETPLACE_KEY: key });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const { code } = await exited(child);
  return { code, stdout, stderr };
}

function summaryOf(stdout: string): Summary {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Summary;
}

async function head(): Promise<number> {
  const response = await fetch(`${hubUrl}/v1/health`);
  return ((await response.json()) as { head: { seq: number } }).head.seq;
}

beforeAll(async () => {
  hub = spawnTs('src/hub/cli.ts', ['--port', '0', '--db', tmp.file('hub.db'), '--test-clock'], { ESCROW_MARKETPLACE_KEY: KEY });
  hubUrl = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    hub.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    hub.once('exit', (code) => reject(new Error(`the hub exited (${code}) before listening: ${stderr}`)));
    onLines(hub, (line) => {
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (match) resolve(match[1]);
    });
  });
});

afterAll(async () => {
  if (hub && hub.exitCode === null) {
    hub.kill('SIGTERM');
    await exited(hub);
  }
  tmp.cleanup();
});

describe('npm run sim against a real hub', () => {
  const args = () => ['--hub', hubUrl, '--orders', '300', '--seed', 'integration-1'];
  let first: Summary;

  it('delivers a seeded day: every event accepted while the hub clock follows the simulation, but for holds the risk rules froze', async () => {
    // --advance-days: afterwards every auto-confirm timer has fired, so the replay below cannot
    // race with the hub's own scheduler appending auto-confirmations.
    const run = await runSim([...args(), '--follow-clock', '--advance-days', '40']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^sim: \d+ events for 300 orders/m);
    first = summaryOf(run.stdout);
    const planned = Object.values(first.events).reduce((a, b) => a + b, 0);
    // Refused, and only these: buyers confirming orders the risk rules froze (hold_frozen), and
    // the bank's confirmations of the simulator's own payout ids, which the hub never created.
    const expected = ['hold_frozen', 'payout_not_found'];
    expect(Object.keys(first.rejected).filter((code) => !expected.includes(code))).toEqual([]);
    const refused = expected.reduce((n, code) => n + (first.rejected[code] ?? 0), 0);
    expect(first).toMatchObject({ orders: 300, events_sent: planned, accepted: planned - refused });
    expect(first.clock).toMatchObject({ followed: true });
    expect(first.clock.auto_confirmed).toBeGreaterThan(0);
    expect(first.disputes.total).toBe(6);
    for (const kind of ['buyer_velocity', 'amount_anomaly', 'new_merchant_high_volume', 'shipping_region_mismatch', 'repeat_disputer', 'known_bad_device', 'known_bad_address']) {
      expect(first.risky_patterns[kind].length, kind).toBeGreaterThan(0);
    }
    expect(first.applications.invalid).toBeGreaterThan(0);
    expect(new Set(first.statement.discrepancies.map((d) => d.kind)).size).toBe(5);
    expect(first.accepted_events_per_s).toBeGreaterThan(0);
  });

  it('replays the same seed idempotently: the same answers, nothing new in the log', async () => {
    const before = await head();
    const run = await runSim(args());
    expect(run.code, run.stderr).toBe(0);
    const replay = summaryOf(run.stdout);
    expect(replay).toMatchObject({ events_sent: first.events_sent, accepted: first.accepted, rejected: {} });
    expect(replay.answers_sha256).toBe(first.answers_sha256);
    expect(await head()).toBe(before);
  });

  it('refuses to run without the marketplace key (exit 2) and stops at a wrong one (exit 1)', async () => {
    const missing = await runSim(args(), '');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/ESCROW_MARKETPLACE_KEY/);
    const wrong = await runSim(args(), 'not-the-key');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/HTTP 401 unauthenticated/);
    expect(wrong.stdout).toBe('');
  });
});
