import { ApplicationFailure, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  DisputeOutcome,
  DunningRejection,
  getDunningState,
  openDunningDispute,
  paymentRecorded,
  promiseToPay,
  resolveDunningDispute,
  type DunningActivities,
  type DunningState,
} from '../../contract/collections/dunning';
import { DunningCaseStatus, PromiseStatus } from '../../contract/credit/enums';
import { isPlainDecimal } from '../../formats/amount';
import { dateOfDay, dayNumber, isIsoDate } from '../../formats/date';

export const dunningActivities = proxyActivities<DunningActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});

/** What the handlers share with the main loop. */
export interface DunningContext {
  state: DunningState;
  customerId: string;
  /** Set by the paymentRecorded signal; the loop clears it when it looked. */
  lookNow: boolean;
  /** A dispute was upheld: the loop closes the case. */
  upheld: boolean;
}

/** Today in workflow time (UTC), as YYYY-MM-DD. */
export const today = () => dateOfDay(Math.floor(Date.now() / 86_400_000));

const reject = (type: DunningRejection, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

function requireOpen(state: DunningState): void {
  if (state.status === DunningCaseStatus.CLOSED)
    reject(DunningRejection.WRONG_STATE, 'the dunning case is closed');
  if (state.caseId === null) reject(DunningRejection.WRONG_STATE, 'the dunning case is still opening');
}

function requireAmount(amount: string | undefined, field: string): void {
  if (amount !== undefined && (!isPlainDecimal(amount) || !/[1-9]/.test(amount) || amount.startsWith('-')))
    reject(DunningRejection.INVALID_REQUEST, `${field} must be a decimal above 0`);
}

function requireText(text: string | undefined, field: string, max: number): void {
  if (!text || !text.trim() || text.length > max)
    reject(DunningRejection.INVALID_REQUEST, `${field} must be 1 to ${max} characters`);
}

/**
 * Promises to pay and disputes arrive as Updates whose validators refuse, with a typed failure and
 * nothing written, what the case's state does not allow; the handlers record them, then change state.
 */
export function registerDunningHandlers(ctx: DunningContext): void {
  const bump = () => (ctx.state.version += 1);
  setHandler(getDunningState, () => ctx.state);
  setHandler(paymentRecorded, () => {
    ctx.lookNow = true;
  });

  setHandler(
    promiseToPay,
    async (request) => {
      const { promiseId } = await dunningActivities.recordPromise({
        caseId: ctx.state.caseId!,
        customerId: ctx.customerId,
        actor: request.actor,
        promisedDate: request.promisedDate,
        amount: request.amount ?? null,
        note: request.note?.trim() || null,
        asOf: today(),
      });
      ctx.state.promise = {
        promiseId,
        promisedDate: request.promisedDate,
        amount: request.amount ?? null,
        status: PromiseStatus.OPEN,
        recordedBy: request.actor.id,
      };
      bump();
      return ctx.state;
    },
    {
      validator: (request) => {
        requireOpen(ctx.state);
        if (ctx.state.dispute) reject(DunningRejection.WRONG_STATE, 'a dispute is open: resolve it first');
        if (ctx.state.promise) reject(DunningRejection.WRONG_STATE, 'a promise to pay is already open');
        if (!isIsoDate(request.promisedDate))
          reject(DunningRejection.INVALID_REQUEST, 'promisedDate must be a date YYYY-MM-DD');
        const days = dayNumber(request.promisedDate) - dayNumber(today());
        if (days < 0) reject(DunningRejection.INVALID_REQUEST, 'promisedDate must not be in the past');
        if (days > 90) reject(DunningRejection.INVALID_REQUEST, 'promisedDate must be within 90 days');
        requireAmount(request.amount, 'amount');
        if (request.note !== undefined && request.note.length > 1000)
          reject(DunningRejection.INVALID_REQUEST, 'note must be at most 1000 characters');
      },
    },
  );

  setHandler(
    openDunningDispute,
    async (request) => {
      const { disputeId } = await dunningActivities.recordDispute({
        caseId: ctx.state.caseId!,
        customerId: ctx.customerId,
        actor: request.actor,
        reason: request.reason.trim(),
        amount: request.amount ?? null,
      });
      ctx.state.dispute = {
        disputeId,
        reason: request.reason.trim(),
        amount: request.amount ?? null,
        openedBy: request.actor.id,
      };
      bump();
      return ctx.state;
    },
    {
      validator: (request) => {
        requireOpen(ctx.state);
        if (ctx.state.dispute) reject(DunningRejection.WRONG_STATE, 'a dispute is already open');
        requireText(request.reason, 'reason', 1000);
        requireAmount(request.amount, 'amount');
      },
    },
  );

  setHandler(
    resolveDunningDispute,
    async (request) => {
      await dunningActivities.resolveDispute({
        disputeId: ctx.state.dispute!.disputeId,
        actor: request.actor,
        outcome: request.outcome,
        note: request.note.trim(),
      });
      ctx.state.dispute = null;
      if (request.outcome === DisputeOutcome.UPHELD) ctx.upheld = true;
      bump();
      return ctx.state;
    },
    {
      validator: (request) => {
        requireOpen(ctx.state);
        if (!ctx.state.dispute) reject(DunningRejection.WRONG_STATE, 'no dispute is open');
        if (!Object.values(DisputeOutcome).includes(request.outcome))
          reject(DunningRejection.INVALID_REQUEST, 'outcome must be REJECTED or UPHELD');
        requireText(request.note, 'note', 1000);
      },
    },
  );
}
