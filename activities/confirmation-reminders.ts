import { auditFields, SYSTEM_ACTORS } from '../contract/actor';
import { appendAudit } from '../audit/audit-log';
import { publishTasksCreated } from '../webhooks/domain-events';
import { CustomerConfirmation } from '../entities/customer-confirmation.entity';
import { TaskQueue, TaskType } from '../contract/enums';
import { Task } from '../entities/task.entity';
import { formatMoney } from '../money/decimal';
import { TaskTitleKind, taskTitleColumns } from '../contract/task-title';
import { insertedCount } from '../db/inserted-count';
import type { ActivityDeps } from './activity-deps';
import { loadPeriodWithCustomer } from './load-period';

const ESCALATION_SLA_MS = 24 * 3600 * 1000;

/** Reminds the customer that a statement awaits their answer (催款/催复). Numbered, so a retry re-sends the same one. */
export function createSendReminder({ dataSource, transport }: ActivityDeps) {
  return async function sendReminder({
    periodId,
    round,
    reminder,
  }: {
    periodId: string;
    round: number;
    reminder: number;
  }) {
    const { period, customer } = await loadPeriodWithCustomer(dataSource.manager, periodId);
    const confirmation = await dataSource
      .getRepository(CustomerConfirmation)
      .findOneByOrFail({ periodId, round });
    await transport.send({
      messageId: `reminder-${periodId}-round-${round}-${reminder}`,
      to: customer.contactEmail ?? `${customer.code}@customers.invalid`,
      subject: `提醒 Reminder: please confirm your statement ${period.periodStart} – ${period.periodEnd}`,
      text: `${customer.name}:\n请确认对账单余额 ${formatMoney(confirmation.balance)} ${period.currency}。\nPlease confirm the balance or dispute single lines.`,
      confirmationUrl: '',
      attachments: [],
    });
    await dataSource.transaction(async (manager) => {
      await manager
        .getRepository(CustomerConfirmation)
        .update({ id: confirmation.id }, { remindersSent: reminder });
      await appendAudit(manager, {
        ...auditFields(SYSTEM_ACTORS.workflow),
        action: 'statement.reminder_sent',
        entityType: 'confirmation',
        entityId: confirmation.id,
        periodId,
        after: { reminder },
      });
    });
  };
}

/** No answer in time: a manager gets a task. Keyed per round, so it happens once. */
export function createEscalateConfirmation({ dataSource, now = () => new Date() }: ActivityDeps) {
  return async function escalateConfirmation({
    periodId,
    workflowId,
    round,
  }: {
    periodId: string;
    workflowId: string;
    round: number;
  }) {
    await dataSource.transaction(async (manager) => {
      const confirmation = await manager
        .getRepository(CustomerConfirmation)
        .findOneByOrFail({ periodId, round });
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(Task)
        .values({
          periodId,
          workflowId,
          idempotencyKey: `escalation:${periodId}:${round}`,
          queue: TaskQueue.MANAGER,
          type: TaskType.ESCALATION,
          ...taskTitleColumns({
            kind: TaskTitleKind.ESCALATION,
            params: { round, balance: formatMoney(confirmation.balance) },
          }),
          dueAt: new Date(now().getTime() + ESCALATION_SLA_MS),
          priority: 1,
        })
        .orIgnore()
        .execute();
      if (insertedCount(result) === 0) return;
      await publishTasksCreated(manager, [`escalation:${periodId}:${round}`]);
      await manager
        .getRepository(CustomerConfirmation)
        .update({ id: confirmation.id }, { escalatedAt: now() });
      await appendAudit(manager, {
        ...auditFields(SYSTEM_ACTORS.workflow),
        action: 'statement.escalated',
        entityType: 'confirmation',
        entityId: confirmation.id,
        periodId,
        after: { round },
      });
    });
  };
}
