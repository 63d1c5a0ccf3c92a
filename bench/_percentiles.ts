/**
 * The nearest-rank percentile of latencies sorted ascending: the smallest value that `q` (0–1) of
 * them are at or below; 0 when there are none. Every benchmark that reports p50/p90/p99 uses it, so
 * their figures are comparable.
 */
export function nearestRank(sorted: readonly number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
