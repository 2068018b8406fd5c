/**
 * Queue and search timings on a console replica of 1,000,000 orders (run by tests/bench/run.ts),
 * the synthetic replica of tests/bench/replica.ts (built once and reused). Prints one JSON object.
 * Usage: queues.ts --orders N --dir DIR
 */
import { parseOptions } from '../../src/core/cli-args.js';
import { DAY_MS } from '../../src/core/escrow/config.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { disputeCounts, disputeQueue, riskQueue } from '../../src/main/services/queues.js';
import { globalSearch } from '../../src/main/services/search.js';
import { daySeries } from '../../src/main/services/series.js';
import { morningStats } from '../../src/main/services/stats.js';
import { disputeQueueQuerySchema } from '../../src/shared/api/console.js';
import { timeRuns } from './percentiles.js';
import { ensureReplica, REPLICA_NOW as NOW } from './replica.js';

const options = parseOptions(process.argv.slice(2), { orders: { value: true, required: true }, dir: { value: true, required: true } });
const ORDERS = Number(options.orders);
const { file, buildMs } = await ensureReplica(options.dir as string, ORDERS);
const store = await ConsoleStore.open(file);
const db = store.ledger.db.read;
const queue = (filter: Record<string, unknown>) => () => disputeQueue(db, disputeQueueQuerySchema.parse({ limit: 50, ...filter }), 'agent-3', NOW);
const figures: Record<string, unknown> = { queues_orders: ORDERS, queues_build_ms: buildMs };
const cases: Array<[string, () => Promise<unknown>]> = [
  ['dispute_queue', queue({})],
  ['dispute_queue_overdue', queue({ overdue: true })],
  ['dispute_queue_reason', queue({ reason: 'damaged' })],
  ['dispute_queue_assignee_me', queue({ assignee: 'me' })],
  ['dispute_queue_merchant', queue({ merchantId: 'M7' })],
  ['dispute_queue_amount_range', queue({ minAmount: '100000', maxAmount: '120000' })],
  ['dispute_queue_opened_range', queue({ openedFrom: NOW - 10 * DAY_MS, openedTo: NOW - 9 * DAY_MS })],
  ['dispute_queue_resolved', queue({ status: 'resolved_release' })],
  ['dispute_counts', () => disputeCounts(db, NOW)],
  ['risk_queue', () => riskQueue(db, { status: 'unreviewed', limit: 50 })],
  ['risk_queue_highest', () => riskQueue(db, { status: 'unreviewed', level: 'highest', limit: 50 })],
  ['morning_stats', () => morningStats(db, NOW)],
];
const samplePayout = (await db.get<{ payout_id: string }>('SELECT payout_id FROM payouts ORDER BY payout_id LIMIT 1 OFFSET 12345'))!.payout_id;
const searches: Array<[string, string]> = [
  ['order_prefix', 'O0012'],
  ['order_exact', 'O00123456'],
  ['order_lowercase', 'o00999'],
  ['merchant_id', 'M12'],
  ['legal_name', 'shang'],
  ['legal_name_chinese', '杭州'],
  ['buyer_prefix', 'B1234'],
  ['payout_prefix', samplePayout.slice(0, 13)],
  ['many_kinds', 'A1'],
  ['miss', 'zzz'],
];
for (const [name, q] of searches) cases.push([`search_${name}`, () => globalSearch(db, q, 20)]);
for (const days of [7, 30, 90, 366]) cases.push([`series_${days}d`, () => daySeries(db, NOW - days * DAY_MS, NOW, 'CNY')]);
const all: number[] = [];
for (const [name, fn] of cases) {
  const { p50, p95 } = await timeRuns(fn);
  figures[`${name}_p50_ms`] = p50;
  figures[`${name}_p95_ms`] = p95;
  if (!name.startsWith('search_') && !name.startsWith('series_')) all.push(p95);
}
figures.queues_worst_p95_ms = Math.max(...all);
const worst = (prefix: string) => Math.max(...Object.entries(figures).filter(([k]) => k.startsWith(prefix) && k.endsWith('_p95_ms')).map(([, v]) => Number(v)));
figures.search_p95_ms = worst('search_');
figures.series_p95_ms = worst('series_');
const series = await daySeries(db, NOW - 90 * DAY_MS, NOW, 'CNY');
figures.series_90d_orders = series.reduce((n, d) => n + d.orders, 0);
await store.close();
process.stdout.write(`${JSON.stringify(figures)}\n`);
