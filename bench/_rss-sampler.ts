import { readFileSync } from 'node:fs';

/** One sample: seconds since the start, and each watched process's resident set in MB. */
export interface RssSample {
  t: number;
  [process: string]: number;
}

export interface RssTrend {
  firstMb: number;
  peakMb: number;
  lastMb: number;
  /** Least-squares slope over the second half of the samples, MB per minute (flat: near 0). */
  secondHalfMbPerMin: number;
  /**
   * The samples taken just after the RSS fell by a tenth or more since the sample before: a major
   * garbage collection has returned memory. A V8 heap grows between collections and falls back, so
   * a process that keeps nothing shows a saw tooth whose rising edges make secondHalfMbPerMin
   * positive; these low points are what it retains, and a leak raises them.
   */
  afterFalls: Array<{ t: number; mb: number }>;
  /** Least-squares slope over afterFalls, MB per minute; null with fewer than two. */
  afterFallsMbPerMin: number | null;
}

/** Least-squares slope of mb over t, per minute (0 when t does not vary). */
function slopePerMinute(points: Array<{ t: number; mb: number }>): number {
  const n = points.length;
  const meanT = points.reduce((sum, v) => sum + v.t, 0) / n;
  const meanMb = points.reduce((sum, v) => sum + v.mb, 0) / n;
  const covariance = points.reduce((sum, v) => sum + (v.t - meanT) * (v.mb - meanMb), 0);
  const variance = points.reduce((sum, v) => sum + (v.t - meanT) ** 2, 0);
  return variance > 0 ? Number(((covariance / variance) * 60).toFixed(2)) : 0;
}

/** VmRSS of a process from /proc (Linux), in MB; 0 once the process is gone. */
export function residentMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return kb ? Number((Number(kb[1]) / 1024).toFixed(1)) : 0;
  } catch {
    return 0;
  }
}

/** Samples the named processes' RSS every `everyMs` until stopped. */
export function sampleRss(pids: Record<string, number>, everyMs: number): { stop(): RssSample[] } {
  const samples: RssSample[] = [];
  const begin = Date.now();
  const take = () => {
    const sample: RssSample = { t: Math.round((Date.now() - begin) / 1000) };
    for (const [name, pid] of Object.entries(pids)) sample[name] = residentMb(pid);
    samples.push(sample);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** First, peak and last RSS of one process, how fast it still grew in the second half, and its low points after collections. */
export function rssTrend(samples: RssSample[], name: string): RssTrend {
  const values = samples.map((s) => ({ t: s.t, mb: s[name] }));
  const afterFalls = values.filter((v, i) => i > 0 && v.mb > 0 && v.mb <= values[i - 1].mb * 0.9);
  return {
    firstMb: values[0].mb,
    peakMb: Math.max(...values.map((v) => v.mb)),
    lastMb: values[values.length - 1].mb,
    secondHalfMbPerMin: slopePerMinute(values.slice(Math.floor(values.length / 2))),
    afterFalls,
    afterFallsMbPerMin: afterFalls.length >= 2 ? slopePerMinute(afterFalls) : null,
  };
}
