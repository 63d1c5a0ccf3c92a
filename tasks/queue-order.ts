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

/**
 * The first `limit` items of lists that are each in SLA order, merged in SLA order: what sorting
 * their concatenation and cutting it would give, in one pass over the heads.
 */
export function mergeInSlaOrder<T extends QueueCursor>(lists: readonly (readonly T[])[], limit: number): T[] {
  const heads = lists.map(() => 0);
  const merged: T[] = [];
  while (merged.length < limit) {
    let best = -1;
    for (let l = 0; l < lists.length; l++) {
      if (
        heads[l] < lists[l].length &&
        (best < 0 || compareSla(lists[l][heads[l]], lists[best][heads[best]]) < 0)
      )
        best = l;
    }
    if (best < 0) break;
    merged.push(lists[best][heads[best]++]);
  }
  return merged;
}

export const cursorKey = (cursor: QueueCursor | undefined) =>
  cursor ? `${cursor.dueAt.toISOString()}|${cursor.priority}|${cursor.id}` : '';
