/**
 * Fuzzy screening of an applicant's legal name against the block list the risk team keeps.
 * Names are normalised (name-normalise.ts) and scored 0..100:
 *
 * - Chinese names: Sørensen-Dice over character bigrams of the name without its legal form;
 * - other names: word-level Jaro-Winkler (similarity.ts wordSimilarity), so word order, legal
 *   forms, case, width and punctuation do not count and one-letter transliteration differences
 *   cost little.
 *
 * The score of a pair depends on the two names only, so results are stable across runs and
 * across block lists. Work per call is bounded: names are cut to MAX_NAME_LENGTH characters and
 * at most MAX_SCREENED_ENTRIES entries are scored; the result says when the list was cut.
 */
import { normaliseName, type NormalisedName } from './name-normalise.js';
import { bigramDice, wordSimilarity } from './similarity.js';

export interface ScreeningEntry {
  id: string;
  name: string;
}

export interface ScreeningMatch {
  entryId: string;
  entryName: string;
  score: number;
}

export interface ScreeningResult {
  /** Whether the best score reached the threshold. */
  matched: boolean;
  /** The highest-scoring entry, or null when no entry resembles the name at all (score 0). */
  best: ScreeningMatch | null;
  /** Entries scoring within CANDIDATE_MARGIN of the threshold or above, best first. */
  candidates: ScreeningMatch[];
  threshold: number;
  /** How many entries were scored; fewer than the list holds when `truncated`. */
  entriesScreened: number;
  truncated: boolean;
}

export const DEFAULT_THRESHOLD = 85;
/** Near misses shown to the reviewer: this many points below the threshold. */
export const CANDIDATE_MARGIN = 15;
export const MAX_CANDIDATES = 5;
/**
 * Normalising and scoring an entry takes about 15 µs once the code is warm, so a full call stays
 * near 0.15 s. A larger list must be narrowed first (by a blocking key such as the first word);
 * it is never cut silently: `truncated` tells the caller, and the reviewer sees a warning.
 */
export const MAX_SCREENED_ENTRIES = 10_000;

/** Similarity of two normalised names, 0..100. */
export function nameScore(a: NormalisedName, b: NormalisedName): number {
  if (a.text === '' || b.text === '') return 0;
  if (a.text === b.text) return 100;
  const similarity = a.cjk || b.cjk ? bigramDice(a.tokens.join(''), b.tokens.join('')) : wordSimilarity(a.tokens, b.tokens);
  return Math.round(100 * similarity);
}

export function screenName(name: string, entries: readonly ScreeningEntry[], threshold = DEFAULT_THRESHOLD): ScreeningResult {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 100) throw new RangeError('the threshold is a whole score from 0 to 100');
  const applicant = normaliseName(name);
  const screened = entries.slice(0, MAX_SCREENED_ENTRIES);
  const scored = screened
    .map((entry, index) => ({ index, match: { entryId: entry.id, entryName: entry.name, score: nameScore(applicant, normaliseName(entry.name)) } }))
    // Best first; equal scores keep the list's order, so the answer never depends on the sort.
    .sort((x, y) => y.match.score - x.match.score || x.index - y.index)
    .map(({ match }) => match);
  const best = scored[0] !== undefined && scored[0].score > 0 ? scored[0] : null;
  return {
    matched: best !== null && best.score >= threshold,
    best,
    candidates: scored.filter((match) => match.score >= threshold - CANDIDATE_MARGIN).slice(0, MAX_CANDIDATES),
    threshold,
    entriesScreened: screened.length,
    truncated: screened.length < entries.length,
  };
}
