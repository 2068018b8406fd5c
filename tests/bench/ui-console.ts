/**
 * The console the UI benchmark drives: browser mode (`src/main/web/cli.ts`) on a copy of the
 * synthetic replica, offline, as finance and support staff often work.
 *
 * - Data folder: `<dataDir>/console.db` is the name ConsoleHost.open gives the store outside demo
 *   mode. The copy gets an `offline_credentials` row for the bench user (the scrypt hash a hub
 *   sign-in would have cached), so the sign-in screen answers offline, as it does for staff who
 *   signed in at the hub before.
 * - Hub: a loopback server that answers only `POST /v1/test/clock`, with the replica's "now", and
 *   drops every other connection, as an unreachable hub does (sign-in falls back to the cached
 *   credentials, sync retries with backoff). The host follows that clock (`--follow-hub-clock`)
 *   because the replica's orders have fixed dates: on the machine's clock the overview's 7-day
 *   range would be empty within days of the replica's last order, and which disputes are overdue
 *   would change from run to run. A closed port gives the same offline console on the machine's
 *   clock.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { hashPassword } from '../../src/core/auth/passwords.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';

export const BENCH_STAFF = { id: 'bench-agent-1', name: 'bench-agent', role: 'agent', password: 'bench-password-1' } as const;

/** A fresh data folder whose console.db is a copy of `replica` that knows the bench user. */
export async function prepareDataDir(replica: string, dataDir: string, now: number): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = join(dataDir, 'console.db');
  for (const suffix of ['', '-wal']) if (existsSync(replica + suffix)) copyFileSync(replica + suffix, db + suffix);
  const store = await ConsoleStore.open(db);
  try {
    const hash = await hashPassword(BENCH_STAFF.password);
    await store.ledger.db.transaction((tx) =>
      tx.run('INSERT INTO offline_credentials (name, staff_id, role, password_hash, verified_at) VALUES (?, ?, ?, ?, ?)', [BENCH_STAFF.name, BENCH_STAFF.id, BENCH_STAFF.role, hash, now]),
    );
  } finally {
    await store.close();
  }
  // Write the copy out now: left to the kernel, a gigabyte of dirty pages is flushed during the
  // cold start that follows (the console's first fsync waits for it).
  for (const suffix of ['', '-wal']) {
    if (!existsSync(db + suffix)) continue;
    const fd = openSync(db + suffix, 'r+');
    fsyncSync(fd);
    closeSync(fd);
  }
}

export interface ClockHub {
  url: string;
  close(): Promise<void>;
}

/** The clock-only hub described above, on a free loopback port. */
export async function startClockHub(now: number): Promise<ClockHub> {
  const server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/v1/test/clock') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ now }));
    } else request.socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
