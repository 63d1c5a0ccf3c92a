import { TaskStatus } from '../contract/enums';
import { AFTER_CURSOR_SQL, afterParameters, SLA_ORDER_SQL } from './queue-order';
import type { Read } from './queue-plan';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** The ordering and source columns every task read needs, whatever the caller shows. */
export const KEY_COLUMNS = ['id', 'due_at', 'priority', 'assignee_id', 'period_id', 'customer_id'];

/**
 * One read's part of the UNION ALL, tagged with its index (`r`): a source read in index order and
 * stopped after one page, or several people's claimed tasks up to a bound, ranked per person.
 * Values are placeholders. Pure: no I/O.
 */
export function readSql(read: Read, index: number, columns: string): Statement {
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

/**
 * The one statement of a batch of queue pages: every read in one UNION ALL over the task columns
 * `taskColumns` (which must hold KEY_COLUMNS), joined by primary key to the periods (none for a dunning case's task) and customers (the
 * period's, else the task's own),
 * selecting `select` of each (the hydrators' select lists). Pure: no I/O.
 */
export function queuePagesSql(
  reads: readonly Read[],
  taskColumns: readonly string[],
  select: { task: string; period: string; customer: string },
): Statement {
  const missing = KEY_COLUMNS.filter((c) => !taskColumns.includes(c));
  if (missing.length) throw new Error(`a queue read must select ${missing.join(', ')}`);
  const inner = taskColumns.map((c) => `\`${c}\``).join(', ');
  const parts = reads.map((read, index) => readSql(read, index, inner));
  return {
    sql: `SELECT t.r AS r, ${select.task}, ${select.period}, ${select.customer}
       FROM (${parts.map((p) => p.sql).join(' UNION ALL ')}) t
       LEFT JOIN reconciliation_periods p ON p.id = t.period_id
       JOIN customers c ON c.id = COALESCE(p.customer_id, t.customer_id)`,
    params: parts.flatMap((p) => p.params),
  };
}
