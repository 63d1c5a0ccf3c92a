import { In, type DataSource } from 'typeorm';
import { TaskStatus, TaskType } from '../contract/enums';
import { Task } from '../entities/task.entity';
import { AFTER_CURSOR_SQL, afterParameters, compareSla, type QueueCursor } from './queue-order';
import type { QueueWorker } from './queue-pages';
import { claimTask } from './task.service';
import { TaskError, TaskErrorCode } from './task-error';
import { committedEventHead } from '../audit/committed-head';
import type { QueueCountRow, SharedQueueCounts } from './shared-queue-counts';
import {
  filterConditions,
  filterJoins,
  TaskScope,
  workSources,
  type WorkFilter,
  type WorkSource,
} from './work-filter';

export interface WorkPage {
  tasks: Task[];
  hasNextPage: boolean;
}

// The SLA order on the aliased table (queue-order.ts's SLA_ORDER_SQL, qualified).
const SLA_ORDER = 't.due_at, t.priority DESC, t.id';
const AFTER = AFTER_CURSOR_SQL.replace(/\b(due_at|priority|id)\b/g, 't.$1');

/**
 * The ids of the first `limit` tasks of a person's work that match a filter, in SLA order: each
 * source (a queue's open tasks, my claimed ones) read in its index's order and cut at `limit`, in
 * one UNION ALL statement, then merged. Sources that are not in the filter's scope are not read.
 */
async function matchingIds(
  dataSource: DataSource,
  filter: WorkFilter,
  user: QueueWorker,
  limit: number,
  after: QueueCursor | undefined,
  now: Date,
): Promise<QueueCursor[]> {
  const sources = workSources(filter, user);
  if (sources.length === 0) return [];
  const conditions = filterConditions(filter, now);
  const joins = filterJoins(filter);
  const parts = sources.map((source) => {
    const where = [source.where, conditions.where, after ? AFTER : ''].filter(Boolean).join(' AND ');
    return {
      sql: `(SELECT t.id, t.due_at, t.priority FROM tasks t${joins} WHERE ${where} ORDER BY ${SLA_ORDER} LIMIT ?)`,
      params: [...source.params, ...conditions.params, ...(after ? afterParameters(after) : []), limit],
    };
  });
  const rows = (await dataSource.query(
    parts.map((p) => p.sql).join(' UNION ALL '),
    parts.flatMap((p) => p.params),
  )) as Array<{ id: string | number; due_at: Date; priority: number | string }>;
  return rows
    .map((row) => ({ id: String(row.id), dueAt: row.due_at, priority: Number(row.priority) }))
    .sort(compareSla)
    .slice(0, limit);
}

/** A page of a person's work matching a filter, in SLA order, from a keyset cursor. */
export async function readWorkPage(
  dataSource: DataSource,
  filter: WorkFilter,
  user: QueueWorker,
  first: number,
  after?: QueueCursor,
  now = new Date(),
): Promise<WorkPage> {
  const ids = await matchingIds(dataSource, filter, user, first + 1, after, now);
  const page = ids.slice(0, first);
  const tasks = page.length
    ? await dataSource.getRepository(Task).findBy({ id: In(page.map((c) => c.id)) })
    : [];
  const byId = new Map(tasks.map((task) => [task.id, task]));
  return {
    tasks: page.map((c) => byId.get(c.id)).filter((t): t is Task => !!t),
    hasNextPage: ids.length > first,
  };
}

export interface KindCount {
  kind: TaskType;
  count: number;
  overdue: number;
}

export interface WorkCounts {
  total: number;
  overdue: number;
  /** Claimed by me. */
  mine: number;
  /** Open in my queues, nobody's yet. */
  unclaimed: number;
  /** Every kind, in the enum's order, zero where there is none. */
  byKind: KindCount[];
}

/**
 * How much work a person has: open tasks of their queues and the ones they claimed, per kind and
 * overdue. With `shared`, a queue's counts come from it while they serve (shared-queue-counts.ts),
 * and are put there when counted; what the person claimed is always counted.
 */
export async function readWorkCounts(
  dataSource: DataSource,
  user: QueueWorker,
  now = new Date(),
  shared?: SharedQueueCounts,
): Promise<WorkCounts> {
  const sources = workSources({ scope: TaskScope.ALL }, user);
  // Read before counting: a change committed meanwhile moves the head, so the next read counts again.
  const head = shared && sources.some((s) => s.queue) ? await committedEventHead(dataSource) : undefined;
  const rows: QueueCountRow[] = [];
  const toCount: WorkSource[] = [];
  for (const source of sources) {
    const kept =
      source.queue && head !== undefined ? shared?.get(source.queue, head, now.getTime()) : undefined;
    if (kept) rows.push(...kept);
    else toCount.push(source);
  }
  // Each source counted on its own index (ix_task_queue_kind_sla: index-only, grouped in index
  // order), then added up here: a UNION of the rows first would copy every open task into a temporary table.
  const counted = toCount.length
    ? ((await dataSource.query(
        toCount
          .map(
            (s, index) =>
              `SELECT ${index} AS src, t.type, t.status, COUNT(*) AS n, SUM(t.due_at < ?) AS late FROM tasks t WHERE ${s.where} GROUP BY t.type, t.status`,
          )
          .join(' UNION ALL '),
        toCount.flatMap((s) => [now, ...s.params]),
      )) as Array<{
        src: string | number;
        type: string;
        status: string;
        n: string | number;
        late: string | number | null;
      }>)
    : [];
  const bySource = new Map<number, QueueCountRow[]>();
  for (const row of counted) {
    const normal = { type: row.type, status: row.status, n: Number(row.n), late: Number(row.late ?? 0) };
    rows.push(normal);
    const src = Number(row.src);
    bySource.set(src, [...(bySource.get(src) ?? []), normal]);
  }
  if (shared && head !== undefined)
    for (const [index, source] of toCount.entries())
      if (source.queue) shared.set(source.queue, head, now.getTime(), bySource.get(index) ?? []);
  const counts: WorkCounts = {
    total: 0,
    overdue: 0,
    mine: 0,
    unclaimed: 0,
    byKind: Object.values(TaskType).map((kind) => ({ kind, count: 0, overdue: 0 })),
  };
  for (const row of rows) {
    const { n, late } = row;
    counts.total += n;
    counts.overdue += late;
    if (row.status === TaskStatus.CLAIMED) counts.mine += n;
    else counts.unclaimed += n;
    const kind = counts.byKind.find((k) => k.kind === row.type);
    if (kind) {
      kind.count += n;
      kind.overdue += late;
    }
  }
  return counts;
}

/** How many candidates one round tries before reading the queue again. */
const CANDIDATES_PER_ROUND = 5;
/**
 * Every lost attempt means another person claimed that task, so the open tasks run out; this only
 * bounds a pathological storm (then the caller hears WRONG_STATE and may simply ask again).
 */
const MAX_ROUNDS = 20;

/**
 * Claims the most urgent open task of my queues that matches the filter, or returns null when none
 * does. Each attempt is claimTask's conditional UPDATE (audited), so two people never get the same
 * task: whoever loses a task moves on to the next one.
 */
export async function claimNextTask(
  dataSource: DataSource,
  filter: WorkFilter,
  user: QueueWorker,
  now = new Date(),
): Promise<Task | null> {
  if (filter.scope === TaskScope.MINE)
    throw new TaskError(
      TaskErrorCode.INVALID_INPUT,
      'filter.scope MINE: my claimed tasks are claimed already',
      [{ index: -1, field: 'filter.scope', reason: 'only unclaimed tasks can be claimed' }],
    );
  const open = { ...filter, scope: TaskScope.UNCLAIMED };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const candidates = await matchingIds(dataSource, open, user, CANDIDATES_PER_ROUND, undefined, now);
    if (candidates.length === 0) return null;
    for (const candidate of candidates) {
      try {
        return await claimTask(dataSource, candidate.id, user);
      } catch (error) {
        if (!(error instanceof TaskError && error.code === TaskErrorCode.WRONG_STATE)) throw error;
      }
    }
  }
  throw new TaskError(TaskErrorCode.WRONG_STATE, 'other people claimed every candidate first; ask again');
}
