import type { DataSource } from 'typeorm';
import { hydratorFor, type ColumnChoice } from '../db/hydrate';
import { Customer } from '../entities/customer.entity';
import { TaskQueue, TaskStatus, UserRole } from '../entities/enums';
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

/** Which queues a role works: clerks the clerk queue, managers theirs and the clerks', admins all. */
export function queuesFor(role: UserRole): TaskQueue[] {
  if (role === UserRole.CLERK) return [TaskQueue.CLERK];
  if (role === UserRole.MANAGER || role === UserRole.ADMIN) return [TaskQueue.MANAGER, TaskQueue.CLERK];
  return [];
}

export interface QueueRequest {
  user: { id: string; role: UserRole };
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
  pick: ['id', 'periodId', 'queue', 'type', 'status', 'title', 'assigneeId', 'dueAt', 'priority', 'outcome'],
};
export const QUEUE_PERIOD_COLUMNS: ColumnChoice = {
  omit: ['bridge', 'matchStats', 'statementId', 'createdAt', 'updatedAt', 'version'],
};
export const QUEUE_CUSTOMER_COLUMNS: ColumnChoice = {
  omit: ['ruleSettings', 'workflowSettings', 'contactEmail', 'locale', 'createdAt', 'updatedAt'],
};

/** What the page itself needs of each row, whatever the caller shows: order, re-check and links. */
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

/** One index-ordered read of a page's candidates: a queue's open tasks, or a person's claimed ones. */
interface Branch {
  where: string;
  params: unknown[];
  after: QueueCursor | undefined;
  limit: number;
}

interface Candidate extends QueueCursor {
  branch: number;
}

/** Reads were retried this often when a task moved between the two statements; the last attempt drops movers. */
const ATTEMPTS = 3;

/**
 * The queue pages of several people, in two statements whatever their number:
 *
 * 1. candidates: each distinct source (a queue's open tasks, a person's claimed ones, from a cursor)
 *    read in index order (ix_task_queue_sla, ix_task_assignee_sla) and stopped after one page, all
 *    sources in one UNION ALL; each page is merged from its sources in SLA order;
 * 2. rows: the pages' tasks with their periods and customers, joined by primary key.
 *
 * People who share a queue share its read: the whole clerk team's pages cost about what one does.
 * A task that moved between the two statements (claimed, completed, re-prioritised) is caught
 * by re-checking each row against its page and that page is read again, so every page is true at
 * the moment of its second statement.
 */
export async function readQueuePages(dataSource: DataSource, requests: QueueRequest[]): Promise<QueuePage[]> {
  const pages = new Array<QueuePage>(requests.length);
  let pending = requests.map((_, i) => i);
  for (let attempt = 1; pending.length > 0; attempt++) {
    const last = attempt === ATTEMPTS;
    const moved = await readOnce(dataSource, requests, pending, pages, last);
    pending = moved;
  }
  return pages;
}

/** One attempt for the requests at `indexes`; returns those whose page changed under it. */
async function readOnce(
  dataSource: DataSource,
  requests: QueueRequest[],
  indexes: number[],
  pages: QueuePage[],
  dropMovers: boolean,
): Promise<number[]> {
  const branches: Branch[] = [];
  const branchIndex = new Map<string, number>();
  const branchOf = (key: string, make: () => Branch) => {
    let index = branchIndex.get(key);
    if (index === undefined) branchIndex.set(key, (index = branches.push(make()) - 1));
    return index;
  };
  const sourcesOf = indexes.map((i) => {
    const { user, first, after } = requests[i];
    const limit = first + 1;
    const at = cursorKey(after);
    const queues = queuesFor(user.role);
    if (queues.length === 0) return [];
    return [
      ...queues.map((queue) =>
        branchOf(`q|${queue}|${at}|${limit}`, () => ({
          where: 'queue = ? AND status = ?',
          params: [queue, TaskStatus.OPEN],
          after,
          limit,
        })),
      ),
      branchOf(`a|${user.id}|${at}|${limit}`, () => ({
        where: 'assignee_id = ? AND status = ?',
        params: [user.id, TaskStatus.CLAIMED],
        after,
        limit,
      })),
    ];
  });

  const candidates = await readCandidates(dataSource, branches);
  const chosen = indexes.map((i, k) => {
    // Each source is in SLA order (sorted once per batch, however many pages share it).
    const { first } = requests[i];
    const merged = mergeInSlaOrder(
      sourcesOf[k].map((b) => candidates[b]),
      first + 1,
    );
    return { merged: merged.slice(0, first), hasNextPage: merged.length > first };
  });

  const batch = indexes.map((i) => requests[i]);
  const rows = await readRows(dataSource, [...new Set(chosen.flatMap((c) => c.merged.map((t) => t.id)))], {
    task: columnsOf(batch, 'task', QUEUE_TASK_COLUMNS),
    period: columnsOf(batch, 'period', QUEUE_PERIOD_COLUMNS),
    customer: columnsOf(batch, 'customer', QUEUE_CUSTOMER_COLUMNS),
  });
  const moved: number[] = [];
  indexes.forEach((i, k) => {
    const { user } = requests[i];
    const queues = queuesFor(user.role);
    const stillThere = (candidate: Candidate) => {
      const task = rows.tasks.get(candidate.id);
      return (
        task !== undefined &&
        task.dueAt.getTime() === candidate.dueAt.getTime() &&
        task.priority === candidate.priority &&
        ((task.status === TaskStatus.OPEN && queues.includes(task.queue)) ||
          (task.status === TaskStatus.CLAIMED && task.assigneeId === user.id))
      );
    };
    const { merged, hasNextPage } = chosen[k];
    if (!dropMovers && !merged.every(stillThere)) {
      moved.push(i);
      return;
    }
    const tasks = merged.filter(stillThere).map((c) => rows.tasks.get(c.id)!);
    const periods = [...new Set(tasks.map((t) => rows.periods.get(t.periodId)!))];
    const customers = [...new Set(periods.map((p) => rows.customers.get(p.customerId)!))];
    pages[i] = { tasks, hasNextPage, periods, customers };
  });
  return moved;
}

async function readCandidates(dataSource: DataSource, branches: Branch[]): Promise<Candidate[][]> {
  const byBranch = branches.map((): Candidate[] => []);
  if (branches.length === 0) return byBranch;
  const sql = branches
    .map(
      (b, i) =>
        `(SELECT ${i} AS branch, id, due_at, priority FROM tasks WHERE ${b.where}` +
        `${b.after ? ` AND ${AFTER_CURSOR_SQL}` : ''} ORDER BY ${SLA_ORDER_SQL} LIMIT ?)`,
    )
    .join(' UNION ALL ');
  const params = branches.flatMap((b) => [
    ...b.params,
    ...(b.after ? afterParameters(b.after) : []),
    b.limit,
  ]);
  const rows = (await dataSource.query(sql, params)) as Array<{
    branch: number | string;
    id: string;
    due_at: Date;
    priority: number;
  }>;
  for (const row of rows) {
    const branch = Number(row.branch);
    byBranch[branch].push({ branch, id: String(row.id), dueAt: row.due_at, priority: Number(row.priority) });
  }
  // A UNION's rows come in no promised order, whatever each branch's ORDER BY: sort each branch
  // (already in order as MariaDB sends them, so this is one pass).
  for (const candidates of byBranch) candidates.sort(compareSla);
  return byBranch;
}

interface Rows {
  tasks: Map<string, Task>;
  periods: Map<string, ReconciliationPeriod>;
  customers: Map<string, Customer>;
}

async function readRows(
  dataSource: DataSource,
  taskIds: string[],
  choice: { task: ColumnChoice; period: ColumnChoice; customer: ColumnChoice },
): Promise<Rows> {
  const rows: Rows = { tasks: new Map(), periods: new Map(), customers: new Map() };
  if (taskIds.length === 0) return rows;
  const tasks = hydratorFor(dataSource, Task, 't', choice.task);
  const periods = hydratorFor(dataSource, ReconciliationPeriod, 'p', choice.period);
  const customers = hydratorFor(dataSource, Customer, 'c', choice.customer);
  const found = (await dataSource.query(
    `SELECT ${tasks.select}, ${periods.select}, ${customers.select}
       FROM tasks t
       JOIN reconciliation_periods p ON p.id = t.period_id
       JOIN customers c ON c.id = p.customer_id
      WHERE t.id IN (${taskIds.map(() => '?').join(', ')})`,
    taskIds,
  )) as Array<Record<string, unknown>>;
  const customerId = customers.key('id');
  for (const row of found) {
    const task = tasks.hydrate(row);
    rows.tasks.set(task.id, task);
    if (!rows.periods.has(task.periodId)) rows.periods.set(task.periodId, periods.hydrate(row));
    if (!rows.customers.has(String(row[customerId])))
      rows.customers.set(String(row[customerId]), customers.hydrate(row));
  }
  return rows;
}
