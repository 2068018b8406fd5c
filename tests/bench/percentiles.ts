/** Percentiles of benchmark samples, rounded to hundredths of a millisecond. */
export interface Spread {
  p50: number;
  p95: number;
}

/** The nearest-rank percentiles of the samples (at least one). */
export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 100) / 100;
  return { p50: at(50), p95: at(95) };
}

/** Times `fn` `runs` times after one warm-up run. */
export async function timeRuns(fn: () => Promise<unknown>, runs = 25): Promise<Spread> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return spread(samples);
}
