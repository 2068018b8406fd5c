/**
 * String similarities in 0..1 used by name screening. All work on code points, so a Chinese
 * character (or one outside the BMP) counts as one character.
 */

/**
 * Winkler's published constants: the prefix scale, the longest common prefix it rewards, and the
 * Jaro similarity below which no prefix bonus is given (so unrelated names sharing a first word
 * are not pulled up).
 */
const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
const BOOST_THRESHOLD = 0.7;

/**
 * Jaro-Winkler similarity (Winkler 1990): Jaro's matching characters within a window of half the
 * longer string, minus half the transpositions, raised for a common prefix of up to 4 characters
 * when Jaro alone exceeds 0.7.
 */
export function jaroWinkler(a: string, b: string): number {
  return jaroWinklerOfChars([...a], [...b]);
}

function jaroWinklerOfChars(s: readonly string[], t: readonly string[]): number {
  if (s.length === 0 && t.length === 0) return 1;
  if (s.length === 0 || t.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1);
  const sMatched = new Uint8Array(s.length);
  const tMatched = new Uint8Array(t.length);
  let matches = 0;
  for (let i = 0; i < s.length; i += 1) {
    const end = Math.min(i + window + 1, t.length);
    for (let j = Math.max(0, i - window); j < end; j += 1) {
      if (!tMatched[j] && s[i] === t[j]) {
        sMatched[i] = 1;
        tMatched[j] = 1;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let outOfOrder = 0;
  for (let i = 0, j = 0; i < s.length; i += 1) {
    if (!sMatched[i]) continue;
    while (!tMatched[j]) j += 1;
    if (s[i] !== t[j]) outOfOrder += 1;
    j += 1;
  }
  const jaro = (matches / s.length + matches / t.length + (matches - outOfOrder / 2) / matches) / 3;
  if (jaro <= BOOST_THRESHOLD) return jaro;
  let prefix = 0;
  while (prefix < Math.min(MAX_PREFIX, s.length, t.length) && s[prefix] === t[prefix]) prefix += 1;
  return jaro + prefix * PREFIX_SCALE * (1 - jaro);
}

/**
 * Sørensen-Dice coefficient over character bigrams (as multisets): the share of adjacent
 * character pairs two strings have in common. For Chinese names, where a bigram is roughly a word
 * and word order is fixed, this is the usual fuzzy measure. One-character strings compare as
 * themselves.
 */
export function bigramDice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (const gram of x) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  let shared = 0;
  for (const gram of y) {
    const left = counts.get(gram) ?? 0;
    if (left > 0) {
      shared += 1;
      counts.set(gram, left - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

function bigrams(text: string): string[] {
  const chars = [...text];
  if (chars.length === 1) return [text];
  return chars.slice(1).map((char, i) => chars[i] + char);
}

/**
 * Below this Jaro-Winkler similarity two words count as different words, not as spellings of one
 * (as in Cohen, Ravikumar and Fienberg's soft TF-IDF). 0.845 keeps transliteration variants
 * together (Mohammed/Muhammad 0.850, Aleksandr/Alexander 0.896, Zhang/Chang 0.867) while
 * northern/southern (0.833), trading/travel and china/chongqing (0.64) stay apart. It sits
 * between measured values so that floating-point rounding cannot flip a comparison.
 */
const SAME_WORD = 0.845;

/**
 * Symmetric Monge-Elkan similarity over words: each word is paired with its most similar word on
 * the other side (Jaro-Winkler, 0 below SAME_WORD), the scores are averaged weighted by word
 * length (so "of" matters less than "Chongqing"), and both directions are averaged so that an
 * extra word on either side lowers the score. Word order does not matter.
 */
export function wordSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  // Each word is split into code points once, not once per comparison.
  const x = a.map((word) => [...word]);
  const y = b.map((word) => [...word]);
  return (directedWordSimilarity(x, y) + directedWordSimilarity(y, x)) / 2;
}

function directedWordSimilarity(from: ReadonlyArray<readonly string[]>, to: ReadonlyArray<readonly string[]>): number {
  let weight = 0;
  let sum = 0;
  for (const word of from) {
    let best = 0;
    for (const other of to) best = Math.max(best, jaroWinklerOfChars(word, other));
    weight += word.length;
    sum += word.length * (best >= SAME_WORD ? best : 0);
  }
  return sum / weight;
}
