import path from 'node:path';
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { exactly, findSubsets } from '../matching/rules/subset-sum';
import type { Prepared } from '../matching/prepare';
import { fromUnits } from '../matching/units';
import { prng } from '../synthetic/prng';
import type { Score } from '../synthetic/score';
import { numberArg, printResult } from './_cli';

export interface MatchBenchOptions {
  customers: number;
  linesPerCustomer: number;
  seed: number;
  oneToManyTargets: number;
  /** Worker threads matching in parallel: one per core by default. */
  threads: number;
}

export interface MatchBenchResult {
  bench: 'match';
  lines: number;
  customers: number;
  threads: number;
  seconds: number;
  /** CPU time of the matching threads from "go" to their last customer (user + system, summed). */
  cpuSeconds: number;
  /**
   * CPU time of the whole process from "go" to the last thread's "done": the matching threads' and
   * V8's own threads' (optimising compiler, garbage collection helpers) besides them. Each worker
   * compiles the engine afresh: on a machine of N cores the wall time is at least this over N.
   */
  processCpuSeconds: number;
  linesPerSecond: number;
  /** The whole process's, from the start (generation included). */
  peakRssMb: number;
  /** The whole process's before "go": generating the input. */
  generationPeakRssMb: number;
  /** The whole process's from "go" on: matching (and scoring) only. */
  matchPeakRssMb: number;
  precision: number;
  recall: number;
  classificationAccuracy: number;
  tiedBridges: number;
  oneToManyTargets: number;
  oneToManySeconds: number;
}

/** 10,000 one-to-many targets, each with a pool of 30 candidates of which exactly 3 add up to it. */
function oneToManyCase(count: number, seed: number): Array<{ target: bigint; pool: Prepared[] }> {
  const random = prng(seed);
  const cents = () => BigInt(100 + Math.floor(random() * 999_900)) * 100n;
  return Array.from({ length: count }, (_, t) => {
    const pool = Array.from({ length: 30 }, (_, i): Prepared => {
      const units = cents();
      return {
        id: `p${t}-${i}`,
        side: 'theirs',
        day: 0,
        date: '2026-10-01',
        raw: '',
        rawField: '',
        norm: '',
        docNorm: '',
        refNorm: '',
        docNo: '',
        reference: '',
        description: '',
        textRefs: [],
        norms: [],
        units,
        amountKey: fromUnits(units),
        docKeys: [],
        itemKey: 0,
        textRefKeys: [],
        currency: 'CNY',
        kind: 'RECEIPT',
        placed: false,
      };
    });
    return { target: pool[3].units + pool[11].units + pool[27].units, pool };
  });
}

interface WorkerDone {
  type: 'done';
  seconds: number;
  cpuSeconds: number;
  score: Score;
  tied: number;
}

/**
 * Customers are split across worker threads (one per core); each generates its slice first, and
 * the clock runs from "go" until the last slice is matched. Peak RSS is the whole process's.
 */
export async function runMatchBench(options: MatchBenchOptions): Promise<MatchBenchResult> {
  const threads = Math.max(1, Math.min(options.threads, options.customers));
  const per = Math.ceil(options.customers / threads);
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const workers = Array.from({ length: threads }, (_, i) => {
    const firstCustomer = i * per;
    return new Worker(path.join(__dirname, 'match-worker.js'), {
      workerData: {
        firstCustomer,
        customers: Math.max(0, Math.min(per, options.customers - firstCustomer)),
        linesPerCustomer: options.linesPerCustomer,
        seed: options.seed,
      },
    });
  });
  try {
    const ready = await Promise.all(workers.map((w) => once(w, 'ready') as Promise<{ lines: number }>));
    const lines = ready.reduce((n, r) => n + r.lines, 0);
    const generationPeak = Math.max(peak, process.memoryUsage().rss);
    peak = 0;
    const started = process.hrtime.bigint();
    const cpuAtGo = process.cpuUsage();
    const finished = workers.map((w) => once(w, 'done') as Promise<WorkerDone>);
    for (const worker of workers) worker.postMessage('go');
    const done = await Promise.all(finished);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const processCpu = process.cpuUsage(cpuAtGo);

    const cases = oneToManyCase(options.oneToManyTargets, options.seed + 1);
    const oneToManyStarted = process.hrtime.bigint();
    let found = 0;
    for (const { target, pool } of cases)
      if (findSubsets(pool, exactly(target), 5).solutions.length > 0) found += 1;
    const oneToManySeconds = Number(process.hrtime.bigint() - oneToManyStarted) / 1e9;
    if (found !== cases.length) throw new Error(`subset sum missed ${cases.length - found} targets`);

    const total = done.reduce(
      (sum, d) => ({
        truthGroups: sum.truthGroups + d.score.truthGroups,
        engineGroups: sum.engineGroups + d.score.engineGroups,
        correctGroups: sum.correctGroups + d.score.correctGroups,
        plantedDifferences: sum.plantedDifferences + d.score.plantedDifferences,
        classifiedRight: sum.classifiedRight + d.score.classifiedRight,
      }),
      { truthGroups: 0, engineGroups: 0, correctGroups: 0, plantedDifferences: 0, classifiedRight: 0 },
    );
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      bench: 'match',
      lines,
      customers: options.customers,
      threads,
      seconds: round(seconds, 3),
      cpuSeconds: round(
        done.reduce((n, d) => n + d.cpuSeconds, 0),
        2,
      ),
      processCpuSeconds: round((processCpu.user + processCpu.system) / 1e6, 2),
      linesPerSecond: Math.round(lines / seconds),
      peakRssMb: Math.round(Math.max(generationPeak, peak) / 1024 / 1024),
      generationPeakRssMb: Math.round(generationPeak / 1024 / 1024),
      matchPeakRssMb: Math.round(peak / 1024 / 1024),
      precision: round(total.correctGroups / total.engineGroups, 5),
      recall: round(total.correctGroups / total.truthGroups, 5),
      classificationAccuracy: round(total.classifiedRight / total.plantedDifferences, 5),
      tiedBridges: done.reduce((n, d) => n + d.tied, 0),
      oneToManyTargets: cases.length,
      oneToManySeconds: round(oneToManySeconds, 3),
    };
  } finally {
    clearInterval(sample);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function once(worker: Worker, type: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      worker.off('message', onMessage);
      resolve(message);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

if (require.main === module) {
  printResult(
    runMatchBench({
      customers: numberArg('customers', 10_000),
      linesPerCustomer: numberArg('lines', 100),
      seed: numberArg('seed', 42),
      oneToManyTargets: numberArg('one-to-many', 10_000),
      threads: numberArg('threads', os.availableParallelism()),
    }),
  );
}
