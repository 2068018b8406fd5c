/**
 * `npm run sim -- --hub URL --orders N --seed S [--profile normal|singles-day] [--follow-clock] [--advance-days D]`
 *
 * Drives the hub's marketplace intake with seeded traffic (src/sim/traffic.ts) and prints a JSON
 * summary as the last line of stdout; progress goes to stderr. The marketplace key comes from
 * ESCROW_MARKETPLACE_KEY.
 *
 * --follow-clock  moves a test hub's clock (hub started with --test-clock) along simulated time,
 *                 so confirmation windows, extensions and auto-confirmations happen on the days
 *                 planned. Without it the hub decides everything at its own "now", and buyers'
 *                 extension requests in long windows are refused as not yet allowed.
 * --advance-days  moves a test hub's clock D days forward at the end, so the auto-confirm timers
 *                 of buyers who never confirmed fire.
 *
 * Exit codes: 0 done (rejections are reported, not failures), 1 the hub refused or failed,
 * 2 usage.
 */
import { intOption, parseOptions, runCli, UsageError, urlOption } from '../core/cli-args.js';
import { hubUrlSchema } from '../shared/schemas.js';
import { runSimulation } from './run.js';
import { PROFILES, type Profile } from './timeline.js';
import { MAX_ORDERS, MIN_ORDERS } from './traffic.js';

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), {
    hub: { value: true, required: true },
    orders: { value: true, required: true },
    seed: { value: true, required: true },
    profile: { value: true },
    'follow-clock': { value: false },
    'advance-days': { value: true },
  });
  const key = process.env.ESCROW_MARKETPLACE_KEY;
  if (!key) throw new UsageError('set the marketplace integration key in ESCROW_MARKETPLACE_KEY (the hub must be started with the same key)');
  const profile = (options.profile ?? 'normal') as Profile;
  if (!PROFILES.includes(profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}`);
  // --hub and --orders are required: parseOptions refused their absence.
  const hubUrl = urlOption(options.hub, 'hub', hubUrlSchema)!;
  const orders = intOption(options.orders, 'orders', MIN_ORDERS, MAX_ORDERS)!;
  const advanceDays = intOption(options['advance-days'], 'advance-days', 1, 400) ?? 0;
  const followClock = options['follow-clock'] === true;
  const seed = options.seed as string;
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const summary = await runSimulation({ hubUrl, key, orders, seed, profile, followClock, advanceDays, log });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}

runCli(main);
