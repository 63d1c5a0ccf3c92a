import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readPlainCsvFile } from '../formats/csv-file';
import { naturalCompare } from '../matching/line-order';
import { ExitCode } from './exit-codes';
import {
  inferPeriod,
  routeSideFile,
  type PlainFile,
  type RoutedRows,
  type SideFileRead,
} from './match-files';
import type { RenderedDocument } from './match-output';
import { checkOptions, openOutput, shardOf, type MatchOptions } from './match-run';

/**
 * `recon match` on several threads. This thread reads each file once into shared memory (when it
 * is plain CSV, see formats/csv-bytes.ts; else each thread streams it), scans its records once and
 * deals them out (routeSideFile), checking every id for duplicates as it goes: each thread gets the
 * rows of its share of the customers (`shardOf`) and checks the rest of them. Every row is checked
 * once, and of the first bad rows (this thread's, which checks the records' widths, the customers
 * and the ids, and the threads') the earliest is
 * reported, the same as on one thread. Once all have read, this thread says the period and the
 * customers; each matches its own in that order and sends their documents rendered as text, a few
 * customers a message, which this thread writes in order: the output is the same, byte for byte, as on one thread.
 * A thread runs at most WINDOW customers ahead of the output, so results waiting for another
 * thread's customer stay few.
 */

export interface ThreadData {
  options: MatchOptions;
  shard: number;
  shards: number;
  /** Int32Array[0]: customers written so far (the thread waits on it). */
  control: SharedArrayBuffer;
}

export type Period = ReturnType<typeof inferPeriod>;

/** [file (0 ledger, 1 statement), row, check (CHECK in match-files.ts)]: the earliest is reported. */
export type FailedAt = [file: number, row: number, check: number];

export type ThreadMessage =
  | {
      type: 'ready';
      customers: string[];
      spans: Array<Pick<SideFileRead, 'dates' | 'lineRange' | 'dateOrder'>>;
    }
  /** Customers' documents, rendered: `documents[k]` are customer `indexes[k]`'s (see match-thread.ts's Batch). */
  | { type: 'customers'; indexes: number[]; documents: RenderedDocument[][] }
  | { type: 'failed'; message: string; at?: FailedAt };

/**
 * To every thread first, the ledger then the statement: for a plain file, its bytes in shared
 * memory and the thread's rows of it, a deal at a time (`more`: more of this file follows), so the
 * threads read while this thread deals the rest; else a note to stream that file. `last` (with a
 * file's last deal): this thread found a bad row in this file, the threads read no further file
 * (theirs can only be earlier bad rows).
 */
export type FileMessage =
  { plain: undefined } | { plain: PlainFile; routed: RoutedRows; more: boolean; last?: boolean };

/** To every thread once all have read the files: the period and the customers, in order. */
export interface StartMessage {
  period: Period;
  customers: string[];
}

export const WINDOW = 512;

const before = (a: FailedAt, b: FailedAt) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

export async function runThreaded(options: MatchOptions, threads: number): Promise<number> {
  const checked = checkOptions(options);
  const control = new SharedArrayBuffer(4);
  const written = new Int32Array(control);
  const results = new Map<number, RenderedDocument[]>();
  const ready: Array<Extract<ThreadMessage, { type: 'ready' }>> = [];
  const refused: Array<{ message: string; at: FailedAt }> = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const workers = Array.from({ length: threads }, (_, shard) => {
    const data: ThreadData = { options, shard, shards: threads, control };
    const worker = new Worker(path.join(__dirname, 'match-thread.js'), { workerData: data });
    worker.on('message', (message: ThreadMessage) => {
      if (message.type === 'ready') ready.push(message);
      else if (message.type === 'customers')
        message.indexes.forEach((index, k) => results.set(index, message.documents[k]));
      else if (message.at) refused.push({ message: message.message, at: message.at });
      else failure ??= new Error(message.message);
      wake?.();
    });
    worker.on('error', (error) => {
      failure ??= error;
      wake?.();
    });
    worker.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`a matching thread stopped with exit code ${code}`);
      wake?.();
    });
    return worker;
  });
  const until = async (done: () => boolean) => {
    while (!done()) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  };
  try {
    // Read while the threads start (they wait for the bytes, and decode their lines from them when matching).
    let dealtRefused = false;
    const router = { shards: threads, shardOf: (customer: string) => shardOf(customer, threads) };
    for (const [index, file] of [options.ledger, options.statement].entries()) {
      const plain = readPlainCsvFile(file, true);
      if (!plain) {
        for (const worker of workers) worker.postMessage({ plain } satisfies FileMessage);
        continue;
      }
      const failure = routeSideFile(file, plain, router, (routes, more, last) =>
        workers.forEach((worker, shard) => {
          const routed = routes[shard];
          worker.postMessage({ plain, routed, more, last } satisfies FileMessage, [
            routed.rows.buffer as ArrayBuffer,
          ]);
        }),
      );
      if (failure) {
        dealtRefused = true;
        refused.push({ message: failure.message, at: [index, ...failure.at] });
        break;
      }
    }
    await until(() => ready.length + refused.length === threads + (dealtRefused ? 1 : 0));
    if (refused.length > 0) throw new Error(refused.sort((a, b) => before(a.at, b.at))[0].message);
    const period = inferPeriod(
      { start: options.periodStart, end: options.periodEnd },
      // The ledger's spans first, then the statement's (the order the files' date notes are told in).
      [0, 1].flatMap((file) => ready.map((r) => r.spans[file])),
    );
    const customers = [...new Set(ready.flatMap((r) => r.customers))].sort(naturalCompare);
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
