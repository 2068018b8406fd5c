/**
 * The test clock of a hub started with --test-clock (POST /v1/test/clock {advanceMs}): moved
 * along simulated time so the hub sees days pass, or forward at the end so auto-confirm timers
 * fire. Advancing is not idempotent, so a failed attempt is never simply repeated: the clock is
 * read again (an advance of 0) and the remaining distance recomputed.
 */
import { HubRefused, HubUnavailable, isTransient, type HubClient } from './hub-client.js';

interface ClockAnswer {
  now: number;
  scheduler: { autoConfirmed: number };
}

/** The hub refuses one advance of more than 400 days. */
const MAX_ADVANCE_MS = 400 * 86_400_000;

export class HubClock {
  /** Orders the hub auto-confirmed while its clock moved. */
  autoConfirmed = 0;

  private constructor(
    private readonly client: HubClient,
    /** The hub's time at simulated time 0. */
    private readonly zero: number,
    /** The hub's time as last answered. */
    private known: number,
  ) {}

  /**
   * Reads the hub's clock; given the simulation's epoch, first moves a hub that is behind it
   * there, so the hub's times (orders paid, timers) are the simulated times the marketplace
   * and the bank print (statement lines). A hub already past the epoch keeps its time.
   */
  static async attach(client: HubClient, epochMs?: number): Promise<HubClock> {
    try {
      const { now } = await client.post<ClockAnswer>('/v1/test/clock', JSON.stringify({ advanceMs: 0 }), 'reading the test clock');
      const clock = new HubClock(client, now, now);
      if (epochMs === undefined || now >= epochMs) return clock;
      await clock.reach(epochMs);
      return new HubClock(client, epochMs, clock.known);
    } catch (error) {
      if (error instanceof HubRefused && error.status === 404) {
        throw new HubRefused(404, error.code, 'the hub has no test clock (POST /v1/test/clock): start it with --test-clock to use --follow-clock or --advance-days');
      }
      throw error;
    }
  }

  /** How far the hub's clock has moved since attach. */
  get advancedMs(): number {
    return this.known - this.zero;
  }

  /** Whether the hub's clock is still before simulated time `at`. */
  isBefore(at: number): boolean {
    return this.known < this.zero + at;
  }

  /** Moves the hub's clock to simulated time `at` (never backwards). */
  async moveTo(at: number): Promise<void> {
    await this.reach(this.zero + at);
  }

  /** Moves the hub's clock forward by `ms` from where it is. */
  async advance(ms: number): Promise<void> {
    await this.reach(this.known + ms);
  }

  private async reach(target: number): Promise<void> {
    for (let failed = 0; this.known < target; ) {
      try {
        this.record(await this.client.postOnce<ClockAnswer>('/v1/test/clock', JSON.stringify({ advanceMs: Math.min(MAX_ADVANCE_MS, target - this.known) }), 'moving the test clock'));
      } catch (error) {
        if (!isTransient(error)) throw error;
        failed += 1;
        if (failed >= this.client.maxAttempts) throw new HubUnavailable(`moving the test clock failed ${failed} times; last: ${(error as Error).message}`);
        await this.client.backoff(failed);
        // The failed advance may have happened: look before moving again.
        this.record(await this.client.post<ClockAnswer>('/v1/test/clock', JSON.stringify({ advanceMs: 0 }), 'reading the test clock'));
      }
    }
  }

  private record(answer: ClockAnswer): void {
    this.known = answer.now;
    this.autoConfirmed += answer.scheduler.autoConfirmed;
  }
}
