import { DAY_MS } from '../escrow/config.js';

export interface MatchConfig {
  /**
   * An item and a line without a common reference pair by amount only when their times are at
   * most this far apart (inclusive).
   */
  readonly dateToleranceMs: number;
}

export const DEFAULT_MATCH_CONFIG: MatchConfig = Object.freeze({
  // The clearing house settles a day's payments the next morning, so a line comes up to a day
  // after its movement (bank dates, UTC midnights, shift that by hours). Two days leaves room
  // for a booking delay of one more day while keeping equal amounts of different weeks apart.
  dateToleranceMs: 2 * DAY_MS,
});
