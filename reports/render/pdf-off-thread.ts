import type { Worker } from 'node:worker_threads';
import { startThread } from '../../common/start-thread';
import type { ReportDocument } from '../document';
import type { Language } from '../types';
import type { PdfAnswer, PdfRequest } from './pdf-thread';

interface Pending {
  resolve(body: Buffer): void;
  reject(error: Error): void;
}

/**
 * PDFs rendered on one thread of their own instead of this event loop. Rendering a statement and its
 * letter costs tens of milliseconds of CPU each (pdfkit's layout, the CJK subset, deflate); on the
 * worker's event loop that blocked every other activity and workflow activation for that long, so
 * during the monthly fan-out a clerk's Update waited behind the statements of thousands of periods.
 * The thread starts on first use, keeps the parsed font between documents, does not keep the process
 * alive, and is started again if it dies (its pending documents fail; their activities retry).
 */
export class PdfThread {
  private thread: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  render(document: ReportDocument, language: Language): Promise<Buffer> {
    const thread = this.thread ?? this.start();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      thread.postMessage({ id, document, language } satisfies PdfRequest);
      thread.ref(); // alive while a document is on it
    });
  }

  /** Documents sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Ends the thread (pending documents fail). */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    if (thread) await thread.terminate();
    this.failAll(new Error('the PDF thread was closed'));
  }

  private start(): Worker {
    const thread = startThread(__filename, 'pdf-thread', null);
    thread.unref();
    thread.on('message', (answer: PdfAnswer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (this.pending.size === 0) thread.unref();
      if ('body' in answer)
        waiting.resolve(Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength));
      else waiting.reject(Object.assign(new Error(answer.error), { name: answer.name }));
    });
    const lost = (error: Error) => {
      if (this.thread !== thread) return;
      this.thread = undefined;
      this.failAll(error);
    };
    thread.on('error', lost);
    thread.on('exit', (code) => lost(new Error(`the PDF thread exited (${code})`)));
    this.thread = thread;
    return thread;
  }

  private failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of waiting) reject(error);
  }
}

/** The process's one PDF thread. */
export const pdfThread = new PdfThread();
