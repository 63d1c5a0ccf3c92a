import type { DataSource } from 'typeorm';
import { hydratorFor, type ColumnChoice } from '../db/hydrate';
import { Customer } from '../entities/customer.entity';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { Task } from '../entities/task.entity';
import type { QueueBounds } from './queue-bounds';
import { compareSla, mergeInSlaOrder, type QueueCursor } from './queue-order';
import {
  boundHeld,
  columnsOf,
  planReads,
  QUEUE_CUSTOMER_COLUMNS,
  QUEUE_PERIOD_COLUMNS,
  QUEUE_TASK_COLUMNS,
  type QueueRequest,
  type Read,
} from './queue-plan';
import { queuePagesSql } from './queue-sql';

// The queue page in three parts: which reads (queue-plan.ts) and how far (queue-bounds.ts), pure;
// their one statement (queue-sql.ts), pure; and here, running it and building the pages.
export { QueueBounds } from './queue-bounds';
export type { QueueColumns, QueueRequest, QueueWorker } from './queue-plan';

export interface QueuePage {
  tasks: Task[];
  hasNextPage: boolean;
  /** The page's periods and their customers, read with it: a queue screen shows them. */
  periods: ReconciliationPeriod[];
  customers: Customer[];
}

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
  const failed: number[] = [];
  indexes.forEach((i, k) => {
    const { sources, claimedBy } = plan.sourcesOf[k];
    if (claimedBy && !boundHeld(claimedBy, candidates)) {
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
    const periods = [
      ...new Set(tasks.flatMap((t) => (t.periodId === null ? [] : [read.period(t.periodId)]))),
    ];
    const customers = [
      ...new Set(tasks.map((t) => read.customer(t.customerId ?? read.period(t.periodId!).customerId))),
    ];
    pages[i] = { tasks, hasNextPage: merged.length > first, periods, customers };
  });
  return failed;
}

/** What one statement read: each source's candidates, and their rows built into entities (once each). */
interface SourcesRead {
  bySource: Candidate[][];
  task(candidate: Candidate): Task;
  period(id: string): ReconciliationPeriod;
  customer(id: string): Customer;
}

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

  const statement = queuePagesSql(reads, tasks.columns, {
    task: tasks.select,
    period: periods.select,
    customer: customers.select,
  });
  const rows = (await dataSource.query(statement.sql, statement.params)) as Array<Record<string, unknown>>;
  const key = {
    id: tasks.key('id'),
    dueAt: tasks.key('dueAt'),
    priority: tasks.key('priority'),
    assignee: tasks.key('assigneeId'),
    periodId: tasks.key('periodId'),
    customerId: customers.key('id'),
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
    if (row[key.periodId] != null) rowsOf.periods.set(String(row[key.periodId]), row);
    rowsOf.customers.set(String(row[key.customerId]), row);
  }
  // A UNION's rows come in no promised order, whatever each part's ORDER BY (and the join may
  // reorder them): sort each source.
  for (const candidates of bySource) candidates.sort(compareSla);
  return result;
}
