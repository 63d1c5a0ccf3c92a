import { auditFields, SYSTEM_ACTORS } from '../contract/actor';
import { appendAudit } from '../audit/audit-log';
import { publishTasksCreated } from '../webhooks/domain-events';
import { insertedCount } from '../db/inserted-count';
import { CustomerConfirmation } from '../entities/customer-confirmation.entity';
import { Difference } from '../entities/difference.entity';
import { DisputedLine } from '../entities/disputed-line.entity';
import {
  ConfirmationStatus,
  DifferenceStatus,
  MatchGroupState,
  PeriodStatus,
  TaskQueue,
  TaskType,
} from '../contract/enums';
import { MatchGroup } from '../entities/match-group.entity';
import { TaskTitleKind, taskTitleColumns } from '../contract/task-title';
import { Task } from '../entities/task.entity';
import type { ActivityDeps } from './activity-deps';
import { setPeriodStatus } from './set-period-status';

const CLERK_SLA_MS = 3 * 24 * 3600 * 1000;

type NewTask = Pick<
  Task,
  | 'periodId'
  | 'workflowId'
  | 'idempotencyKey'
  | 'queue'
  | 'type'
  | 'title'
  | 'titleKind'
  | 'titleParams'
  | 'dueAt'
  | 'differenceId'
  | 'matchGroupId'
>;

/**
 * One clerk task per open difference, per suggestion and per disputed line of the latest round.
 * Keys are derived from what caused the task, and inserts ignore duplicates: a retry creates nothing twice.
 */
export function createCreateReviewTasks({ dataSource, now = () => new Date() }: ActivityDeps) {
  return async function createReviewTasks(input: { periodId: string; workflowId: string; matchRun: number }) {
    const { periodId, workflowId, matchRun } = input;
    const dueAt = new Date(now().getTime() + CLERK_SLA_MS);
    return dataSource.transaction(async (manager) => {
      const differences = await manager
        .getRepository(Difference)
        .findBy({ periodId, matchRun, status: DifferenceStatus.OPEN });
      const suggestions = await manager
        .getRepository(MatchGroup)
        .findBy({ periodId, matchRun, state: MatchGroupState.SUGGESTED });
      const disputed = await manager
        .getRepository(DisputedLine)
        .createQueryBuilder('line')
        .innerJoin(CustomerConfirmation, 'c', 'c.id = line.confirmationId')
        .where('c.periodId = :periodId AND c.status = :disputed', {
          periodId,
          disputed: ConfirmationStatus.DISPUTED,
        })
        .getMany();

      const base = {
        periodId,
        workflowId,
        queue: TaskQueue.CLERK,
        dueAt,
        differenceId: null,
        matchGroupId: null,
      };
      const tasks: NewTask[] = [
        ...differences.map((d) => ({
          ...base,
          idempotencyKey: `diff:${d.id}`,
          type: TaskType.REVIEW_DIFFERENCE,
          ...taskTitleColumns({
            kind: TaskTitleKind.DIFFERENCE,
            params: { differenceKind: d.kind, amount: d.amount.toFixed(2), explanation: d.explanation },
          }),
          differenceId: d.id,
        })),
        ...suggestions.map((g) => ({
          ...base,
          idempotencyKey: `suggestion:${g.id}`,
          type: TaskType.REVIEW_SUGGESTION,
          ...taskTitleColumns({
            kind: TaskTitleKind.SUGGESTION,
            params: { rule: g.rule, confidence: String(g.confidence), evidence: g.evidence },
          }),
          matchGroupId: g.id,
        })),
        ...disputed.map((line) => ({
          ...base,
          idempotencyKey: `dispute:${line.id}`,
          type: TaskType.CUSTOMER_DISPUTE,
          ...taskTitleColumns({ kind: TaskTitleKind.DISPUTE, params: { comment: line.comment } }),
        })),
      ];
      const previousStatus = await setPeriodStatus(manager, periodId, PeriodStatus.IN_REVIEW);
      const created = tasks.length
        ? insertedCount(
            await manager.createQueryBuilder().insert().into(Task).values(tasks).orIgnore().execute(),
          )
        : 0;
      if (created > 0)
        await publishTasksCreated(
          manager,
          tasks.map((t) => t.idempotencyKey),
        );
      if (created > 0 || previousStatus) {
        await appendAudit(manager, {
          ...auditFields(SYSTEM_ACTORS.workflow),
          action: 'period.review_opened',
          entityType: 'period',
          entityId: periodId,
          periodId,
          before: previousStatus ? { status: previousStatus } : null,
          after: {
            status: PeriodStatus.IN_REVIEW,
            matchRun,
            created,
            differences: differences.length,
            suggestions: suggestions.length,
            disputes: disputed.length,
          },
        });
      }
      return { created };
    });
  };
}
