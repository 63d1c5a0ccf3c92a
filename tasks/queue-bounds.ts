import { ForgetfulMap } from '../common/forgetful-map';
import type { QueueCursor } from './queue-order';

/** The least slack past a queue page's end that a guessed bound leaves for claimed tasks. */
const MIN_SLACK_MS = 60_000;

/**
 * Where each queue branch's page ended when it was last read (by branch key; `null`: the queue was
 * shorter than a page). A person's claimed tasks can only make their page if they come before the
 * end of one of their queues' pages, so the next read of their claimed tasks stops there (plus a
 * page's width of slack) instead of reading a whole page of them for each person. The bound is a
 * guess from the last read; every read checks it against the queue rows of its own statement and
 * reads again the pages it could have cut short, up to the end that statement saw (the last
 * attempt reads without a guess). Pure: no I/O.
 */
export class QueueBounds {
  private readonly ends = new ForgetfulMap<string, number | null>(1_000);

  /** The guessed bound (ms since epoch) for claimed tasks under this queue branch, if there is one. */
  bound(branchKey: string): number | undefined {
    return this.ends.get(branchKey) ?? undefined;
  }

  /** Remembers where a queue branch's page ended (its rows, in SLA order, at most `limit`). */
  record(branchKey: string, rows: readonly QueueCursor[], limit: number): void {
    if (rows.length < limit) {
      this.ends.set(branchKey, null);
      return;
    }
    const end = rows[limit - 1].dueAt.getTime();
    this.ends.set(branchKey, end + Math.max(end - rows[0].dueAt.getTime(), MIN_SLACK_MS));
  }
}
