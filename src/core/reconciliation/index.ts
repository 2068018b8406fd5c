/** The reconciliation matcher (pure) and the resolutions finance applies to its exceptions. */
export { DEFAULT_MATCH_CONFIG, type MatchConfig } from './config.js';
export { matchDay } from './match-day.js';
export { normaliseReference } from './references.js';
export * from './resolutions.js';
export * from './types.js';
