/**
 * Seconds until the next try after `failures` failed attempts: 30 s doubling to at most an hour,
 * ±20% jitter so that a receiver coming back is not hit by every retry at once.
 */
export function retryDelaySeconds(failures: number, random: () => number = Math.random): number {
  const base = Math.min(30 * 2 ** Math.max(0, failures - 1), 3600);
  return Math.round(base * (0.8 + 0.4 * random()));
}
