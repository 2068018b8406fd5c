/**
 * The UI benchmark (run by tests/bench/run.ts): Debian's Chromium, driven by Playwright, against
 * the browser-mode console on the synthetic replica of tests/bench/replica.ts, offline (see
 * ui-console.ts). Prints one JSON object. Every time is in milliseconds:
 *
 * - ui_cold_start_ms: host spawn (`src/main/web/cli.ts --no-build`, the renderer already built)
 *   → URL printed (ui_cold_host_ready_ms) → sign-in form visible (ui_cold_sign_in_screen_ms, from
 *   the URL; ui_cold_first_contentful_paint_ms is the browser's own, from navigation start) →
 *   name and password typed, "Sign in" clicked → the overview shows the replica's open disputes
 *   count and its volume chart has drawn its bars (ui_cold_overview_after_sign_in_ms, from the
 *   click). A fresh browser context (empty cache) per start; the median of `--starts` starts.
 * - ui_queue_filter_*: in the Disputes queue, one filter changed (status, reason, overdue, a bound
 *   of the amount range typed and applied with Enter) → the first rows are the ones the query
 *   answers for the new filters.
 * - ui_search_*: Ctrl+K, the query typed (order id prefixes, merchant names, buyer ids) → the
 *   dialog lists exactly the hits the search answers for the bench user's role (in any order).
 *   This includes the dialog's typing pause (DEBOUNCE_MS in SearchDialog.tsx).
 * - ui_chart_render_*: the overview's range switched (7/30/90 days) → the volume chart's SVG draws
 *   the new range's bars (their count, learnt on an untimed first visit of each range).
 *
 * Each interaction is timed in the page (ui-probe.js), from the event the action caused (the
 * last keystroke for typing) to the end of the frame that first shows the result. Beside each:
 * `_call_p95_ms`, the browser's round trip for the console call the action made; `_sql_p95_ms`,
 * the same calls' inputs run through the services on the replica afterwards, in this process
 * (handlers' SQL without HTTP, JSON or rendering); `_vs_sql_p95_ratio`, UI p95 over SQL p95.
 *
 * Usage: ui.ts --orders N --dir DIR --samples N --starts N
 */
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { parseOptions, runCli } from '../../src/core/cli-args.js';
import type { SqlRunner } from '../../src/core/db/sqlite.js';
import { disputeCounts, disputeQueue } from '../../src/main/services/queues.js';
import { globalSearch, searchableKinds } from '../../src/main/services/search.js';
import { daySeries } from '../../src/main/services/series.js';
import { ConsoleStore } from '../../src/main/store/console-store.js';
import { ensureRendererBuild } from '../../src/main/web/renderer-build.js';
import { consoleApi, disputeQueueQuerySchema, type DisputeRow } from '../../src/shared/api/console.js';
import { DISPUTE_STATUSES } from '../../src/shared/escrow/dispute.js';
import { DISPUTE_REASONS } from '../../src/shared/escrow/order.js';
import { DEFAULT_CURRENCY, parseAmount, toDecimalString } from '../../src/shared/money.js';
import { startWeb, type WebProcess } from '../support/web-process.js';
import { spread, type Spread } from './percentiles.js';
import { ensureReplica, REPLICA_NOW } from './replica.js';
import { BENCH_STAFF, prepareDataDir, startClockHub } from './ui-console.js';
import { callFinished, measure, PROBE_SCRIPT, type Call, type Sample } from './ui-measure.js';

const CONTEXT = { viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' };
/** As many hits as the search dialog asks for. */
const SEARCH_LIMIT = 20;
/** Order id prefixes present in replicas of 100,000 orders and more, merchant names, buyer ids. */
const SEARCHES = ['O0001', 'O00042', 'O000777', 'shang', 'Hangzhou Jade', '杭州', 'B1234', 'B29999'];
/** The volume chart's bars: one per non-zero value of the range (recharts skips zeros). */
const BARS = '[data-testid="overview-chart-volume"] .recharts-bar-rectangle';
/** Rows of the queue compared after a filter changes (the list shows about a dozen). */
const FIRST_ROWS = 5;

/** The queue's filter form as a user edits it: selects apply on change, amounts on Enter. */
interface QueueForm {
  status: string;
  reason: string;
  overdue: string;
  min: string;
  max: string;
}
type QueueStep = { control: keyof QueueForm; value: string };
const UNFILTERED: QueueForm = { status: 'open', reason: '', overdue: '', min: '', max: '' };

const options = parseOptions(process.argv.slice(2), {
  orders: { value: true, required: true },
  dir: { value: true, required: true },
  samples: { value: true, required: true },
  starts: { value: true, required: true },
});
const ORDERS = Number(options.orders);
const SAMPLES = Number(options.samples);
const STARTS = Number(options.starts);
const log = (message: string) => process.stderr.write(`ui: ${message}\n`);

function minor(text: string): string {
  const parsed = parseAmount(text, DEFAULT_CURRENCY);
  if (!parsed.ok) throw new Error(`bad bench amount ${text}`);
  return parsed.value.toString();
}

/** The `disputes.queue` input the form stands for (without the page size). */
function queueQuery(form: QueueForm): Record<string, unknown> {
  return {
    status: form.status,
    ...(form.reason ? { reason: form.reason } : {}),
    ...(form.overdue ? { overdue: form.overdue === 'yes' } : {}),
    ...(form.min ? { minAmount: minor(form.min) } : {}),
    ...(form.max ? { maxAmount: minor(form.max) } : {}),
  };
}

async function firstDisputes(db: SqlRunner, form: QueueForm): Promise<DisputeRow[]> {
  return (await disputeQueue(db, disputeQueueQuerySchema.parse({ ...queueQuery(form), limit: FIRST_ROWS }), BENCH_STAFF.id, REPLICA_NOW)).items;
}

/** The services behind the measured calls, for the same inputs without the browser or HTTP. */
const SQL: Record<string, (db: SqlRunner, input: unknown) => Promise<unknown>> = {
  'disputes.queue': (db, input) => disputeQueue(db, disputeQueueQuerySchema.parse(input), BENCH_STAFF.id, REPLICA_NOW),
  'search.global': (db, input) => {
    const { q, limit } = consoleApi['search.global'].input.parse(input);
    return globalSearch(db, q, limit, searchableKinds(BENCH_STAFF.role));
  },
  'stats.series': (db, input) => {
    const { from, to, currency } = consoleApi['stats.series'].input.parse(input);
    return daySeries(db, from, to, currency);
  },
};

/** The calls run again through the services, after one warm-up pass. */
async function sqlSpread(db: SqlRunner, calls: readonly Call[]): Promise<Spread> {
  for (const call of calls) await SQL[call.method](db, call.input);
  const samples: number[] = [];
  for (const call of calls) {
    const start = performance.now();
    await SQL[call.method](db, call.input);
    samples.push(performance.now() - start);
  }
  return spread(samples);
}

/** A figure's digits with any grouping separators between them (the language decides which). */
function countPattern(n: number): RegExp {
  return new RegExp(`(^|\\D)${[...String(n)].join('[,.\\s\\u00a0\\u202f]?')}(\\D|$)`);
}

interface ColdStart {
  web: WebProcess;
  page: Page;
  split: Record<string, number>;
}

/** One cold start, to the overview after sign-in; the console and page stay open for the caller. */
async function coldStart(browser: Browser, hostArgs: string[], openDisputes: number): Promise<ColdStart> {
  const context = await browser.newContext(CONTEXT);
  await context.addInitScript({ path: PROBE_SCRIPT });
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.stack ?? error.message}`));
  const start = performance.now();
  const web = await startWeb(hostArgs);
  const ready = performance.now();
  await page.goto(`${web.origin}?secret=${web.secret}`);
  const name = page.locator('input[name="name"]');
  await name.waitFor();
  const signInScreen = performance.now();
  await name.fill(BENCH_STAFF.name);
  await page.locator('input[name="password"]').fill(BENCH_STAFF.password);
  const submitted = performance.now();
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('overview-stat-open-disputes').filter({ hasText: countPattern(openDisputes) }).waitFor();
  await page.locator(BARS).first().waitFor();
  const overview = performance.now();
  const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
  return {
    web,
    page,
    split: {
      ui_cold_start_ms: Math.round(overview - start),
      ui_cold_host_ready_ms: Math.round(ready - start),
      ui_cold_sign_in_screen_ms: Math.round(signInScreen - ready),
      ui_cold_first_contentful_paint_ms: Math.round(paint),
      ui_cold_overview_after_sign_in_ms: Math.round(overview - submitted),
    },
  };
}

/** How long the untimed first visit of a range waits for the chart to stop changing. */
const SETTLE_POLLS = 40;

/**
 * The bars the volume chart draws for a range, read once the range's figures have arrived and
 * the count has held for two polls: the first, untimed visit of each range, which tells the
 * timed ones what to wait for.
 */
async function settledBars(page: Page, days: number): Promise<number> {
  const finished = callFinished(page, 'stats.series');
  await page.getByTestId('overview-range').locator(`button[data-value="${days}"]`).click();
  await finished;
  let last = -1;
  for (let poll = 0; poll < SETTLE_POLLS; poll += 1) {
    await page.waitForTimeout(250);
    const count = await page.locator(BARS).count();
    if (count > 0 && count === last) return count;
    last = count;
  }
  throw new Error(`the ${days}-day chart did not settle`);
}

/** The overview's range switched round 7 → 90 → 30 days, the default range first left. */
async function chartSamples(page: Page): Promise<Sample[]> {
  const range = page.getByTestId('overview-range');
  const current = Number(await range.locator('[aria-pressed="true"]').getAttribute('data-value'));
  const cycle = [7, 90, 30].filter((d) => d !== current).concat(current);
  const bars = new Map<number, number>();
  for (const days of cycle) bars.set(days, await settledBars(page, days));
  if (new Set(bars.values()).size !== cycle.length) throw new Error(`two ranges draw as many bars (${JSON.stringify([...bars])}): a switch could not be told from the last`);
  const samples: Sample[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const days = cycle[i % cycle.length];
    samples.push(
      await measure(page, {
        trigger: 'click',
        method: 'stats.series',
        expect: { selector: BARS, count: bars.get(days)! },
        act: () => range.locator(`button[data-value="${days}"]`).click(),
      }),
    );
  }
  return samples;
}

/** The hits each query of SEARCHES must list; refused when one has none (nothing would change). */
async function searchPlan(db: SqlRunner): Promise<Map<string, string[]>> {
  const plan = new Map<string, string[]>();
  for (const q of SEARCHES) {
    const ids = (await globalSearch(db, q, SEARCH_LIMIT, searchableKinds(BENCH_STAFF.role))).map((hit) => hit.id);
    if (ids.length === 0) throw new Error(`the replica has no hit for "${q}": the bench would wait for nothing`);
    plan.set(q, ids);
  }
  return plan;
}

async function searchSamples(page: Page, plan: Map<string, string[]>): Promise<Sample[]> {
  const box = page.locator('[role="dialog"] input[type="search"]');
  const samples: Sample[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const q = SEARCHES[i % SEARCHES.length];
    const ids = plan.get(q)!;
    await page.keyboard.press('Control+k');
    await box.waitFor();
    samples.push(
      await measure(page, {
        trigger: 'input',
        method: 'search.global',
        // The dialog may group the hits by kind: the same hits in any order are its answer.
        expect: { selector: '[role="dialog"] [role="option"] strong', values: ids, anyOrder: true },
        act: () => page.keyboard.type(q),
      }),
    );
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
  }
  return samples;
}

type QueuePlan = Array<{ step: QueueStep; ids: string[] }>;

/**
 * One round of filter changes: each filter set on the unfiltered queue, then cleared. The value
 * set is chosen to leave out the unfiltered queue's first row (another reason, the other side of
 * its deadline, an amount bound just past its amount, a closed status), so every change shows
 * other first rows, whatever the replica's size; the first value that leaves any rows is taken.
 */
async function queuePlan(db: SqlRunner): Promise<QueuePlan> {
  // The host's clock follows the frozen hub clock to within its refresh (2 s): a deadline that
  // close to "now" would flip between overdue and not while the bench runs.
  const near = await db.get<{ n: number }>('SELECT count(*) AS n FROM disputes WHERE deadline_at BETWEEN ? AND ?', [REPLICA_NOW - 1000, REPLICA_NOW + 10_000]);
  if (near?.n) throw new Error('a dispute of the replica falls due within seconds of its "now"; the overdue filter would be unstable');
  const unfiltered = await firstDisputes(db, UNFILTERED);
  const first = unfiltered[0];
  if (!first) throw new Error('the replica has no open dispute');
  const choices: Array<[keyof QueueForm, string[]]> = [
    ['reason', DISPUTE_REASONS.filter((r) => r !== first.reason)],
    ['overdue', [first.overdue ? 'no' : 'yes']],
    ['min', [toDecimalString(first.claimedAmount + 1n, DEFAULT_CURRENCY)]],
    ['max', [toDecimalString(first.claimedAmount - 1n, DEFAULT_CURRENCY)]],
    ['status', DISPUTE_STATUSES.filter((s) => s !== 'open')],
  ];
  const plan: QueuePlan = [];
  for (const [control, values] of choices) {
    let chosen: { value: string; ids: string[] } | null = null;
    for (const value of values) {
      const ids = (await firstDisputes(db, { ...UNFILTERED, [control]: value })).map((r) => r.disputeId);
      if (ids.length > 0) {
        chosen = { value, ids };
        break;
      }
    }
    if (!chosen) throw new Error(`no ${control} filter leaves rows in the replica's queue`);
    plan.push({ step: { control, value: chosen.value }, ids: chosen.ids }, { step: { control, value: UNFILTERED[control] }, ids: unfiltered.map((r) => r.disputeId) });
  }
  return plan;
}

async function queueSamples(page: Page, plan: QueuePlan): Promise<Sample[]> {
  const row = '[data-testid="dispute-row"]';
  await page.locator('nav a[href="#/disputes"]').click();
  // Every other step clears a filter: its rows are the unfiltered queue's.
  await page.locator(`${row}[data-dispute-id="${plan[plan.length - 1].ids[0]}"]`).first().waitFor();
  const samples: Sample[] = [];
  for (let round = 0; round < Math.ceil(SAMPLES / plan.length); round += 1) {
    for (const { step, ids } of plan) {
      const expect = { selector: row, attribute: 'data-dispute-id', values: ids };
      if (step.control === 'min' || step.control === 'max') {
        const input = page.getByTestId(`dispute-filter-${step.control}`);
        await input.fill(step.value);
        samples.push(await measure(page, { trigger: 'keydown', method: 'disputes.queue', expect, act: () => input.press('Enter') }));
      } else {
        const select = page.getByTestId(`dispute-filter-${step.control}`);
        samples.push(await measure(page, { trigger: 'change', method: 'disputes.queue', expect, act: () => select.selectOption({ value: step.value }) }));
      }
    }
  }
  return samples;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A scenario's figures: UI spread, the calls' round trips, the same calls' SQL, and the ratio. */
async function scenarioFigures(db: SqlRunner, name: string, samples: readonly Sample[], medianKey = `ui_${name}_p50_ms`): Promise<Record<string, number>> {
  const ui = spread(samples.map((s) => s.ms));
  const call = spread(samples.map((s) => s.call.ms));
  const sql = await sqlSpread(db, samples.map((s) => s.call));
  return {
    [medianKey]: ui.p50,
    [`ui_${name}_p95_ms`]: ui.p95,
    [`ui_${name}_call_p95_ms`]: call.p95,
    [`ui_${name}_sql_p95_ms`]: sql.p95,
    [`ui_${name}_vs_sql_p95_ratio`]: round2(ui.p95 / Math.max(sql.p95, 0.01)),
  };
}

runCli(async () => {
  const dir = options.dir as string;
  const { file } = await ensureReplica(dir, ORDERS);
  await ensureRendererBuild({ log });
  const dataDir = join(dir, `ui-console-${ORDERS}`);
  await prepareDataDir(file, dataDir, REPLICA_NOW);
  const replica = await ConsoleStore.open(file);
  const db = replica.ledger.db.read;
  const { open } = await disputeCounts(db, REPLICA_NOW);
  const searches = await searchPlan(db);
  const queue = await queuePlan(db);
  const clockHub = await startClockHub(REPLICA_NOW);
  const hostArgs = ['--hub', clockHub.url, '--follow-hub-clock', '--data', dataDir, '--port', '0', '--no-build'];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  let current: ColdStart | null = null;
  const figures: Record<string, number> = { ui_orders: ORDERS, ui_samples: SAMPLES, ui_starts: STARTS };
  const samples: Record<string, Sample[]> = {};
  try {
    const starts: Array<Record<string, number>> = [];
    for (let i = 0; i < STARTS; i += 1) {
      if (current) await Promise.all([current.page.context().close(), current.web.stop()]);
      current = await coldStart(browser, hostArgs, open);
      starts.push(current.split);
      log(`cold start ${i + 1}: ${JSON.stringify(current.split)}`);
    }
    starts.sort((a, b) => a.ui_cold_start_ms - b.ui_cold_start_ms);
    Object.assign(figures, starts[Math.floor(starts.length / 2)]);
    const page = current!.page;
    samples.chart_render = await chartSamples(page);
    samples.search = await searchSamples(page, searches);
    samples.queue_filter = await queueSamples(page, queue);
  } finally {
    await current?.web.stop();
    await browser.close();
    await clockHub.close();
  }
  // The SQL-level runs come after the console stopped: the two would share two cores otherwise.
  Object.assign(figures, await scenarioFigures(db, 'chart_render', samples.chart_render, 'ui_chart_render_ms'));
  Object.assign(figures, await scenarioFigures(db, 'search', samples.search));
  Object.assign(figures, await scenarioFigures(db, 'queue_filter', samples.queue_filter));
  await replica.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  return 0;
});
