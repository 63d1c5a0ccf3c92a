import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ExitCode } from './exit-codes';
import type { PeriodSource } from './match-files';
import type { RenderedDocument } from './match-output';
import { checkOptions, openOutput, type MatchOptions } from './match-run';

/**
 * `recon match` on several threads. Each thread reads both files in full (every row checked alike,
 * so each finds the same first bad row) but keeps the lines of its share of the customers only
 * (`shardOf`), matches them in the customers' order and sends each customer's documents rendered
 * as text. This thread writes them in that order: the output is the same, byte for byte, as on
 * one thread. A thread runs at most WINDOW customers ahead of the output, so results waiting for
 * another thread's customer stay few.
 */

export interface ThreadData {
  options: MatchOptions;
  shard: number;
  shards: number;
  /** Int32Array[0]: customers written so far (the thread waits on it). */
  control: SharedArrayBuffer;
}

export type Period = { start: string; end: string; source: { start: PeriodSource; end: PeriodSource } };

export type ThreadMessage =
  | { type: 'ready'; period?: Period; customers?: string[] }
  | { type: 'customer'; index: number; documents: RenderedDocument[] }
  | { type: 'failed'; message: string };

/** To every thread once the first has read the files: the period and the customers, in order. */
export interface StartMessage {
  period: Period;
  customers: string[];
}

export const WINDOW = 64;

export async function runThreaded(options: MatchOptions, threads: number): Promise<number> {
  const checked = checkOptions(options);
  const control = new SharedArrayBuffer(4);
  const written = new Int32Array(control);
  const results = new Map<number, RenderedDocument[]>();
  const ready: Array<Extract<ThreadMessage, { type: 'ready' }>> = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const workers = Array.from({ length: threads }, (_, shard) => {
    const data: ThreadData = { options, shard, shards: threads, control };
    const worker = new Worker(path.join(__dirname, 'match-thread.js'), { workerData: data });
    worker.on('message', (message: ThreadMessage) => {
      if (message.type === 'ready') {
        ready.push(message);
        if (shard === 0) firstRead = true;
      } else if (message.type === 'customer') results.set(message.index, message.documents);
      else fail(shard, new Error(message.message));
      wake?.();
    });
    worker.on('error', (error) => {
      fail(shard, error);
      wake?.();
    });
    worker.on('exit', (code) => {
      if (code !== 0) fail(shard, new Error(`a matching thread stopped with exit code ${code}`));
      wake?.();
    });
    return worker;
  });
  // The first thread checks every row: while it reads, another thread's complaint (about a row of
  // its own customers) waits for the first thread's, which names the file's first bad row.
  let firstRead = false;
  let otherFailure: Error | undefined;
  function fail(shard: number, error: Error) {
    if (shard === 0) failure ??= error;
    else otherFailure ??= error;
  }
  const failed = () => failure ?? (firstRead ? otherFailure : undefined);
  const until = async (done: () => boolean) => {
    while (!done()) {
      const error = failed();
      if (error) throw error;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  };
  try {
    await until(() => firstRead);
    // The first thread's word: it read every row (the others' line dates are their customers' only).
    const { period, customers } = ready.find((r) => r.customers) as StartMessage;
    const output = openOutput(options, checked, period, customers.length); // refuses a reversed period first
    const start: StartMessage = { period, customers };
    for (const worker of workers) worker.postMessage(start);
    let tied = true;
    for (let index = 0; index < customers.length; index += 1) {
      await until(() => results.has(index));
      const documents = results.get(index)!;
      results.delete(index);
      for (const document of documents) {
        if (!document.tied) tied = false;
        await output.writeRendered(document);
      }
      output.customerDone();
      Atomics.store(written, 0, index + 1);
      Atomics.notify(written, 0);
    }
    await output.end();
    return tied ? ExitCode.OK : ExitCode.FINDING;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
