import type { TailedAuditEvent } from '../../audit/audit-tail';

/** What the subscriptions push: one audit event seen from one angle. */
export interface LiveEvent {
  /** The audit event's id: events arrive in this order. */
  id: string;
  action: string;
  periodId: string | null;
  occurredAt: Date;
}

export interface PeriodEvent extends LiveEvent {
  periodId: string;
  /** The period's status after the event, when the event moved it. */
  status: string | null;
}

export interface TaskEvent extends LiveEvent {
  /** The task, when the event is about one (claimed, released, completed). */
  taskId: string | null;
}

export interface ApprovalEvent extends LiveEvent {
  adjustmentId: string;
  /** The adjustment's status after the event (PROPOSED, APPROVED, REJECTED, POSTED), when it says. */
  status: string | null;
}

/** Entities whose changes open or close tasks (a decision closes the task about it, a rejection opens one). */
const TASK_TOUCHING_ENTITIES = new Set(['adjustment', 'difference', 'match_group']);
/** Period steps that open or close tasks: review opened, escalation raised, period closed. */
const TASK_TOUCHING_ACTIONS = new Set([
  'period.review_opened',
  'statement.escalated',
  'period.closed',
  'period.closed_by_exception',
]);

const base = (event: TailedAuditEvent): LiveEvent => ({
  id: event.id,
  action: event.action,
  periodId: event.periodId,
  occurredAt: event.occurredAt,
});

const stringOf = (value: unknown) => (typeof value === 'string' ? value : null);

/** Anything that happened to a period: its status, matches, statement, answers, adjustments. */
export function periodEventOf(event: TailedAuditEvent): PeriodEvent | undefined {
  if (event.periodId === null) return undefined;
  const status = event.entityType === 'period' ? stringOf(event.after?.status) : null;
  return { ...base(event), periodId: event.periodId, status };
}

/** A task claimed, released or completed, or a period step that opened or closed tasks. */
export function taskEventOf(event: TailedAuditEvent): TaskEvent | undefined {
  if (event.entityType === 'task') return { ...base(event), taskId: event.entityId };
  if (TASK_TOUCHING_ENTITIES.has(event.entityType) || TASK_TOUCHING_ACTIONS.has(event.action))
    return { ...base(event), taskId: null };
  return undefined;
}

/** An adjustment proposed, approved (by one approver or all), rejected or posted. */
export function approvalEventOf(event: TailedAuditEvent): ApprovalEvent | undefined {
  if (event.entityType !== 'adjustment') return undefined;
  return { ...base(event), adjustmentId: event.entityId, status: stringOf(event.after?.status) };
}

export interface CreditEvent extends LiveEvent {
  customerCode: string | null;
  /** Over the limit, or back within it (credit.over_limit / credit.within_limit). */
  over: boolean | null;
  /** On hold after the event (credit.hold_placed / credit.hold_released). */
  onHold: boolean | null;
}

/** Credit events (audit entity `credit`): limits crossed, holds, limits set, requests asked and decided. */
export function creditEventOf(event: TailedAuditEvent): CreditEvent | undefined {
  if (event.entityType !== 'credit') return undefined;
  const flag = (value: unknown) => (typeof value === 'boolean' ? value : null);
  return {
    ...base(event),
    customerCode: stringOf(event.after?.customerCode),
    over: flag(event.after?.over),
    onHold: flag(event.after?.onHold),
  };
}
