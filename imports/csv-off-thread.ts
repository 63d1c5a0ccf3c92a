import type { Worker } from 'node:worker_threads';
import type { CsvProblem } from '../formats/csv';
import type { TextEncoding } from '../formats/encoding';
import { ImportFileError, type ImportErrorCode } from './errors';
import { startParseThread, takeParseSlot } from './parse-threads';
import { CSV_MORE, type CsvThreadInput, type CsvThreadMessage } from './csv-thread';
import type { ImportInput, SheetRow } from './types';

export interface CsvThreadOptions {
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly onEncoding: (encoding: TextEncoding) => void;
  readonly onDelimiter: (delimiter: string) => void;
  readonly onProblem: (problem: CsvProblem) => void;
  /** A reader that takes no batch for this long has been abandoned: its thread and slot are freed. */
  readonly idleMs?: number;
}

/**
 * A CSV file's records, in batches, parsed on a thread of the shared parse slots (parse-threads.ts)
 * instead of on this event loop. Stopping early (return, an error) ends the thread.
 */
export async function* readCsvOffThread(
  input: ImportInput,
  options: CsvThreadOptions,
): AsyncGenerator<SheetRow[]> {
  const release = await takeParseSlot();
  const data: CsvThreadInput = {
    ...('buffer' in input ? { bytes: input.buffer } : { path: input.path }),
    encoding: options.encoding,
    delimiter: options.delimiter,
  };
  const inbox = new Inbox(startParseThread('csv-thread', data), options.idleMs ?? 120_000, release);
  try {
    for (;;) {
      const message = await inbox.next();
      if (message.kind === 'rows') {
        yield message.rows;
        inbox.worker.postMessage(CSV_MORE);
        // One batch per turn of the event loop, however many the thread has sent ahead.
        await new Promise((resolve) => setImmediate(resolve));
      } else if (message.kind === 'encoding') options.onEncoding(message.encoding);
      else if (message.kind === 'delimiter') options.onDelimiter(message.delimiter);
      else if (message.kind === 'problem') options.onProblem(message.problem);
      else if (message.kind === 'done') return;
      else if (message.kind === 'refused')
        throw new ImportFileError(message.code as ImportErrorCode, message.message, message.column);
      else throw new Error(`reading the CSV file failed: ${message.message}`);
    }
  } finally {
    inbox.close();
  }
}

/** The thread's messages in order, its failure as one more message; idle too long: closed. */
class Inbox {
  private readonly queued: CsvThreadMessage[] = [];
  private waiter: ((message: CsvThreadMessage) => void) | undefined;
  private idle: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly worker: Worker,
    private readonly idleMs: number,
    private readonly release: () => void,
  ) {
    worker.on('message', (message: CsvThreadMessage) => this.deliver(message));
    worker.on('error', (error: Error) => this.deliver({ kind: 'failed', message: error.message }));
    worker.on('exit', () =>
      this.deliver({ kind: 'failed', message: 'the CSV reader stopped before it finished' }),
    );
    this.armIdle();
  }

  next(): Promise<CsvThreadMessage> {
    clearTimeout(this.idle);
    const message = this.queued.shift();
    if (message) return Promise.resolve(message);
    if (this.closed) return Promise.resolve({ kind: 'failed', message: 'the CSV reader was closed' });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idle);
    void this.worker.terminate();
    this.release();
  }

  private deliver(message: CsvThreadMessage): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter(message);
    else this.queued.push(message);
    this.armIdle();
  }

  private armIdle(): void {
    clearTimeout(this.idle);
    if (!this.closed && !this.waiter) this.idle = setTimeout(() => this.close(), this.idleMs).unref();
  }
}
