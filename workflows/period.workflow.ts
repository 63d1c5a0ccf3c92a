import {
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { PeriodActivities } from '../activities';
import { UserRole } from '../entities/enums';
import {
  closeByException,
  completeReview,
  confirmStatement,
  disputeStatement,
  getPeriodState,
  PeriodRejection,
  PeriodStatus,
  type Actor,
  type DisputedLineInput,
  type MatchSummary,
  type PeriodOutcome,
  type PeriodState,
  type PeriodWorkflowInput,
} from './period.messages';
import { RECON_CUSTOMER, RECON_PERIOD, RECON_STATUS } from './search-attributes';
import { periodKey } from './period-id';

const activities = proxyActivities<PeriodActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});

type Decision =
  | { kind: 'CONFIRMED'; actor: Actor; comment?: string }
  | { kind: 'DISPUTED'; actor: Actor }
  | { kind: 'REVIEWED'; actor: Actor }
  | { kind: 'CLOSED_BY_EXCEPTION'; actor: Actor; reason: string };

const MANAGERS: ReadonlyArray<Actor['role']> = [UserRole.MANAGER, UserRole.ADMIN];

function reject(type: PeriodRejection, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/**
 * One customer, one range, from open to closed:
 * extract → match → (review ⇄ customer confirmation) → close.
 * Human decisions arrive as Updates whose validators refuse, with a typed error and no change,
 * anything the current state does not allow.
 */
export async function reconciliationPeriodWorkflow(input: PeriodWorkflowInput): Promise<PeriodOutcome> {
  const state: PeriodState = {
    status: PeriodStatus.OPEN,
    version: 0,
    match: undefined,
    confirmationRound: 0,
    closedBy: undefined,
    closeReason: undefined,
  };
  let pending: Decision | undefined;

  const requireStatus = (allowed: PeriodStatus[]) => {
    if (!allowed.includes(state.status)) {
      reject(
        PeriodRejection.WRONG_STATE,
        `period is ${state.status}; allowed only when ${allowed.join(' or ')}`,
      );
    }
    if (pending) reject(PeriodRejection.WRONG_STATE, 'another decision is being applied; retry');
  };

  setHandler(getPeriodState, () => state);

  setHandler(
    confirmStatement,
    async (request) => {
      pending = { kind: 'CONFIRMED', actor: request.actor, comment: request.comment };
      await condition(() => pending === undefined);
      return state;
    },
    {
      validator: (request) => {
        requireStatus([PeriodStatus.AWAITING_CUSTOMER]);
        if (request.actor.role !== 'CUSTOMER' && !MANAGERS.includes(request.actor.role)) {
          reject(
            PeriodRejection.FORBIDDEN,
            'only the customer (or a manager recording their answer) confirms',
          );
        }
      },
    },
  );

  setHandler(
    disputeStatement,
    async (request) => {
      await activities.recordCustomerAnswer({
        periodId: input.periodId,
        round: state.confirmationRound,
        outcome: 'DISPUTED',
        actor: request.actor,
        disputedLines: request.lines,
      });
      pending = { kind: 'DISPUTED', actor: request.actor };
      await condition(() => pending === undefined);
      return state;
    },
    {
      validator: (request) => {
        requireStatus([PeriodStatus.AWAITING_CUSTOMER]);
        if (request.actor.role !== 'CUSTOMER' && !MANAGERS.includes(request.actor.role)) {
          reject(
            PeriodRejection.FORBIDDEN,
            'only the customer (or a manager recording their answer) disputes',
          );
        }
        if (request.lines.length === 0)
          reject(PeriodRejection.INVALID_REQUEST, 'a dispute names at least one line');
        if (request.lines.some((line: DisputedLineInput) => !line.comment.trim())) {
          reject(PeriodRejection.INVALID_REQUEST, 'each disputed line needs a comment');
        }
      },
    },
  );

  setHandler(
    completeReview,
    async (request) => {
      pending = { kind: 'REVIEWED', actor: request.actor };
      await condition(() => pending === undefined);
      return state;
    },
    {
      validator: (request) => {
        requireStatus([PeriodStatus.IN_REVIEW]);
        if (request.actor.role === 'CUSTOMER' || request.actor.role === UserRole.AUDITOR) {
          reject(PeriodRejection.FORBIDDEN, 'only staff complete a review');
        }
        if (request.expectedVersion !== undefined && request.expectedVersion !== state.version) {
          reject(
            PeriodRejection.STALE_VERSION,
            `period changed (version ${state.version}, you saw ${request.expectedVersion})`,
          );
        }
      },
    },
  );

  setHandler(
    closeByException,
    async (request) => {
      pending = { kind: 'CLOSED_BY_EXCEPTION', actor: request.actor, reason: request.reason.trim() };
      await condition(() => pending === undefined);
      return state;
    },
    {
      validator: (request) => {
        requireStatus([
          PeriodStatus.IN_REVIEW,
          PeriodStatus.AWAITING_CUSTOMER,
          PeriodStatus.AWAITING_APPROVAL,
        ]);
        if (!MANAGERS.includes(request.actor.role)) {
          reject(PeriodRejection.FORBIDDEN, 'only a manager closes a period by exception');
        }
        if (!request.reason.trim())
          reject(PeriodRejection.INVALID_REQUEST, 'a close by exception needs a reason');
      },
    },
  );

  const moveTo = async (status: PeriodStatus) => {
    state.status = status;
    state.version += 1;
    upsertSearchAttributes([{ key: RECON_STATUS, value: status }]);
    await activities.recordPeriodStatus({ periodId: input.periodId, status });
  };

  /** Waits for the next human decision and consumes it. */
  const nextDecision = async (): Promise<Decision> => {
    await condition(() => pending !== undefined);
    return pending!;
  };
  const decisionApplied = () => {
    pending = undefined;
    state.version += 1;
  };

  upsertSearchAttributes([
    { key: RECON_CUSTOMER, value: input.customerCode },
    { key: RECON_PERIOD, value: periodKey(input.periodStart, input.periodEnd) },
  ]);

  await moveTo(PeriodStatus.EXTRACTING);
  await activities.extractPeriod({ periodId: input.periodId });

  let closing: { actor: Actor; reason: string | undefined } | undefined;
  let match: MatchSummary;
  let disputed = false;
  do {
    await moveTo(PeriodStatus.MATCHING);
    match = await activities.matchPeriod({
      periodId: input.periodId,
      matchRun: (state.match?.matchRun ?? 0) + 1,
    });
    state.match = match;

    if (!match.tied || match.openDifferences > 0 || disputed) {
      await activities.createReviewTasks({
        periodId: input.periodId,
        workflowId: workflowInfo().workflowId,
        matchRun: match.matchRun,
      });
      await moveTo(PeriodStatus.IN_REVIEW);
      const decision = await nextDecision();
      if (decision.kind === 'CLOSED_BY_EXCEPTION') {
        closing = { actor: decision.actor, reason: decision.reason };
        decisionApplied();
        break;
      }
      decisionApplied();
      disputed = false;
      if (!match.tied) continue; // reviewed but still not tied: match again with what changed
    }

    state.confirmationRound += 1;
    await activities.sendStatement({ periodId: input.periodId, round: state.confirmationRound });
    await moveTo(PeriodStatus.AWAITING_CUSTOMER);
    const answer = await nextDecision();
    if (answer.kind === 'CONFIRMED') {
      await activities.recordCustomerAnswer({
        periodId: input.periodId,
        round: state.confirmationRound,
        outcome: 'CONFIRMED',
        actor: answer.actor,
        comment: answer.comment,
      });
      closing = { actor: answer.actor, reason: undefined };
    } else if (answer.kind === 'CLOSED_BY_EXCEPTION') {
      closing = { actor: answer.actor, reason: answer.reason };
    } else {
      disputed = true;
    }
    // A dispute sends the period back to matching and review with the disputed lines as tasks.
    decisionApplied();
  } while (!closing);

  await activities.closePeriod({ periodId: input.periodId, actor: closing.actor, reason: closing.reason });
  state.closedBy = closing.actor.id;
  state.closeReason = closing.reason;
  await moveTo(PeriodStatus.CLOSED);
  return { status: PeriodStatus.CLOSED, closedBy: closing.actor.id, closeReason: closing.reason, match };
}
