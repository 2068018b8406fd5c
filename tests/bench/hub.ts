/**
 * Hub benchmarks (run by tests/bench/run.ts in their own processes):
 *   ingest  --storage sqlite|postgres --events N   marketplace events over HTTP, batched
 *   catchup --hub URL --events N                   a fresh console pulling the whole log
 * Each prints one JSON object. The hub runs as a real child process (`npm run hub`).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseOptions } from '../../src/core/cli-args.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { HubClient } from '../../src/main/sync/hub-client.js';
import { SyncClient } from '../../src/main/sync/sync-client.js';
import { MARKETPLACE_KEY } from '../support/hub-process.js';

// Whole orders per batch (three events each), within the intake limit of 1,000.
const BATCH = 999;
const IN_FLIGHT = 2;

/**
 * Paid, shipped and confirmed events for `events / 3` orders, in batches. Buyers and merchants
 * are many (a buyer pays once, a merchant sells about seven times), so the risk rules see
 * ordinary traffic rather than one account placing thousands of orders in minutes.
 */
function* traffic(events: number): Generator<unknown[]> {
  let batch: unknown[] = [];
  const orders = Math.ceil(events / 3);
  for (let i = 0; i < orders; i += 1) {
    const orderId = `H${i}`;
    batch.push({ id: `${orderId}-p`, type: 'order.paid', orderId, buyerId: `B${i}`, merchantId: `M${i % Math.max(1, Math.floor(orders / 7))}`, amount: String(500 + ((i * 7919) % 100_000)), currency: 'CNY', feeBps: 60, reserveBps: i % 5 === 0 ? 1000 : 0 });
    batch.push({ id: `${orderId}-s`, type: 'order.shipped', orderId, method: 'express' });
    batch.push({ id: `${orderId}-c`, type: 'order.confirmed', orderId });
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function post(url: string, batch: unknown[]): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const response = await fetch(`${url}/v1/marketplace/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-marketplace-key': MARKETPLACE_KEY },
      body: JSON.stringify({ events: batch }),
    });
    if (response.ok) {
      const { answers } = (await response.json()) as { answers: Array<{ status: string; code?: string }> };
      // Buyers confirming orders the risk rules froze are refused; everything else must pass.
      const refused = answers.find((a) => a.status !== 'accepted' && a.code !== 'hold_frozen');
      if (refused) throw new Error(`intake refused an event: ${refused.code}`);
      return;
    }
    if (response.status !== 429 && response.status < 500) throw new Error(`intake failed: ${response.status} ${await response.text()}`);
    await new Promise((r) => setTimeout(r, 50 * 2 ** Math.min(attempt, 6)));
  }
  throw new Error('intake kept failing');
}

/** Sends `events` marketplace events with IN_FLIGHT requests at a time; returns events/s. */
export async function ingest(url: string, events: number): Promise<number> {
  const batches = traffic(events);
  let sent = 0;
  const start = performance.now();
  const worker = async () => {
    for (let next = batches.next(); !next.done; next = batches.next()) {
      await post(url, next.value);
      sent += next.value.length;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return sent / ((performance.now() - start) / 1000);
}

async function catchup(url: string, user: string, password: string, dir: string): Promise<void> {
  const file = join(dir, 'catchup-console.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const store = await ConsoleStore.open(file);
  const hub = new HubClient(url, { timeoutMs: 120_000 });
  await hub.signIn(user, password);
  const client = new SyncClient(store, hub, { pageSize: 5000 });
  const start = performance.now();
  const status = await client.syncUntilCaughtUp();
  const seconds = (performance.now() - start) / 1000;
  const head = await store.ledger.head();
  await store.close();
  if (status.drift) throw new Error(`catch-up drifted: ${status.lastError}`);
  process.stdout.write(
    `${JSON.stringify({
      sync_catchup_events: head.seq,
      sync_catchup_events_per_s: Math.round(head.seq / seconds),
      sync_catchup_peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      sync_catchup_checksum: head.checksum,
    })}\n`,
  );
}

if (process.argv[2] === 'catchup') {
  const options = parseOptions(process.argv.slice(3), { hub: { value: true, required: true }, dir: { value: true, required: true } });
  await catchup(options.hub as string, 'root', 'root-password-1', options.dir as string);
}
