/**
 * The simulator's sender against a scripted fake hub (no network): transient failures are
 * retried with backoff, a 4xx stops it with the hub's explanation, answers are counted by code,
 * concurrent batches never reorder one order's events, and the test clock is never advanced
 * twice for one step.
 */
import { describe, expect, it } from 'vitest';
import type { IntakeAnswer } from '../../src/shared/api/hub.js';
import type { MarketplaceEvent } from '../../src/shared/marketplace.js';
import { planBatches } from '../../src/sim/batches.js';
import { HubClient, HubRefused, HubUnavailable } from '../../src/sim/hub-client.js';
import { HubClock } from '../../src/sim/hub-clock.js';
import { Random } from '../../src/sim/random.js';
import { sendBatches } from '../../src/sim/send.js';
import type { TimedEvent } from '../../src/sim/traffic.js';

type Reply = { status: number; body: unknown } | 'network-error';
type Handler = (path: string, body: { events?: MarketplaceEvent[]; advanceMs?: number }) => Reply | Promise<Reply>;

function fakeHub(handler: Handler): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    const reply = await handler(new URL(String(url)).pathname, JSON.parse(String(init?.body)));
    if (reply === 'network-error') throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

function client(handler: Handler, attempts = 5): HubClient {
  return new HubClient({
    baseUrl: 'http://hub.test',
    headers: { 'x-marketplace-key': 'k' },
    retry: { attempts, baseDelayMs: 1, maxDelayMs: 4, timeoutMs: 1000 },
    jitter: new Random('test'),
    fetch: fakeHub(handler),
    sleep: async () => {},
  });
}

const accept = (events: MarketplaceEvent[]): IntakeAnswer[] => events.map((e, i) => ({ id: e.id, status: 'accepted', seqs: [i + 1] }));

function orderEvents(orders: number, perOrder: number): TimedEvent[] {
  const events: TimedEvent[] = [];
  for (let step = 0; step < perOrder; step += 1) {
    for (let o = 0; o < orders; o += 1) {
      const id = `E-${step}-${o}`;
      const orderId = `O-${o}`;
      const event: MarketplaceEvent =
        step === 0
          ? { id, type: 'order.paid', orderId, buyerId: 'B', merchantId: 'M', amount: 100n, currency: 'CNY', feeBps: 60, reserveBps: 0 }
          : { id, type: 'order.confirmed', orderId };
      events.push({ at: step * 1000 + o, event, needsClock: false });
    }
  }
  return events;
}

const quiet = () => {};

describe('sending', () => {
  it('retries network errors, 429 and 5xx, then counts the answers by code', async () => {
    const failures: Reply[] = ['network-error', { status: 429, body: { error: { code: 'rate_limited', message: 'slow down' } } }, { status: 503, body: { error: { code: 'busy', message: 'busy' } } }];
    const hub = client((_path, { events }) => {
      const failure = failures.shift();
      if (failure) return failure;
      return { status: 200, body: { answers: events!.map((e, i): IntakeAnswer => (i === 0 ? { id: e.id, status: 'rejected', code: 'order_not_found', message: 'no' } : accept([e])[0])) } };
    });
    const batches = planBatches(orderEvents(3, 1), { maxEvents: 1000, clockStepMs: null, burst: null });
    const report = await sendBatches(batches, { client: hub, concurrency: 1, clock: null, totalEvents: 3, progress: quiet });
    expect(report).toMatchObject({ retries: 3, requests: 4, eventsSent: 3, accepted: 2, rejected: { order_not_found: 1 } });
    expect(report.rejectedExamples[0]).toMatchObject({ id: 'E-0-0', type: 'order.paid', code: 'order_not_found' });
    expect(report.answersSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stops at a 4xx with the hub\'s explanation, without retrying', async () => {
    let calls = 0;
    const hub = client(() => {
      calls += 1;
      return { status: 400, body: { error: { code: 'invalid', message: 'the marketplace batch is invalid: events.0.amount: amount must be a string' } } };
    });
    const batches = planBatches(orderEvents(1, 1), { maxEvents: 1000, clockStepMs: null, burst: null });
    const sending = sendBatches(batches, { client: hub, concurrency: 1, clock: null, totalEvents: 1, progress: quiet });
    await expect(sending).rejects.toThrow(HubRefused);
    await expect(sending).rejects.toThrow(/HTTP 400 invalid: the marketplace batch is invalid/);
    expect(calls).toBe(1);
  });

  it('gives up after the bounded attempts', async () => {
    const hub = client(() => ({ status: 500, body: { error: { code: 'internal', message: 'boom' } } }), 3);
    const batches = planBatches(orderEvents(1, 1), { maxEvents: 1000, clockStepMs: null, burst: null });
    await expect(sendBatches(batches, { client: hub, concurrency: 1, clock: null, totalEvents: 1, progress: quiet })).rejects.toThrow(HubUnavailable);
  });

  it('keeps several batches in flight but never two touching the same order', async () => {
    let inFlight = 0;
    let most = 0;
    const delivered: string[] = [];
    const hub = client(async (_path, { events }) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Payments answer slowly, confirmations fast: a confirmation sent alongside its order's
      // payment would overtake it.
      await new Promise((resolve) => setTimeout(resolve, events![0].type === 'order.paid' ? 30 : 1));
      delivered.push(...events!.map((e) => e.id));
      inFlight -= 1;
      return { status: 200, body: { answers: accept(events!) } };
    });
    // 8 orders paid then confirmed, 4 events a batch: two payment batches (sent together), then
    // two of confirmations, which must wait for their orders' payments.
    const batches = planBatches(orderEvents(8, 2), { maxEvents: 4, clockStepMs: null, burst: null });
    const report = await sendBatches(batches, { client: hub, concurrency: 4, clock: null, totalEvents: 16, progress: quiet });
    expect(report.accepted).toBe(16);
    expect(most).toBe(2);
    for (let o = 0; o < 8; o += 1) expect(delivered.indexOf(`E-0-${o}`)).toBeLessThan(delivered.indexOf(`E-1-${o}`));
  });
});

describe('the test clock', () => {
  it('moves to each batch\'s simulated time with nothing in flight, and re-reads instead of repeating a failed advance', async () => {
    let now = 1_000_000;
    let dropNextAnswer = true;
    const log: string[] = [];
    const hub = client((path, body) => {
      if (path === '/v1/test/clock') {
        now += body.advanceMs!;
        log.push(`clock +${body.advanceMs}`);
        // The first real advance happens on the hub but its answer is lost.
        if (body.advanceMs! > 0 && dropNextAnswer) {
          dropNextAnswer = false;
          return 'network-error';
        }
        return { status: 200, body: { now, scheduler: { autoConfirmed: 1 } } };
      }
      log.push(`intake ${body.events!.length} at ${now}`);
      return { status: 200, body: { answers: accept(body.events!) } };
    });
    const clock = await HubClock.attach(hub);
    const events = orderEvents(2, 2); // at 0, 1 then 1000, 1001
    const batches = planBatches(events, { maxEvents: 1000, clockStepMs: 500, burst: null });
    await sendBatches(batches, { client: hub, concurrency: 4, clock, totalEvents: 4, progress: quiet });
    expect(log).toEqual(['clock +0', 'intake 2 at 1000000', 'clock +1000', 'clock +0', 'intake 2 at 1001000']);
    expect(clock.advancedMs).toBe(1000);
  });

  it('explains a hub without a test clock', async () => {
    const hub = client(() => ({ status: 404, body: { error: { code: 'not_found', message: 'no route POST /v1/test/clock' } } }));
    await expect(HubClock.attach(hub)).rejects.toThrow(/start it with --test-clock/);
  });
});
