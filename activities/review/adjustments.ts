import { appendAudit } from '../../audit/audit-log';
import { publishTasksCreated } from '../../webhooks/domain-events';
import { insertedCount } from '../../db/inserted-count';
import { Not, type EntityManager } from 'typeorm';
import { Adjustment } from '../../entities/adjustment.entity';
import { Difference } from '../../entities/difference.entity';
import { AdjustmentApproval } from '../../entities/adjustment-approval.entity';
import {
  AdjustmentStatus,
  ApprovalDecision,
  DifferenceStatus,
  EntryKind,
  PeriodStatus,
  TaskQueue,
  TaskType,
} from '../../contract/enums';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { TaskTitleKind, taskTitleColumns } from '../../contract/task-title';
import { Task } from '../../entities/task.entity';
import { formatMoney, Money } from '../../money/decimal';
import { auditFields, SYSTEM_ACTORS, type Actor } from '../../contract/actor';
import { PeriodRejection, type ProposeAdjustmentRequest } from '../../contract/period';
import type { ActivityDeps } from '../activity-deps';
import { closeTasksFor } from './close-tasks';
import { refuse, refusingBadValues } from './review-failure';
import { lockReviewablePeriod } from './reviewable-period';

const APPROVAL_SLA_MS = 2 * 24 * 3600 * 1000;
export const ADJUSTMENT_SOURCE = 'recon-adjustment';

export interface ProposedAdjustment {
  id: string;
  amount: string;
}

/** Records a proposed adjustment and puts it in the approvers' queue. Posts nothing yet. */
export function createProposeAdjustment({ dataSource, now = () => new Date() }: ActivityDeps) {
  return async function proposeAdjustment(
    request: ProposeAdjustmentRequest & {
      periodId: string;
      workflowId: string;
      requiredApprovals: number;
      requiresManager: boolean;
    },
  ): Promise<ProposedAdjustment> {
    return refusingBadValues(() =>
      dataSource.transaction(async (manager) => {
        const period = await lockReviewablePeriod(manager, request.periodId);
        if (request.entryDate < period.periodStart || request.entryDate > period.periodEnd) {
          refuse(
            PeriodRejection.INVALID_REQUEST,
            `entryDate must fall in the period ${period.periodStart} – ${period.periodEnd}`,
          );
        }
        if (
          request.differenceId &&
          !(await manager
            .getRepository(Difference)
            .existsBy({ id: request.differenceId, periodId: period.id }))
        )
          refuse(PeriodRejection.NOT_FOUND, `no difference ${request.differenceId} in this period`);
        const amount = new Money(request.amount);
        const adjustment = await manager.getRepository(Adjustment).save({
          periodId: period.id,
          differenceId: request.differenceId ?? null,
          kind: EntryKind.ADJUSTMENT,
          amount,
          currency: period.currency,
          entryDate: request.entryDate,
          reason: request.reason,
          status: AdjustmentStatus.PROPOSED,
          proposedBy: request.actor.id,
          requiredApprovals: request.requiredApprovals,
          requiresManager: request.requiresManager,
        });
        await manager.getRepository(Task).insert({
          periodId: period.id,
          workflowId: request.workflowId,
          idempotencyKey: `approve:${adjustment.id}`,
          queue: request.requiresManager ? TaskQueue.MANAGER : TaskQueue.CLERK,
          type: TaskType.APPROVE_ADJUSTMENT,
          ...taskTitleColumns({
            kind: TaskTitleKind.APPROVE_ADJUSTMENT,
            params: {
              amount: formatMoney(amount),
              approvals: request.requiredApprovals,
              reason: request.reason,
            },
          }),
          adjustmentId: adjustment.id,
          dueAt: new Date(now().getTime() + APPROVAL_SLA_MS),
        });
        await publishTasksCreated(manager, [`approve:${adjustment.id}`]);
        await appendAudit(manager, {
          ...auditFields(request.actor),
          action: 'adjustment.proposed',
          entityType: 'adjustment',
          entityId: adjustment.id,
          periodId: period.id,
          after: {
            amount: amount.toFixed(),
            entryDate: request.entryDate,
            reason: request.reason,
            requiredApprovals: request.requiredApprovals,
          },
        });
        return { id: adjustment.id, amount: amount.toFixed() };
      }),
    );
  };
}

/**
 * The period's adjustment, locked for a decision (the period's row first: a closed period takes
 * none); refused (NOT_FOUND) when the period has none by that id.
 */
async function lockedAdjustment(manager: EntityManager, periodId: string, adjustmentId: string) {
  await lockReviewablePeriod(manager, periodId);
  const adjustment = await manager.getRepository(Adjustment).findOne({
    where: { id: adjustmentId, periodId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!adjustment) refuse(PeriodRejection.NOT_FOUND, `no adjustment ${adjustmentId} in this period`);
  return adjustment;
}

export interface AdjustmentDecisionInput {
  periodId: string;
  workflowId: string;
  adjustmentId: string;
  actor: Actor;
  decision: ApprovalDecision;
  comment?: string;
  /** The workflow has counted the approvals: this one completes them. */
  completesApproval: boolean;
}

/** One approver's decision, stored once per approver; a rejection goes back to the clerk with its reason. */
export function createDecideAdjustment({ dataSource, now = () => new Date() }: ActivityDeps) {
  return async function decideAdjustment(input: AdjustmentDecisionInput): Promise<string> {
    return refusingBadValues(() =>
      dataSource.transaction(async (manager) => {
        const adjustment = await lockedAdjustment(manager, input.periodId, input.adjustmentId);
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(AdjustmentApproval)
          .values({
            adjustmentId: adjustment.id,
            approverId: input.actor.id,
            decision: input.decision,
            comment: input.comment ?? null,
          })
          .orIgnore()
          .execute();
        if (insertedCount(inserted) === 0) return adjustment.id; // a retry: already recorded
        // Decided already (its rows and the workflow's state disagree): refused, and rolled back.
        if (adjustment.status !== AdjustmentStatus.PROPOSED)
          refuse(PeriodRejection.WRONG_STATE, `adjustment ${adjustment.id} is ${adjustment.status}`);
        const rejected = input.decision === ApprovalDecision.REJECT;
        const status = rejected
          ? AdjustmentStatus.REJECTED
          : input.completesApproval
            ? AdjustmentStatus.APPROVED
            : adjustment.status;
        await manager
          .getRepository(Adjustment)
          .update(
            { id: adjustment.id },
            { status, rejectionReason: rejected ? (input.comment ?? 'rejected') : null },
          );
        if (rejected || input.completesApproval) {
          await closeTasksFor(
            manager,
            input.periodId,
            { adjustmentIds: [adjustment.id] },
            `${status}: ${input.comment ?? ''}`,
          );
        }
        if (rejected) {
          await manager.getRepository(Task).insert({
            periodId: input.periodId,
            workflowId: input.workflowId,
            idempotencyKey: `rejected:${adjustment.id}`,
            queue: TaskQueue.CLERK,
            type: TaskType.REVIEW_DIFFERENCE,
            ...taskTitleColumns({
              kind: TaskTitleKind.ADJUSTMENT_REJECTED,
              params: { amount: formatMoney(adjustment.amount), comment: input.comment ?? '' },
            }),
            adjustmentId: adjustment.id,
            differenceId: adjustment.differenceId,
            dueAt: new Date(now().getTime() + APPROVAL_SLA_MS),
          });
          await publishTasksCreated(manager, [`rejected:${adjustment.id}`]);
        }
        await appendAudit(manager, {
          ...auditFields(input.actor),
          action: rejected ? 'adjustment.rejected' : 'adjustment.approved',
          entityType: 'adjustment',
          entityId: adjustment.id,
          periodId: input.periodId,
          before: { status: adjustment.status },
          after: { status, comment: input.comment ?? null },
        });
        return adjustment.id;
      }),
    );
  };
}

/**
 * Posts an approved adjustment to our ledger. The entry's external id is derived from the
 * adjustment, and (source, external id) is unique: a retried activity never posts twice. The
 * period's row is locked first, as the close locks it, and a closed period takes no entry (the
 * workflow refuses a close while an approval is being posted; this holds if anything else closed
 * the row meanwhile).
 */
export function createPostAdjustment({ dataSource }: ActivityDeps) {
  return async function postAdjustment({ adjustmentId }: { adjustmentId: string }): Promise<string> {
    return dataSource.transaction(async (manager) => {
      const owner = await manager
        .getRepository(Adjustment)
        .findOne({ select: { id: true, periodId: true }, where: { id: adjustmentId } });
      if (!owner) refuse(PeriodRejection.NOT_FOUND, `no adjustment ${adjustmentId}`);
      const period = await manager
        .getRepository(ReconciliationPeriod)
        .findOneOrFail({ where: { id: owner.periodId }, lock: { mode: 'pessimistic_write' } });
      const adjustment = await manager
        .getRepository(Adjustment)
        .findOneOrFail({ where: { id: adjustmentId }, lock: { mode: 'pessimistic_write' } });
      const externalId = `adjustment-${adjustment.id}`;
      if (
        adjustment.status !== AdjustmentStatus.POSTED &&
        (period.closedAt || period.status === PeriodStatus.CLOSED)
      )
        refuse(
          PeriodRejection.WRONG_STATE,
          `period ${period.id} is closed: adjustment ${adjustment.id} is not posted`,
        );
      await manager
        .createQueryBuilder()
        .insert()
        .into(LedgerEntry)
        .values({
          customerId: period.customerId,
          source: ADJUSTMENT_SOURCE,
          externalId,
          entryDate: adjustment.entryDate,
          docNo: `ADJ-${adjustment.id}`,
          reference: `ADJ-${adjustment.id}`,
          description: adjustment.reason.slice(0, 512),
          kind: EntryKind.ADJUSTMENT,
          amount: adjustment.amount,
          currency: adjustment.currency,
          adjustmentId: adjustment.id,
        })
        .orIgnore()
        .updateEntity(false)
        .execute();
      const entry = await manager
        .getRepository(LedgerEntry)
        .findOneByOrFail({ source: ADJUSTMENT_SOURCE, externalId });
      if (adjustment.status !== AdjustmentStatus.POSTED) {
        await manager
          .getRepository(Adjustment)
          .update({ id: adjustment.id }, { status: AdjustmentStatus.POSTED, postedLedgerEntryId: entry.id });
        await appendAudit(manager, {
          ...auditFields(SYSTEM_ACTORS.workflow),
          action: 'adjustment.posted',
          entityType: 'adjustment',
          entityId: adjustment.id,
          periodId: period.id,
          after: { ledgerEntryId: entry.id, amount: adjustment.amount.toFixed() },
        });
        if (adjustment.differenceId) await resolveAnsweredDifference(manager, adjustment, entry.id);
      }
      return entry.id;
    });
  };
}

/**
 * The difference an adjustment answers is resolved once it posts (the next re-match carries the
 * posted entry with that difference's lines, see activities/match/adjustment-groups.ts).
 */
async function resolveAnsweredDifference(manager: EntityManager, adjustment: Adjustment, entryId: string) {
  const resolution = `adjusted: adjustment ${adjustment.id} posted as ledger entry ${entryId} (${formatMoney(adjustment.amount)})`;
  await manager
    .getRepository(Difference)
    .update(
      { id: adjustment.differenceId!, periodId: adjustment.periodId, status: Not(DifferenceStatus.RESOLVED) },
      { status: DifferenceStatus.RESOLVED, resolution },
    );
  await closeTasksFor(
    manager,
    adjustment.periodId,
    { differenceIds: [adjustment.differenceId!] },
    resolution,
  );
}

/** Its proposer takes a pending adjustment back: nothing posts, its approval task is done. */
export function createWithdrawAdjustment({ dataSource }: ActivityDeps) {
  return async function withdrawAdjustment(input: {
    periodId: string;
    adjustmentId: string;
    actor: Actor;
    comment?: string;
  }): Promise<string> {
    return refusingBadValues(() =>
      dataSource.transaction(async (manager) => {
        const adjustment = await lockedAdjustment(manager, input.periodId, input.adjustmentId);
        if (adjustment.status === AdjustmentStatus.WITHDRAWN) return adjustment.id; // a retry
        await manager
          .getRepository(Adjustment)
          .update({ id: adjustment.id }, { status: AdjustmentStatus.WITHDRAWN });
        await closeTasksFor(
          manager,
          input.periodId,
          { adjustmentIds: [adjustment.id] },
          `WITHDRAWN: ${input.comment ?? ''}`,
        );
        await appendAudit(manager, {
          ...auditFields(input.actor),
          action: 'adjustment.withdrawn',
          entityType: 'adjustment',
          entityId: adjustment.id,
          periodId: input.periodId,
          before: { status: adjustment.status },
          after: { status: AdjustmentStatus.WITHDRAWN, comment: input.comment ?? null },
        });
        return adjustment.id;
      }),
    );
  };
}
