/**
 * Once per Playwright run: the renderer build the consoles serve, and a hub database seeded
 * by the simulator (staff of every role added with the hub's own CLI) that each journey copies.
 * E2E_ORDERS sets the simulated orders (default 600: enough disputes, flags, applications and
 * statement days for every journey, seeded in well under a minute).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRendererBuild } from '../../src/main/web/renderer-build.js';
import { exited, onLines, spawnTs } from '../support/child.js';
import { addStaffCli, MARKETPLACE_KEY, startHub } from '../support/hub-process.js';
import { newRunDir, passwordOf, STAFF, writeTemplateInfo, type StaffName } from './support/world.js';

const SEED = 'e2e';

async function simulate(hubUrl: string, orders: number): Promise<void> {
  const sim = spawnTs('src/sim/cli.ts', ['--hub', hubUrl, '--orders', String(orders), '--seed', SEED, '--follow-clock'], { ESCROW_MARKETPLACE_KEY: MARKETPLACE_KEY });
  let stderr = '';
  sim.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  onLines(sim, () => {});
  const { code } = await exited(sim);
  if (code !== 0) throw new Error(`the simulator failed (exit ${code}): ${stderr}`);
}

async function hubNow(hubUrl: string): Promise<number> {
  const response = await fetch(`${hubUrl}/v1/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advanceMs":0}' });
  return ((await response.json()) as { now: number }).now;
}

export default async function globalSetup(): Promise<void> {
  const log = (message: string) => process.stderr.write(`${message}\n`);
  await ensureRendererBuild({ log });
  const dir = join(newRunDir(), 'template');
  mkdirSync(dir, { recursive: true });
  const hubDb = join(dir, 'hub.db');
  const orders = Number(process.env.E2E_ORDERS ?? 600);
  for (const name of Object.keys(STAFF) as StaffName[]) await addStaffCli({ db: hubDb }, name, STAFF[name].role, passwordOf(name));
  const hub = await startHub({ db: hubDb });
  try {
    await simulate(hub.url, orders);
    writeTemplateInfo({ hubDb, hubNow: await hubNow(hub.url), orders, seed: SEED });
  } finally {
    await hub.stop();
  }
}
