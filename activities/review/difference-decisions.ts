import { auditFields } from '../../contract/actor';
import type { EntityManager } from 'typeorm';
import { appendAudit } from '../../audit/audit-log';
import { Difference } from '../../entities/difference.entity';
import { DifferenceStatus } from '../../contract/enums';
import { PeriodRejection, type AskCustomerRequest, type MarkTimingRequest } from '../../contract/period';
import type { ActivityDeps } from '../activity-deps';
import { loadPeriodWithCustomer } from '../load-period';
import { closeTasksFor } from './close-tasks';
import { refuse } from './review-failure';
import { lockReviewablePeriod } from './reviewable-period';

async function openDifference(manager: EntityManager, periodId: string, differenceId: string) {
  const period = await lockReviewablePeriod(manager, periodId);
  const difference = await manager.getRepository(Difference).findOne({
    where: { id: differenceId, periodId, matchRun: period.matchRun },
    lock: { mode: 'pessimistic_write' },
  });
  if (!difference)
    refuse(PeriodRejection.NOT_FOUND, `no difference ${differenceId} in this period's latest run`);
  if (difference.status !== DifferenceStatus.OPEN)
    refuse(PeriodRejection.WRONG_STATE, `difference is ${difference.status}`);
  return difference;
}

/** A clerk explains a difference as timing (e.g. payment in transit): expected to clear next period. */
export function createMarkTiming({ dataSource }: ActivityDeps) {
  return async function markTiming(request: MarkTimingRequest & { periodId: string }): Promise<string> {
    return dataSource.transaction(async (manager) => {
      const difference = await openDifference(manager, request.periodId, request.differenceId);
      const resolution = `timing (expected to clear): ${request.note}`.slice(0, 1000);
      await manager
        .getRepository(Difference)
        .update({ id: difference.id }, { status: DifferenceStatus.EXPLAINED, resolution });
      await closeTasksFor(manager, request.periodId, { differenceIds: [difference.id] }, resolution);
      await appendAudit(manager, {
        ...auditFields(request.actor),
        action: 'difference.marked_timing',
        entityType: 'difference',
        entityId: difference.id,
        periodId: request.periodId,
        before: { kind: difference.kind, status: difference.status },
        after: { status: DifferenceStatus.EXPLAINED, resolution },
      });
      return difference.id;
    });
  };
}

/** The longest a question's mail may hold the period's row (below the decisions' 30 s timeout). */
export const QUESTION_SEND_TIMEOUT_MS = 20_000;

/**
 * A clerk asks the customer about one difference; the question goes out through the transport.
 * One transaction from the check to the record, with the mail sent inside it: the period's row is
 * locked (and found open) before the mail goes out, so a close by exception waits for the question
 * to be sent and recorded, or comes first and the question is refused unsent. Before (#17 probe),
 * the check committed, the mail went out, and the second check then refused: the customer got a
 * question about a period already closed, and the record had none. A mail the transport refuses
 * (or that takes longer than QUESTION_SEND_TIMEOUT_MS) rolls the question back; a retry sends it
 * again under the same message id (the outbox overwrites, SMTP repeats the Message-ID).
 */
export function createAskCustomer({ dataSource, transport }: ActivityDeps) {
  return async function askCustomer(request: AskCustomerRequest & { periodId: string }): Promise<string> {
    return dataSource.transaction(async (manager) => {
      // The period's row first, as the close takes it, then the difference's.
      const difference = await openDifference(manager, request.periodId, request.differenceId);
      const { customer, period } = await loadPeriodWithCustomer(manager, request.periodId);
      await withTimeout(
        transport.send({
          messageId: `question-${period.id}-${difference.id}-${Buffer.from(request.question).toString('base64url').slice(0, 16)}`,
          to: customer.contactEmail ?? `${customer.code}@customers.invalid`,
          subject: `对账疑问 Question about your statement ${period.periodStart} – ${period.periodEnd}`,
          text: `${customer.name}:\n${request.question}\n\n(${difference.kind} ${difference.amount.toFixed(2)}: ${difference.explanation})`,
          confirmationUrl: '',
          attachments: [],
        }),
        QUESTION_SEND_TIMEOUT_MS,
        'the question mail',
      );
      await manager
        .getRepository(Difference)
        .update(
          { id: difference.id },
          { resolution: `asked the customer: ${request.question}`.slice(0, 1000) },
        );
      await appendAudit(manager, {
        ...auditFields(request.actor),
        action: 'difference.customer_asked',
        entityType: 'difference',
        entityId: difference.id,
        periodId: request.periodId,
        after: { question: request.question },
      });
      return difference.id;
    });
  };
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`${what} took longer than ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
