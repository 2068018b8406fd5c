/**
 * `npm run web -- [--hub URL] [--data DIR] [--db FILE] [--port P] [--demo-orders N] [--upload-limit-mib N] [--no-build]`
 *
 * The console in a normal browser: the same handlers and renderer as the Electron app, served
 * on 127.0.0.1 only. Prints `console on http://127.0.0.1:PORT/?secret=...` on stdout when ready
 * (open that link; the secret is new at every launch), preceded in demo mode by a line naming the
 * demo accounts. Everything else (progress, the simulator's seeding, errors) goes to stderr.
 *
 * --hub URL            the hub to sync with (wins over the data folder's settings); without it
 *                      and without one in the settings, demo mode: an embedded hub seeded by the simulator
 * --data DIR           the console's data folder (default .data/console)
 * --db FILE            the local ledger (default <data>/console.db; demo mode <data>/demo-console.db)
 * --port P             the port on 127.0.0.1 (default 0: a free port)
 * --demo-orders N      simulated orders seeded into a new demo hub (default 2000)
 * --upload-limit-mib N largest statement upload (default 512)
 * --no-build           serve out/renderer as it is (default: build it first when missing or stale)
 * --follow-hub-clock   live on the --hub's simulated time (a hub started with --test-clock and fed
 *                      by the simulator; end-to-end tests use it)
 *
 * Exit codes: 0 stopped by SIGINT/SIGTERM, 1 failed, 2 usage.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { intOption, parseOptions, runCli, UsageError, urlOption } from '../../core/cli-args.js';
import { hubUrlSchema } from '../../shared/schemas.js';
import { MAX_ORDERS, MIN_ORDERS } from '../../sim/traffic.js';
import { ConsoleHost } from '../host/console-host.js';
import { DEMO_PASSWORD, DEMO_STAFF } from '../host/demo-hub.js';
import { followHubTestClock } from '../host/hub-test-clock.js';
import { lockDataDir } from './data-lock.js';
import { ensureRendererBuild, RENDERER_OUT } from './renderer-build.js';
import { startWebServer } from './server.js';

/** How long a stop waits for the console to close cleanly. */
const CLOSE_GRACE_MS = 3000;

/** The line printed in demo mode (stdout, before the URL). */
function demoLine(): string {
  const names = DEMO_STAFF.map((s) => `${s.name} (${s.role})`).join(', ');
  return `demo mode: an embedded hub with simulated orders, nothing is real; sign in as ${names} with the password ${DEMO_PASSWORD}`;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), {
    hub: { value: true },
    data: { value: true },
    db: { value: true },
    port: { value: true },
    'demo-orders': { value: true },
    'upload-limit-mib': { value: true },
    'no-build': { value: false },
    'follow-hub-clock': { value: false },
  });
  // Without a trailing slash: the hub clock's route is appended to it (hub-test-clock.ts).
  const hub = urlOption(options.hub, 'hub', hubUrlSchema)?.replace(/\/$/, '');
  const port = intOption(options.port, 'port', 0, 65535) ?? 0;
  const demoOrders = intOption(options['demo-orders'], 'demo-orders', MIN_ORDERS, MAX_ORDERS);
  const uploadLimitMib = intOption(options['upload-limit-mib'], 'upload-limit-mib', 1, 16384) ?? 512;
  if (options.data === '') throw new UsageError('--data needs a folder');
  if (options.db === '') throw new UsageError('--db needs a file');
  const dbFile = options.db as string | undefined;
  const dataDir = (options.data as string | undefined) ?? join('.data', 'console');
  const log = (message: string) => process.stderr.write(`${message}\n`);

  let rendererDir = RENDERER_OUT;
  if (options['no-build'] === true) {
    if (!existsSync(join(RENDERER_OUT, 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first (or start without --no-build, which builds it)');
  } else {
    rendererDir = await ensureRendererBuild({ log });
  }

  const unlock = lockDataDir(dataDir);
  process.once('exit', unlock);
  if (options['follow-hub-clock'] === true && !hub) throw new UsageError('--follow-hub-clock needs --hub (demo mode already lives on its own hub\'s clock)');
  const followed = options['follow-hub-clock'] === true ? await followHubTestClock(hub!, log) : null;
  const host = await ConsoleHost.open({ dataDir, ...(hub ? { hubUrl: hub } : {}), ...(dbFile ? { dbFile } : {}), ...(demoOrders ? { demoOrders } : {}), ...(followed ? { clock: followed } : {}), log });
  let server;
  try {
    server = await startWebServer({ host, rendererDir, port, uploadLimitBytes: uploadLimitMib * 1024 * 1024, log });
  } catch (error) {
    await host.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`port ${port} on 127.0.0.1 is in use; choose another with --port (0 picks a free one)`, { cause: error });
    throw error;
  }
  if (host.demo) process.stdout.write(`${demoLine()}\n`);
  process.stdout.write(`console on ${server.secretUrl}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log('web: stopping');
  // A second signal while closing stops at once.
  const force = () => process.exit(1);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  const closing = (async () => {
    await server.close();
    await host.close();
    return true;
  })();
  // Stopping cancels the sync loop's long poll, but a request already on its way to a slow or
  // unreachable hub still runs to its timeout: do not make the user wait for it. The store is
  // SQLite in WAL mode, safe to leave at any point.
  const grace = new Promise<false>((resolve) => setTimeout(() => resolve(false), CLOSE_GRACE_MS).unref());
  if (!(await Promise.race([closing, grace]))) {
    log(`web: still closing after ${CLOSE_GRACE_MS} ms (a request to the hub has not ended); stopping now`);
    process.exit(0);
  }
  return 0;
}

runCli(main);
