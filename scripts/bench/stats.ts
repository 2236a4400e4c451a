/** Latency figures in ms. Nearest-rank percentiles: no interpolation, so every figure was observed. */
export type LatencySummary = { p50: number; p90: number; p99: number; max: number; mean: number };

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** p in [0, 100] of an ascending-sorted array; 0 when there are no samples. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
  return {
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(percentile(sorted, 100)),
    mean: round(mean),
  };
}
