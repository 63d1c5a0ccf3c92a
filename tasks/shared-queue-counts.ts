/** A queue's open tasks of one kind and status, and how many of them were overdue, when counted. */
export interface QueueCountRow {
  type: string;
  status: string;
  n: number;
  late: number;
}

interface Entry {
  head: string;
  at: number;
  rows: readonly QueueCountRow[];
}

/**
 * A queue's counts shared by everyone who works it (My work's counts): the same for each of the
 * queue's clerks, and counting the queue's ~120,000 index entries for every clerk's every view was
 * most of My work's server time. An entry serves while nothing audited has been committed since it
 * was counted (the audit log's head is the same: the task writes are audited in their own
 * transaction, and the live events that make a page read its counts again are that log) and for
 * at most `maxAgeMs` (what is overdue moves with the clock, and a write outside the log is seen
 * that late at worst). Pure: the caller reads the head and counts.
 */
export class SharedQueueCounts {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxAgeMs: number) {}

  /** The queue's rows counted at `head` no longer than maxAgeMs before `now`, or undefined. */
  get(queue: string, head: string, now: number): readonly QueueCountRow[] | undefined {
    const entry = this.entries.get(queue);
    if (!entry || entry.head !== head || now < entry.at || now - entry.at >= this.maxAgeMs) return undefined;
    return entry.rows;
  }

  /** Rows counted at `now`, after reading the log's `head` (read before counting: never newer than the rows). */
  set(queue: string, head: string, now: number, rows: readonly QueueCountRow[]): void {
    this.entries.set(queue, { head, at: now, rows });
  }
}
