/**
 * Simulated time. Every generated event has a time `at`: milliseconds since the start of the
 * simulated trading day (midnight, China time). The events carry no timestamps on the wire; the
 * hub stamps them with its own clock. `at` orders the traffic, dates the bank statement lines,
 * and, with `--follow-clock`, tells the sender how far to move a test hub's clock before each
 * batch so the hub sees the days pass the way the simulation planned them.
 */
import { DEFAULT_ESCROW_CONFIG, DAY_MS } from '../core/escrow/config.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export { DAY_MS };

export const PROFILES = ['normal', 'singles-day'] as const;
export type Profile = (typeof PROFILES)[number];

/** The durations the hub decides with: the simulation plans its lifecycles against the same. */
export const ESCROW_TIMING = DEFAULT_ESCROW_CONFIG;

/**
 * How far behind simulated time a following hub clock may be: the sender moves the clock to
 * the time of the first event of each batch, and a batch spans less than this.
 */
export const CLOCK_STEP_MS = 6 * HOUR_MS;

/**
 * The margin every planned deadline keeps (confirm before the window runs out, extend inside
 * its last days, dispute well before the end), so that a hub clock up to CLOCK_STEP_MS behind,
 * or a little ahead after real seconds pass, still decides every event as planned.
 */
export const TIMING_SLACK_MS = 8 * HOUR_MS;

/**
 * Midnight China time (UTC+8) of the simulated day: an ordinary Tuesday, or 11 November. In
 * the future on purpose: a test hub following the simulation (--follow-clock) is moved forward
 * to it, so its clock and the simulated times (statement lines, deadlines) agree.
 */
export const SIM_EPOCH_MS: Record<Profile, number> = {
  normal: Date.UTC(2031, 2, 3, 16, 0, 0),
  'singles-day': Date.UTC(2031, 10, 10, 16, 0, 0),
};

/** The Singles' Day midnight rush, whose accepted rate the sender measures. */
export const BURST_WINDOW: Record<Profile, { from: number; to: number } | null> = {
  normal: null,
  'singles-day': { from: 0, to: HOUR_MS },
};
