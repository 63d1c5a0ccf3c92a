/** One event of a burst, as the page's refetch gets them (to skip what its own action caused). */
export interface LiveEventSeen {
  /** The audit event's id (decimal; events arrive in increasing order). */
  id: string;
  action: string;
  /** The task, for task events about one. */
  taskId?: string | null;
}

/**
 * What a page reads again with: the burst of events that caused it, or none (the socket came back,
 * the slow poll while it is down), when anything may have changed.
 */
export type LiveRefetch = (events?: readonly LiveEventSeen[]) => unknown;
