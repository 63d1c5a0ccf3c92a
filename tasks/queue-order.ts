/** Keyset position in the SLA order. */
export interface QueueCursor {
  dueAt: Date;
  priority: number;
  id: string;
}

// SLA order: due first, then the more urgent (higher priority), then the older task.
export const SLA_ORDER_SQL = 'due_at, priority DESC, id';
/** Rows after a cursor in SLA order; its parameters come from afterParameters(). */
export const AFTER_CURSOR_SQL =
  '(due_at > ? OR (due_at = ? AND (priority < ? OR (priority = ? AND id > ?))))';

export const afterParameters = (after: QueueCursor) => [
  after.dueAt,
  after.dueAt,
  after.priority,
  after.priority,
  after.id,
];

/** Numeric order of BIGINT ids held as decimal strings (no sign, no leading zeros). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The SLA order in JavaScript, exactly as SLA_ORDER_SQL sorts. */
export function compareSla(a: QueueCursor, b: QueueCursor): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || b.priority - a.priority || compareIds(a.id, b.id);
}

export const cursorKey = (cursor: QueueCursor | undefined) =>
  cursor ? `${cursor.dueAt.toISOString()}|${cursor.priority}|${cursor.id}` : '';
