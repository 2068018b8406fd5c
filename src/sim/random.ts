/**
 * The simulator's only source of randomness: a seeded generator, so the same seed always
 * produces the same traffic. sfc32 (Doty-Humphrey's Small Fast Counter, as in PractRand) is
 * seeded from a 128-bit hash (cyrb128) of a text seed. Concerns draw from their own forked
 * streams (`fork('orders')`, `fork('statements')`, ...), so adding draws to one concern does not
 * shift the numbers every other concern sees.
 *
 * Amounts are drawn as integers (`bigint`); the floats here only decide yes/no questions.
 */

/** cyrb128: four 32-bit words from a string; good avalanche, not cryptographic (it need not be). */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i += 1) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const TWO_32 = 2 ** 32;

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string) {
    [this.a, this.b, this.c, this.d] = hash128(seed);
    // Warm up: the first outputs of sfc32 still show the seed's structure.
    for (let i = 0; i < 12; i += 1) this.uint32();
  }

  /** An independent stream for one concern, derived from this stream's seed and a label. */
  fork(label: string): Random {
    return new Random(`${this.seed}/${label}`);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1): for probabilities only, never for amounts. */
  float(): number {
    return this.uint32() / TWO_32;
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  /** A uniform integer in [min, max] (both inclusive; the span must fit in 32 bits). */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) throw new RangeError(`bad integer range ${min}..${max}`);
    const span = max - min + 1;
    if (span > TWO_32) throw new RangeError('integer range too wide; use bigint()');
    // Rejection sampling: no modulo bias.
    const limit = TWO_32 - (TWO_32 % span);
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    return min + (x % span);
  }

  /** A uniform bigint in [min, max] (both inclusive), from 64-bit draws with rejection. */
  bigint(min: bigint, max: bigint): bigint {
    if (max < min) throw new RangeError(`bad bigint range ${min}..${max}`);
    const span = max - min + 1n;
    const range = 1n << 64n;
    if (span > range) throw new RangeError('bigint range too wide');
    const limit = range - (range % span);
    for (;;) {
      const x = (BigInt(this.uint32()) << 32n) | BigInt(this.uint32());
      if (x < limit) return min + (x % span);
    }
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[this.int(0, items.length - 1)];
  }

  /** One of `entries` with probability proportional to its (non-negative integer) weight. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let x = this.int(0, total - 1);
    for (const [item, w] of entries) {
      if (x < w) return item;
      x -= w;
    }
    throw new RangeError('weighted() needs a positive total weight');
  }

  /** `count` distinct items, in random order (partial Fisher-Yates on a copy). */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count > items.length) throw new RangeError(`cannot sample ${count} of ${items.length}`);
    const copy = items.slice();
    for (let i = 0; i < count; i += 1) {
      const j = this.int(i, copy.length - 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, count);
  }

  /** `length` random characters of `alphabet`. */
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  digits(length: number): string {
    return this.chars('0123456789', length);
  }
}

/**
 * A weighted table for repeated draws over many entries (merchants, buyers): cumulative
 * integer weights and a binary search, instead of a linear scan per draw.
 */
export class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly items: T[] = [];
  private total = 0;

  constructor(entries: Iterable<readonly [T, number]>) {
    for (const [item, weight] of entries) {
      if (weight <= 0) continue;
      this.total += weight;
      this.cumulative.push(this.total);
      this.items.push(item);
    }
    if (this.total === 0) throw new RangeError('a weighted table needs a positive total weight');
  }

  draw(random: Random): T {
    const x = random.int(0, this.total - 1);
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}
