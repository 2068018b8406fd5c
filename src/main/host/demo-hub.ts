/**
 * Demo mode: a hub embedded in the console process, on loopback, with demo staff accounts and a
 * day of simulator traffic (seeded once; the files stay in the data folder). Its clock follows
 * the simulation, and the console uses that clock, so deadlines and days line up with the data.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addStaff } from '../../hub/auth.js';
import { createHub } from '../../hub/server.js';
import { SqliteHubStorage } from '../../hub/storage/sqlite.js';
import { createIdGenerator } from '../../shared/ids.js';
import type { Role } from '../../shared/roles.js';
import { runSimulation } from '../../sim/run.js';

/** Shown on the sign-in screen in demo mode: these accounts exist only in the demo hub. */
export const DEMO_PASSWORD = 'demo-password-1';
export const DEMO_STAFF: ReadonlyArray<{ name: string; role: Role }> = [
  { name: 'agent', role: 'agent' },
  { name: 'agent2', role: 'agent' },
  { name: 'risk', role: 'risk' },
  { name: 'onboarding', role: 'onboarding' },
  { name: 'finance', role: 'finance' },
  { name: 'finance2', role: 'finance' },
  { name: 'admin', role: 'admin' },
];

export interface DemoHub {
  url: string;
  /** The demo hub's clock (simulated time). */
  clock: () => number;
  close(): Promise<void>;
}

export async function startDemoHub(options: { dir: string; orders: number; log: (message: string) => void }): Promise<DemoHub> {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const storage = await SqliteHubStorage.open(join(options.dir, 'hub.db'));
  const key = randomBytes(24).toString('base64url');
  const hub = await createHub({ storage, marketplaceKey: key, testClock: true, schedulerIntervalMs: 1000 });
  const url = await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const ids = { clock: hub.clock, newId: createIdGenerator(hub.clock) };
  for (const member of DEMO_STAFF) {
    if (await storage.write((tx) => tx.findStaffByName(member.name))) continue;
    await addStaff(storage, { ...member, password: DEMO_PASSWORD }, ids);
  }
  if ((await storage.head()).seq === 0) {
    options.log(`demo: seeding the embedded hub with ${options.orders} simulated orders`);
    await runSimulation({ hubUrl: url, key, orders: options.orders, seed: 'demo', profile: 'normal', followClock: true, advanceDays: 0, log: options.log });
  } else {
    // The hub's clock restarts at real time: move it on to where the simulated days had got.
    const head = await storage.head();
    const [last] = (await storage.eventsPage(head.seq - 1, 1)).events;
    const behind = (last?.at ?? 0) - hub.clock();
    if (behind > 0) await hub.app.inject({ method: 'POST', url: '/v1/test/clock', payload: { advanceMs: behind } });
  }
  return {
    url,
    clock: hub.clock,
    async close() {
      await hub.close();
      await storage.close();
    },
  };
}
