/**
 * POSTs and PUTs to the hub with bounded retries. Network errors, timeouts, 429 and 5xx are
 * transient: retried with exponential backoff and jitter (the jitter from a seeded stream, so
 * nothing in the simulator uses Math.random). Any other 4xx means the simulator sent something
 * wrong: it stops with the hub's own explanation. Retrying is harmless: intake is idempotent by
 * event id, and an attachment is stored under the hash of its bytes.
 */
import type { Random } from './random.js';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 100, maxDelayMs: 5_000, timeoutMs: 30_000 };

/** The hub answered with a final refusal (4xx other than 429, or intake not configured). */
export class HubRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The hub could not be reached, or kept failing, through every attempt. */
export class HubUnavailable extends Error {}

/** One attempt failed in a way worth retrying. */
class TransientFailure extends Error {}

export interface HubClientOptions {
  baseUrl: string;
  headers: Record<string, string>;
  retry: RetryPolicy;
  /** Seeded stream for the backoff jitter. */
  jitter: Random;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HubClient {
  /** Attempts that failed transiently and were tried again. */
  retries = 0;
  requests = 0;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HubClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? realSleep;
  }

  get maxAttempts(): number {
    return this.options.retry.attempts;
  }

  /** POSTs `body` (JSON text) until it is answered 2xx or refused; returns the parsed answer. */
  post<T>(path: string, body: string, what: string): Promise<T> {
    return this.retrying(() => this.postOnce<T>(path, body, what), what);
  }

  /**
   * PUTs raw `bytes` of type `contentType` until answered 2xx or refused; returns the parsed
   * (JSON) answer. The bytes must be backed by an ArrayBuffer, as fetch's body types require.
   */
  put<T>(path: string, bytes: Uint8Array<ArrayBuffer>, contentType: string, what: string): Promise<T> {
    return this.retrying(() => this.once<T>('PUT', path, { body: bytes, contentType }, what), what);
  }

  /** One POST attempt, for a caller that decides itself whether to repeat it (see HubClock). */
  postOnce<T>(path: string, body: string, what: string): Promise<T> {
    return this.once<T>('POST', path, { body, contentType: 'application/json' }, what);
  }

  /** Runs `attempt` until it succeeds, fails for good, or has failed transiently `retry.attempts` times. */
  private async retrying<T>(attempt: () => Promise<T>, what: string): Promise<T> {
    for (let tried = 1; ; tried += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof TransientFailure)) throw error;
        if (tried >= this.options.retry.attempts) {
          throw new HubUnavailable(`${what} failed ${tried} times; last: ${error.message}`);
        }
        await this.backoff(tried);
      }
    }
  }

  /** One attempt; a transient failure throws TransientFailure (see isTransient). */
  private async once<T>(method: 'POST' | 'PUT', path: string, { body, contentType }: { body: string | Uint8Array<ArrayBuffer>; contentType: string }, what: string): Promise<T> {
    this.requests += 1;
    let response: Response;
    try {
      response = await this.fetch(new URL(path, this.options.baseUrl), {
        method,
        headers: { 'content-type': contentType, ...this.options.headers },
        body,
        signal: AbortSignal.timeout(this.options.retry.timeoutMs),
      });
    } catch (error) {
      throw new TransientFailure(`${what}: ${describe(error)}`);
    }
    if (response.ok) return (await response.json()) as T;
    const { code, message } = await errorOf(response);
    if (response.status === 503 && code === 'intake_closed') {
      throw new HubRefused(503, code, `the hub's marketplace intake is closed: ${message}`);
    }
    if (response.status === 429 || response.status >= 500) throw new TransientFailure(`${what}: HTTP ${response.status} ${code}: ${message}`);
    throw new HubRefused(response.status, code, `the hub refused ${what} with HTTP ${response.status} ${code}: ${message}`);
  }

  /** Waits before attempt `failed + 1`: exponential, capped, with "equal jitter" (half fixed, half random). */
  async backoff(failed: number): Promise<void> {
    this.retries += 1;
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (failed - 1));
    const half = Math.floor(ceiling / 2);
    await this.sleep(half + this.options.jitter.int(0, ceiling - half));
  }
}

export function isTransient(error: unknown): boolean {
  return error instanceof TransientFailure;
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    return { code: parsed.error?.code ?? 'unknown', message: parsed.error?.message ?? text.slice(0, 300) };
  } catch {
    return { code: 'unknown', message: text.slice(0, 300) };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
