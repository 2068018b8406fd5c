/**
 * One timed interaction of the UI benchmark: arm the in-page stopwatch (ui-probe.js), act through
 * Playwright as a user would, and read how long the page took to show the expected result. The
 * console call the action made comes with it: its input (to time the same query at the SQL level)
 * and the browser's round trip for it (request start to last byte of the answer).
 */
import { fileURLToPath } from 'node:url';
import type { Page, Request } from '@playwright/test';
import { decodeWire } from '../../src/shared/api/wire.js';

export const PROBE_SCRIPT = fileURLToPath(new URL('./ui-probe.js', import.meta.url));

/** What the page shows when it is done (see ui-probe.js). */
export interface Expectation {
  selector: string;
  /** Compared with `values`; without it, the elements' text. */
  attribute?: string;
  values?: readonly string[];
  /** `values` are all the elements, in any order (else the first ones, in order). */
  anyOrder?: boolean;
  count?: number;
}

export interface Call {
  method: string;
  input: unknown;
  /** The browser's round trip for it. */
  ms: number;
}

export interface Sample {
  ms: number;
  call: Call;
}

interface Probe {
  __uiBench: { arm(spec: unknown): void; result(): Promise<number> };
}

const TIMEOUT_MS = 30_000;

/** The console method a browser-mode request invokes, with its input; null for anything else. */
function invoked(request: Request): { method: string; input: unknown } | null {
  if (!request.url().endsWith('/api/invoke')) return null;
  const body = decodeWire(request.postData() ?? 'null') as { method?: unknown; input?: unknown } | null;
  return typeof body?.method === 'string' ? { method: body.method, input: body.input } : null;
}

/** Resolves with the next browser-mode request invoking `method`, once its answer has arrived. */
export function callFinished(page: Page, method: string): Promise<Request> {
  return page.waitForEvent('requestfinished', { predicate: (r) => invoked(r)?.method === method, timeout: TIMEOUT_MS });
}

/**
 * Times from the last `trigger` event (e.g. `change`, `input`, `keydown`, `click`) that `act`
 * causes to the frame showing `expect`; `method` names the console call the action makes.
 */
export async function measure(page: Page, step: { trigger: string; expect: Expectation; method: string; act: () => Promise<unknown> }): Promise<Sample> {
  const finished = callFinished(page, step.method);
  // Anonymous arrows only: a named function would carry tsx's __name helper into the page.
  await page.evaluate((spec) => (globalThis as unknown as Probe).__uiBench.arm(spec), { ...step.expect, trigger: step.trigger, timeoutMs: TIMEOUT_MS });
  await step.act();
  const ms = await page.evaluate(() => (globalThis as unknown as Probe).__uiBench.result());
  const request = await finished;
  return { ms, call: { ...invoked(request)!, ms: request.timing().responseEnd } };
}
