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

/** First, peak and last RSS of one process, and how fast it still grew in the second half. */
export function rssTrend(samples: RssSample[], name: string): RssTrend {
  const values = samples.map((s) => ({ t: s.t, mb: s[name] }));
  const tail = values.slice(Math.floor(values.length / 2));
  const n = tail.length;
  const meanT = tail.reduce((sum, v) => sum + v.t, 0) / n;
  const meanMb = tail.reduce((sum, v) => sum + v.mb, 0) / n;
  const covariance = tail.reduce((sum, v) => sum + (v.t - meanT) * (v.mb - meanMb), 0);
  const variance = tail.reduce((sum, v) => sum + (v.t - meanT) ** 2, 0);
  return {
    firstMb: values[0].mb,
    peakMb: Math.max(...values.map((v) => v.mb)),
    lastMb: values[values.length - 1].mb,
    secondHalfMbPerMin: variance > 0 ? Number(((covariance / variance) * 60).toFixed(2)) : 0,
  };
}
