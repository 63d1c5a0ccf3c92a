import type { ColumnChoice } from '../db/hydrate';
import { TaskStatus, type TaskQueue } from '../contract/enums';
import { cursorKey, type QueueCursor } from './queue-order';
import type { QueueBounds } from './queue-bounds';

/** A person reading or working tasks. */
export interface QueueWorker {
  id: string;
  queues: readonly TaskQueue[];
}

export interface QueueRequest {
  /** Whose page: their id, and the queues they work (auth/policy.ts decides which). */
  user: QueueWorker;
  first: number;
  after?: QueueCursor;
  /** The properties the caller will show (by entity); unset: every column the API can show. */
  columns?: QueueColumns;
}

export interface QueueColumns {
  task?: readonly string[];
  period?: readonly string[];
  customer?: readonly string[];
}

/**
 * What a queue page reads of each row when the caller does not say: the columns the GraphQL types
 * show. A period's and a customer's JSON documents (the bridge alone is most of a period row) are
 * left to their fields' loaders (api/loaders/deferred-columns.ts); bookkeeping columns the API never
 * shows are not read.
 */
export const QUEUE_TASK_COLUMNS: ColumnChoice = {
  pick: [
    'id',
    'periodId',
    'customerId',
    'dunningCaseId',
    'queue',
    'type',
    'status',
    'title',
    'titleKind',
    'titleParams',
    'assigneeId',
    'claimedAt',
    'dueAt',
    'priority',
    'outcome',
    'differenceId',
    'matchGroupId',
    'adjustmentId',
  ],
};
export const QUEUE_PERIOD_COLUMNS: ColumnChoice = {
  omit: ['bridge', 'matchStats', 'statementId', 'createdAt', 'updatedAt', 'version'],
};
export const QUEUE_CUSTOMER_COLUMNS: ColumnChoice = {
  omit: ['ruleSettings', 'workflowSettings', 'contactEmail', 'locale', 'createdAt', 'updatedAt'],
};

/** What the page itself needs of each row, whatever the caller shows: order, sources and links. */
const REQUIRED: Required<QueueColumns> = {
  task: ['id', 'periodId', 'customerId', 'queue', 'status', 'assigneeId', 'dueAt', 'priority'],
  period: ['id', 'customerId'],
  customer: ['id'],
};

/** The columns a batch reads: what all its callers asked for together. */
export function columnsOf(
  requests: readonly QueueRequest[],
  entity: keyof QueueColumns,
  fallback: ColumnChoice,
): ColumnChoice {
  const asked = requests.map((r) => r.columns?.[entity]);
  if (asked.some((columns) => columns === undefined)) return fallback;
  return { pick: [...new Set([...REQUIRED[entity], ...asked.flatMap((c) => c!)])].sort() };
}

/** One index-ordered read of one source: a queue's open tasks, or a person's claimed ones. */
export interface SingleRead {
  kind: 'single';
  source: number;
  /** For a queue's open tasks: its key in QueueBounds, where this read's page end is recorded. */
  queueKey?: string;
  where: string;
  params: unknown[];
  after: QueueCursor | undefined;
  limit: number;
}

/**
 * Several people's claimed tasks up to a bound, at most `limit` each, in one range read; the
 * bound was guessed from `boundedBy`'s last read and holds only if that queue's page still ends
 * at or before it.
 */
export interface ClaimedRead {
  kind: 'claimed';
  sourceOf: Map<string, number>;
  after: QueueCursor | undefined;
  limit: number;
  bound: Date;
  boundedBy: number;
}

export type Read = SingleRead | ClaimedRead;

/** The reads of one statement, and which of their sources each request's page merges. */
export interface QueuePlan {
  reads: Read[];
  /** How many sources the reads fill (numbered 0…sources-1). */
  sources: number;
  /** Per request (in the order of `indexes`): its sources, and the bounded claimed read among them. */
  sourcesOf: Array<{ sources: number[]; claimedBy: ClaimedRead | undefined }>;
}

/**
 * Which sources each request's page merges, and the reads that fill them: a source two requests
 * share (the same queue, cursor and page size) is read once; with bounds, the claimed tasks of
 * everyone whose tightest queue bound is the same are read together up to it. Pure: no I/O.
 */
export function planReads(
  requests: readonly QueueRequest[],
  indexes: readonly number[],
  bounds: QueueBounds | undefined,
): QueuePlan {
  const reads: Read[] = [];
  let sources = 0;
  const byKey = new Map<string, number>();
  const claimedReads = new Map<string, ClaimedRead>();
  const single = (key: string, make: () => Omit<SingleRead, 'kind' | 'source'>) => {
    let source = byKey.get(key);
    if (source === undefined) {
      byKey.set(key, (source = sources++));
      reads.push({ kind: 'single', source, ...make() });
    }
    return source;
  };
  const sourcesOf = indexes.map((i) => {
    const { user, first, after } = requests[i];
    const limit = first + 1;
    const at = cursorKey(after);
    const queues = user.queues;
    if (queues.length === 0) return { sources: [] as number[], claimedBy: undefined };
    let tightest: { key: string; source: number; bound: number } | undefined;
    const queueSourceIds = queues.map((queue) => {
      const key = `q|${queue}|${at}|${limit}`;
      const source = single(key, () => ({
        queueKey: key,
        where: 'queue = ? AND status = ?',
        params: [queue, TaskStatus.OPEN],
        after,
        limit,
      }));
      const bound = bounds?.bound(key);
      if (bound !== undefined && (!tightest || bound < tightest.bound)) tightest = { key, source, bound };
      return source;
    });
    const claimedKey = `a|${user.id}|${at}|${limit}`;
    if (!tightest) {
      const claimed = single(claimedKey, () => ({
        where: 'assignee_id = ? AND status = ?',
        params: [user.id, TaskStatus.CLAIMED],
        after,
        limit,
      }));
      return { sources: [...queueSourceIds, claimed], claimedBy: undefined };
    }
    let read = claimedReads.get(tightest.key);
    if (!read) {
      read = {
        kind: 'claimed',
        sourceOf: new Map(),
        after,
        limit,
        bound: new Date(tightest.bound),
        boundedBy: tightest.source,
      };
      claimedReads.set(tightest.key, read);
      reads.push(read);
    }
    let claimed = read.sourceOf.get(user.id);
    if (claimed === undefined) read.sourceOf.set(user.id, (claimed = sources++));
    return { sources: [...queueSourceIds, claimed], claimedBy: read };
  });
  return { reads, sources, sourcesOf };
}

/** A guessed bound holds if the queue's page, read in the same statement, ends at or before it. */
export function boundHeld(claimed: ClaimedRead, bySource: readonly (readonly QueueCursor[])[]): boolean {
  const queue = bySource[claimed.boundedBy];
  return (
    queue.length === claimed.limit && queue[claimed.limit - 1].dueAt.getTime() <= claimed.bound.getTime()
  );
}
