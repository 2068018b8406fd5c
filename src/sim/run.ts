/**
 * One simulation run against a hub: generate the seeded traffic, send it (following the hub's
 * test clock if asked), optionally move the clock on, and summarise. Used by `npm run sim` and
 * by the console's demo mode, which seeds its embedded hub with it.
 */
import { MAX_INTAKE_BATCH } from '../shared/marketplace.js';
import { planBatches } from './batches.js';
import { DEFAULT_RETRY, HubClient } from './hub-client.js';
import { HubClock } from './hub-clock.js';
import { Random } from './random.js';
import { sendBatches } from './send.js';
import { buildSummary } from './summary.js';
import { CLOCK_STEP_MS, DAY_MS, type Profile } from './timeline.js';
import { generateTraffic } from './traffic.js';

/** Requests in flight: an ordinary day one at a time, Singles' Day as a burst. */
const CONCURRENCY: Record<Profile, number> = { normal: 1, 'singles-day': 4 };

export interface SimulationOptions {
  hubUrl: string;
  /** The marketplace's integration key. */
  key: string;
  orders: number;
  seed: string;
  profile: Profile;
  followClock: boolean;
  advanceDays: number;
  log: (line: string) => void;
}

export async function runSimulation(options: SimulationOptions): Promise<Record<string, unknown>> {
  const { orders, seed, profile, followClock, advanceDays, log } = options;
  const generating = performance.now();
  const traffic = generateTraffic({ orders, seed, profile });
  const batches = planBatches(traffic.events, { maxEvents: MAX_INTAKE_BATCH, clockStepMs: followClock ? CLOCK_STEP_MS : null, burst: traffic.burst });
  const { evidence } = traffic.plan;
  log(
    `sim: ${traffic.events.length} events for ${orders} orders (run ${traffic.runTag}) and ${evidence.files} evidence files (${evidence.bytes} bytes) generated in ${Math.round(performance.now() - generating)} ms; sending ${batches.length} batches to ${options.hubUrl}`,
  );

  const client = new HubClient({
    baseUrl: options.hubUrl,
    headers: { 'x-marketplace-key': options.key },
    retry: DEFAULT_RETRY,
    jitter: new Random(`jitter|${seed}`),
  });
  let clock = followClock ? await HubClock.attach(client, traffic.epochMs) : null;
  const sent = await sendBatches(batches, { client, concurrency: CONCURRENCY[profile], clock, totalEvents: traffic.events.length, progress: log, attachments: traffic.attachments });
  if (sent.rejectedNeedingClock > 0 && !followClock) {
    log(`sim: ${sent.rejectedNeedingClock} extension requests were refused because the hub's clock did not follow the simulation (use --follow-clock with a --test-clock hub)`);
  }
  if (advanceDays > 0) {
    clock ??= await HubClock.attach(client);
    await clock.advance(advanceDays * DAY_MS);
    log(`sim: moved the hub's clock ${advanceDays} days forward; ${clock.autoConfirmed} orders auto-confirmed`);
  }

  return buildSummary(traffic, sent, {
    followed: followClock,
    advancedDays: clock ? Math.round((clock.advancedMs / DAY_MS) * 10) / 10 : 0,
    autoConfirmed: clock?.autoConfirmed ?? 0,
  });
}
