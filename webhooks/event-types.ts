import type { PeriodStatus, TaskQueue, TaskType } from '../contract/enums';

/** What integrators can subscribe to, and the `data` each event carries. */
export interface WebhookEvents {
  'period.status_changed': {
    periodId: string;
    workflowId: string;
    customerCode: string;
    /** e.g. "2026-10" */
    periodKey: string;
    from: PeriodStatus | null;
    to: PeriodStatus;
  };
  'task.created': {
    taskId: string;
    periodId: string;
    workflowId: string;
    queue: TaskQueue;
    type: TaskType;
    title: string;
    /** ISO-8601 */
    dueAt: string;
  };
  /** A scheduled backup failed; an admin task was raised for it. */
  'backup.failed': {
    adminTaskId: string;
    /** The schedule's run (ISO-8601), and what went wrong. */
    scheduledAt: string;
    reason: string;
  };
  /** A customer's credit exposure went over its limit in a currency (`over`), or back within it. */
  'credit.over_limit': {
    customerCode: string;
    currency: string;
    over: boolean;
    /** Decimal text. */
    limit: string;
    exposure: string;
  };
  /** A customer was put on credit hold, or its hold was released (after a manager's approval). */
  'credit.hold_changed': {
    customerCode: string;
    onHold: boolean;
    reason: string | null;
    /** Actor id of who placed it, or of the approving manager. */
    by: string;
  };
}

export type WebhookEventType = keyof WebhookEvents;

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  'period.status_changed',
  'task.created',
  'backup.failed',
  'credit.over_limit',
  'credit.hold_changed',
];
