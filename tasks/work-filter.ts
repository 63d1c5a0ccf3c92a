import { TaskStatus, TaskType, type TaskQueue } from '../contract/enums';
import { TaskError, TaskErrorCode } from './task-error';

/** Whose tasks a work list shows: mine (claimed by me), unclaimed ones of my queues, or both. */
export enum TaskScope {
  ALL = 'ALL',
  MINE = 'MINE',
  UNCLAIMED = 'UNCLAIMED',
}

/** A clerk's filter over their work, as the API receives it (every field optional). */
export interface WorkFilterInput {
  customerCode?: string | null;
  kind?: string | null;
  /** true: only tasks past their due time; false: only tasks not yet due. */
  overdue?: boolean | null;
  /** Only tasks due before this instant. */
  dueBefore?: Date | null;
  scope?: string | null;
  /** Words in the title, or the customer's code or name. */
  search?: string | null;
}

/** A checked filter: customer resolved to its id, search trimmed. */
export interface WorkFilter {
  customerId?: string;
  kind?: TaskType;
  overdue?: boolean;
  dueBefore?: Date;
  scope: TaskScope;
  search?: string;
}

export const MAX_SEARCH_LENGTH = 100;

const invalid = (field: string, reason: string) =>
  new TaskError(TaskErrorCode.INVALID_INPUT, `filter.${field} ${reason}`, [
    { index: -1, field: `filter.${field}`, reason },
  ]);

/**
 * Checks a filter at once, naming the field at fault; the customer's code is looked up by the
 * caller (`customerIdOf`): an unknown code is refused, not taken as "no tasks".
 */
export async function checkWorkFilter(
  input: WorkFilterInput | null | undefined,
  customerIdOf: (code: string) => Promise<string | undefined>,
): Promise<WorkFilter> {
  const filter: WorkFilter = { scope: TaskScope.ALL };
  if (!input) return filter;
  if (input.scope != null) {
    if (!Object.values<string>(TaskScope).includes(input.scope)) throw invalid('scope', 'is not a scope');
    filter.scope = input.scope as TaskScope;
  }
  if (input.kind != null) {
    if (!Object.values<string>(TaskType).includes(input.kind)) throw invalid('kind', 'is not a task kind');
    filter.kind = input.kind as TaskType;
  }
  if (input.overdue != null) filter.overdue = input.overdue;
  if (input.dueBefore != null) {
    if (Number.isNaN(input.dueBefore.getTime())) throw invalid('dueBefore', 'is not a time');
    filter.dueBefore = input.dueBefore;
  }
  if (input.search != null) {
    const search = input.search.trim();
    if (search.length > MAX_SEARCH_LENGTH)
      throw invalid('search', `is longer than ${MAX_SEARCH_LENGTH} characters`);
    if (search) filter.search = search;
  }
  if (input.customerCode != null) {
    const code = input.customerCode.trim();
    if (!code) throw invalid('customerCode', 'is empty');
    const id = await customerIdOf(code);
    if (!id)
      throw new TaskError(TaskErrorCode.NOT_FOUND, `no customer ${code}`, [
        { index: -1, field: 'filter.customerCode', reason: 'no such customer' },
      ]);
    filter.customerId = id;
  }
  return filter;
}

/** True when the filter narrows nothing: the plain queue (tasks/queue-pages.ts) answers it. */
export const isPlainQueue = (filter: WorkFilter) =>
  filter.scope === TaskScope.ALL &&
  filter.customerId === undefined &&
  filter.kind === undefined &&
  filter.overdue === undefined &&
  filter.dueBefore === undefined &&
  filter.search === undefined;

/** `%`, `_` and `\` match themselves in a LIKE pattern. */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One source of a person's work, read in its index's order: a queue's open tasks, or my claimed ones. */
export interface WorkSource {
  where: string;
  params: unknown[];
  /** The queue whose open tasks this source reads (the same for everyone who works it); none: one person's. */
  queue?: TaskQueue;
}

/** The sources a filter reads for a person: each queue's open tasks, and the tasks they claimed. */
export function workSources(
  filter: WorkFilter,
  user: { id: string; queues: readonly TaskQueue[] },
): WorkSource[] {
  if (user.queues.length === 0) return [];
  const sources: WorkSource[] = [];
  if (filter.scope !== TaskScope.MINE)
    for (const queue of user.queues)
      sources.push({ where: 't.queue = ? AND t.status = ?', params: [queue, TaskStatus.OPEN], queue });
  if (filter.scope !== TaskScope.UNCLAIMED)
    sources.push({ where: 't.assignee_id = ? AND t.status = ?', params: [user.id, TaskStatus.CLAIMED] });
  return sources;
}

/** The filter's conditions on `tasks t` (and `customers c`, `reconciliation_periods p` when searching). */
export function filterConditions(filter: WorkFilter, now: Date): WorkSource {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.kind) {
    where.push('t.type = ?');
    params.push(filter.kind);
  }
  if (filter.overdue !== undefined) {
    where.push(filter.overdue ? 't.due_at < ?' : 't.due_at >= ?');
    params.push(now);
  }
  if (filter.dueBefore) {
    where.push('t.due_at < ?');
    params.push(filter.dueBefore);
  }
  if (filter.customerId) {
    // A period's task through its period; a dunning case's task (no period) by its own customer.
    where.push(
      '(t.period_id IN (SELECT id FROM reconciliation_periods WHERE customer_id = ?) OR t.customer_id = ?)',
    );
    params.push(filter.customerId, filter.customerId);
  }
  if (filter.search) {
    const pattern = likeContaining(filter.search);
    where.push('(t.title LIKE ? OR c.code LIKE ? OR c.name LIKE ?)');
    params.push(pattern, pattern, pattern);
  }
  return { where: where.join(' AND '), params };
}

/** The joins a filter's conditions need: the customer's code and name, only when searching. */
export const filterJoins = (filter: WorkFilter) =>
  filter.search
    ? ' LEFT JOIN reconciliation_periods p ON p.id = t.period_id JOIN customers c ON c.id = COALESCE(p.customer_id, t.customer_id)'
    : '';
