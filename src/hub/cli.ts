/**
 * `npm run hub -- --port P (--db FILE | --database-url postgres://...) [--host H] [--rate N] [--test-clock]`
 * `npm run hub -- staff add (--db FILE | --database-url URL) --name N --role R`  (password: ESCROW_PASSWORD)
 * `npm run hub -- verify (--db FILE | --database-url URL)`: the ledger's invariants and the audit
 *   chain, one JSON report; exit 1 when one fails
 *
 * Environment: ESCROW_MARKETPLACE_KEY opens marketplace intake; ESCROW_BOOTSTRAP_ADMIN=name:password
 * creates the first admin on an empty database.
 */
import { existsSync } from 'node:fs';
import { intOption, parseOptions, runCli, UsageError } from '../core/cli-args.js';
import { ROLES, type Role } from '../shared/roles.js';
import { createIdGenerator } from '../shared/ids.js';
import { addStaff, bootstrapAdmin } from './auth.js';
import { createHub } from './server.js';
import { openHubStorage } from './storage/open.js';

const STORAGE_OPTIONS = { db: { value: true }, 'database-url': { value: true } } as const;

async function staffAdd(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, { ...STORAGE_OPTIONS, name: { value: true, required: true }, role: { value: true, required: true } });
  const role = options.role as Role;
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const password = process.env.ESCROW_PASSWORD;
  if (!password) throw new UsageError('set the new staff member\'s password in ESCROW_PASSWORD');
  const storage = await openHubStorage({ db: options.db as string | undefined, databaseUrl: options['database-url'] as string | undefined });
  try {
    const staff = await addStaff(storage, { name: options.name as string, role, password }, { clock: Date.now, newId: createIdGenerator() });
    process.stdout.write(`${JSON.stringify({ added: staff })}\n`);
    return 0;
  } finally {
    await storage.close();
  }
}

async function verify(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, STORAGE_OPTIONS);
  if (typeof options.db === 'string' && !existsSync(options.db)) throw new UsageError(`no database at ${options.db}`);
  const storage = await openHubStorage({ db: options.db as string | undefined, databaseUrl: options['database-url'] as string | undefined });
  try {
    const report = await storage.verify();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!report.ok) process.stderr.write(`verify: broken invariants: ${report.failed.join(', ')}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await storage.close();
  }
}

async function serve(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv, {
    ...STORAGE_OPTIONS,
    port: { value: true },
    host: { value: true },
    'test-clock': { value: false },
    rate: { value: true },
  });
  // Requests per second per caller; port 0 picks a free port.
  const rate = intOption(options.rate, 'rate', 1, 100_000);
  const port = intOption(options.port, 'port', 0, 65_535) ?? 8787;
  const host = (options.host as string | undefined) ?? '127.0.0.1';
  const storage = await openHubStorage({ db: options.db as string | undefined, databaseUrl: options['database-url'] as string | undefined });
  const admin = await bootstrapAdmin(storage, process.env.ESCROW_BOOTSTRAP_ADMIN, { clock: Date.now, newId: createIdGenerator() });
  if (admin) process.stderr.write(`hub: created the first admin "${admin.name}"\n`);
  const hub = await createHub({
    storage,
    marketplaceKey: process.env.ESCROW_MARKETPLACE_KEY || undefined,
    testClock: options['test-clock'] === true,
    schedulerIntervalMs: 1000,
    ...(rate ? { limits: { ratePerSecond: rate, rateBurst: rate * 2 } } : {}),
  });
  const address = await hub.app.listen({ port, host });
  const url = new URL(address);
  process.stdout.write(`listening on http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${url.port}\n`);
  if (!process.env.ESCROW_MARKETPLACE_KEY) process.stderr.write('hub: ESCROW_MARKETPLACE_KEY is not set: marketplace intake is closed\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await hub.close();
  await storage.close();
  return 0;
}

runCli(async () => {
  const argv = process.argv.slice(2);
  if (argv[0] === 'staff') {
    if (argv[1] !== 'add') throw new UsageError('usage: hub staff add (--db FILE | --database-url URL) --name N --role R');
    return staffAdd(argv.slice(2));
  }
  if (argv[0] === 'verify') return verify(argv.slice(1));
  return serve(argv);
});
