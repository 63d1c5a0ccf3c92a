import type { DataSource } from 'typeorm';
import { ForgetfulMap } from '../common/forgetful-map';
import { hydratorFor, type ColumnChoice } from '../db/hydrate';
import { Customer } from '../entities/customer.entity';
import { TaskStatus, type TaskQueue } from '../contract/enums';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { Task } from '../entities/task.entity';
import {
  AFTER_CURSOR_SQL,
  afterParameters,
  compareSla,
  mergeInSlaOrder,
  cursorKey,
  SLA_ORDER_SQL,
  type QueueCursor,
} from './queue-order';

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

export interface QueuePage {
  tasks: Task[];
  hasNextPage: boolean;
  /** The page's periods and their customers, read with it: a queue screen shows them. */
  periods: ReconciliationPeriod[];
  customers: Customer[];
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
    'queue',
    'type',
    'status',
    'title',
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
  task: ['id', 'periodId', 'queue', 'status', 'assigneeId', 'dueAt', 'priority'],
  period: ['id', 'customerId'],
  customer: ['id'],
};

/** The columns a batch reads: what all its callers asked for together. */
function columnsOf(
  requests: QueueRequest[],
  entity: keyof QueueColumns,
  fallback: ColumnChoice,
): ColumnChoice {
  const asked = requests.map((r) => r.columns?.[entity]);
  if (asked.some((columns) => columns === undefined)) return fallback;
  return { pick: [...new Set([...REQUIRED[entity], ...asked.flatMap((c) => c!)])].sort() };
}

/**
 * Where each queue branch's page ended when it was last read (by branch key; `null`: the queue was
 * shorter than a page). A person's claimed tasks can only make their page if they come before the
 * end of one of their queues' pages, so the next read of their claimed tasks stops there (plus a
 * page's width of slack) instead of reading a whole page of them for each person. The bound is a
 * guess from the last read; every read checks it against the queue rows of its own statement and
 * reads again the pages it could have cut short, up to the end that statement saw (the last
 * attempt reads without a guess).
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

const MIN_SLACK_MS = 60_000;

/** One index-ordered read of one source: a queue's open tasks, or a person's claimed ones. */
interface SingleRead {
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
interface ClaimedRead {
  kind: 'claimed';
  sourceOf: Map<string, number>;
  after: QueueCursor | undefined;
  limit: number;
  bound: Date;
  boundedBy: number;
}

type Read = SingleRead | ClaimedRead;

/** A row of a source, in SLA order; built into a task (with its period and customer) once it is on a page. */
interface Candidate extends QueueCursor {
  row: Record<string, unknown>;
}

/** Reads are retried this often when a guessed bound failed; the last attempt reads without one. */
const ATTEMPTS = 3;

/**
 * The queue pages of several people, in one statement whatever their number: each distinct
 * source (a queue's open tasks, a person's claimed ones, from a cursor) read in index order
 * (ix_task_queue_sla, ix_task_assignee_sla) and stopped after one page, all sources in one
 * UNION ALL, joined by primary key to their periods and customers. Each page is merged from its
 * sources in SLA order. One statement is one snapshot: a page never mixes a task's state from
 * before and after a change (claimed, completed, re-prioritised) that happened while it was read.
 *
 * People who share a queue share its read: the whole clerk team's pages cost about what one does.
 * With `bounds` (a QueueReader keeps one), claimed tasks are read only up to where the queue's page
 * ended last time, all people's together (see QueueBounds); a page whose bound no longer holds is
 * read again.
 */
export async function readQueuePages(
  dataSource: DataSource,
  requests: QueueRequest[],
  bounds?: QueueBounds,
): Promise<QueuePage[]> {
  const pages = new Array<QueuePage>(requests.length);
  let pending = requests.map((_, i) => i);
  for (let attempt = 1; pending.length > 0; attempt++) {
    // The last attempt reads claimed tasks without a guessed bound: it never needs another.
    const guesses = attempt === ATTEMPTS ? undefined : bounds;
    pending = await readOnce(dataSource, requests, pending, pages, guesses, bounds);
  }
  return pages;
}

/** Which sources each request's page merges, and the reads that fill them. */
function planReads(requests: QueueRequest[], indexes: number[], bounds: QueueBounds | undefined) {
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

/** One attempt for the requests at `indexes`; returns those whose guessed bound failed. */
async function readOnce(
  dataSource: DataSource,
  requests: QueueRequest[],
  indexes: number[],
  pages: QueuePage[],
  guesses: QueueBounds | undefined,
  bounds: QueueBounds | undefined,
): Promise<number[]> {
  const plan = planReads(requests, indexes, guesses);
  const batch = indexes.map((i) => requests[i]);
  const read = await readSources(dataSource, plan.reads, plan.sources, {
    task: columnsOf(batch, 'task', QUEUE_TASK_COLUMNS),
    period: columnsOf(batch, 'period', QUEUE_PERIOD_COLUMNS),
    customer: columnsOf(batch, 'customer', QUEUE_CUSTOMER_COLUMNS),
  });
  const candidates = read.bySource;
  for (const r of plan.reads)
    if (r.kind === 'single' && r.queueKey) bounds?.record(r.queueKey, candidates[r.source], r.limit);
  // A guessed bound holds if the queue's page, read in the same statement, ends at or before it.
  const boundHeld = (claimed: ClaimedRead) => {
    const queue = candidates[claimed.boundedBy];
    return (
      queue.length === claimed.limit && queue[claimed.limit - 1].dueAt.getTime() <= claimed.bound.getTime()
    );
  };
  const failed: number[] = [];
  indexes.forEach((i, k) => {
    const { sources, claimedBy } = plan.sourcesOf[k];
    if (claimedBy && !boundHeld(claimedBy)) {
      failed.push(i);
      return;
    }
    // Each source is in SLA order (sorted once per batch, however many pages share it).
    const { first } = requests[i];
    const merged = mergeInSlaOrder(
      sources.map((source) => candidates[source]),
      first + 1,
    );
    const tasks = merged.slice(0, first).map(read.task);
    const periods = [...new Set(tasks.map((t) => read.period(t.periodId)))];
    const customers = [...new Set(periods.map((p) => read.customer(p.customerId)))];
    pages[i] = { tasks, hasNextPage: merged.length > first, periods, customers };
  });
  return failed;
}

function readSql(read: Read, index: number, columns: string): { sql: string; params: unknown[] } {
  const after = read.after ? ` AND ${AFTER_CURSOR_SQL}` : '';
  const afterParams = read.after ? afterParameters(read.after) : [];
  if (read.kind === 'single')
    return {
      sql: `(SELECT ${index} AS r, ${columns} FROM tasks WHERE ${read.where}${after} ORDER BY ${SLA_ORDER_SQL} LIMIT ?)`,
      params: [...read.params, ...afterParams, read.limit],
    };
  const people = [...read.sourceOf.keys()];
  return {
    sql:
      `(SELECT ${index} AS r, ${columns} FROM (SELECT ${columns}, ` +
      `ROW_NUMBER() OVER (PARTITION BY assignee_id ORDER BY ${SLA_ORDER_SQL}) AS n FROM tasks ` +
      `WHERE status = ? AND assignee_id IN (${people.map(() => '?').join(', ')})${after} AND due_at <= ?) ranked ` +
      `WHERE n <= ?)`,
    params: [TaskStatus.CLAIMED, ...people, ...afterParams, read.bound, read.limit],
  };
}

/** What one statement read: each source's candidates, and their rows built into entities (once each). */
interface SourcesRead {
  bySource: Candidate[][];
  task(candidate: Candidate): Task;
  period(id: string): ReconciliationPeriod;
  customer(id: string): Customer;
}

/** The ordering and source columns every task read needs, whatever the caller shows. */
const KEY_COLUMNS = ['id', 'due_at', 'priority', 'assignee_id', 'period_id'];

async function readSources(
  dataSource: DataSource,
  reads: Read[],
  sources: number,
  choice: { task: ColumnChoice; period: ColumnChoice; customer: ColumnChoice },
): Promise<SourcesRead> {
  const bySource = Array.from({ length: sources }, (): Candidate[] => []);
  const tasks = hydratorFor(dataSource, Task, 't', choice.task);
  const periods = hydratorFor(dataSource, ReconciliationPeriod, 'p', choice.period);
  const customers = hydratorFor(dataSource, Customer, 'c', choice.customer);
  const built = {
    tasks: new Map<string, Task>(),
    periods: new Map<string, ReconciliationPeriod>(),
    customers: new Map<string, Customer>(),
  };
  const rowsOf = {
    periods: new Map<string, Record<string, unknown>>(),
    customers: new Map<string, Record<string, unknown>>(),
  };
  const once = <T>(cache: Map<string, T>, id: string, make: () => T) => {
    let value = cache.get(id);
    if (value === undefined) cache.set(id, (value = make()));
    return value;
  };
  const result: SourcesRead = {
    bySource,
    task: (c) => once(built.tasks, c.id, () => tasks.hydrate(c.row)),
    period: (id) => once(built.periods, id, () => periods.hydrate(rowsOf.periods.get(id)!)),
    customer: (id) => once(built.customers, id, () => customers.hydrate(rowsOf.customers.get(id)!)),
  };
  if (reads.length === 0) return result;

  const missing = KEY_COLUMNS.filter((c) => !tasks.columns.includes(c));
  if (missing.length) throw new Error(`a queue read must select ${missing.join(', ')}`);
  const inner = tasks.columns.map((c) => `\`${c}\``).join(', ');
  const parts = reads.map((read, index) => readSql(read, index, inner));
  const rows = (await dataSource.query(
    `SELECT t.r AS r, ${tasks.select}, ${periods.select}, ${customers.select}
       FROM (${parts.map((p) => p.sql).join(' UNION ALL ')}) t
       JOIN reconciliation_periods p ON p.id = t.period_id
       JOIN customers c ON c.id = p.customer_id`,
    parts.flatMap((p) => p.params),
  )) as Array<Record<string, unknown>>;
  const key = {
    id: tasks.key('id'),
    dueAt: tasks.key('dueAt'),
    priority: tasks.key('priority'),
    assignee: tasks.key('assigneeId'),
    periodId: tasks.key('periodId'),
    customerId: periods.key('customerId'),
  };
  for (const row of rows) {
    const read = reads[Number(row.r)];
    const source = read.kind === 'single' ? read.source : read.sourceOf.get(String(row[key.assignee]))!;
    bySource[source].push({
      id: String(row[key.id]),
      dueAt: row[key.dueAt] as Date,
      priority: Number(row[key.priority]),
      row,
    });
    rowsOf.periods.set(String(row[key.periodId]), row);
    rowsOf.customers.set(String(row[key.customerId]), row);
  }
  // A UNION's rows come in no promised order, whatever each part's ORDER BY (and the join may
  // reorder them): sort each source.
  for (const candidates of bySource) candidates.sort(compareSla);
  return result;
}
