import { setHandler } from '@temporalio/workflow';
import { PeriodStatus } from '../../contract/enums';
import {
  acceptSuggestion,
  askCustomer,
  markTiming,
  matchManually,
  PeriodRejection,
  rejectSuggestion,
  REVIEW_NOTE_MAX_CHARS,
  unmatch,
  type ReviewActionResult,
  type SuggestionDecision,
} from '../../contract/period';
import { bump, decisions, type PeriodContext } from './context';
import { refusable } from './refusable';
import {
  afterReviewOpens,
  reject,
  requireAtMost,
  requireStatusOrReviewOpening,
  requireText,
  requireVersion,
} from './guards';

/** A note kept whole where it is stored: present, and short enough for its column. */
function requireNote(value: string | undefined, field: string): void {
  requireText(value, field);
  requireAtMost(value, field, REVIEW_NOTE_MAX_CHARS);
}

const REVIEWING = [PeriodStatus.IN_REVIEW];

/**
 * A clerk's review actions. Validators refuse wrong state and stale version; the activity refuses
 * unknown ids (NOT_FOUND) inside its transaction, so a refusal writes nothing.
 */
export function registerReviewHandlers(ctx: PeriodContext): void {
  const validate = (request: { expectedVersion?: number }) => {
    requireStatusOrReviewOpening(ctx, REVIEWING);
    requireVersion(ctx.state, request.expectedVersion);
  };
  const reviewing = <A extends unknown[], R>(handler: (...args: A) => Promise<R>) =>
    afterReviewOpens(ctx, REVIEWING, handler);
  const done = (entityId: string): ReviewActionResult => {
    bump(ctx);
    return { state: ctx.state, entityId };
  };
  const periodId = ctx.input.periodId;

  setHandler(
    acceptSuggestion,
    reviewing(async (request: SuggestionDecision) =>
      done(await refusable(decisions.decideSuggestion({ ...request, periodId, accept: true }))),
    ),
    { validator: validate },
  );
  setHandler(
    rejectSuggestion,
    reviewing(async (request) =>
      done(await refusable(decisions.decideSuggestion({ ...request, periodId, accept: false }))),
    ),
    {
      validator: (request) => {
        validate(request);
        requireNote(request.reason, 'reason');
      },
    },
  );
  setHandler(
    matchManually,
    reviewing(async (request) => done(await refusable(decisions.matchManually({ ...request, periodId })))),
    {
      validator: (request) => {
        validate(request);
        if (request.ledgerEntryIds.length + request.statementLineIds.length < 2) {
          reject(PeriodRejection.INVALID_REQUEST, 'a match needs at least two lines');
        }
        // A line named twice would count twice in the clerk's running sum and once in the group.
        const twice = (ids: readonly string[]) => ids.find((id, i) => ids.indexOf(id) !== i);
        const repeated = twice(request.ledgerEntryIds) ?? twice(request.statementLineIds);
        if (repeated !== undefined)
          reject(PeriodRejection.INVALID_REQUEST, `line ${repeated} is named twice`);
        requireNote(request.note, 'note');
      },
    },
  );
  setHandler(
    unmatch,
    reviewing(async (request) => done(await refusable(decisions.unmatchGroup({ ...request, periodId })))),
    {
      validator: (request) => {
        validate(request);
        requireText(request.reason, 'reason');
      },
    },
  );
  setHandler(
    markTiming,
    reviewing(async (request) => done(await refusable(decisions.markTiming({ ...request, periodId })))),
    {
      validator: (request) => {
        validate(request);
        requireNote(request.note, 'note');
      },
    },
  );
  setHandler(
    askCustomer,
    reviewing(async (request) => {
      const entityId = await refusable(decisions.askCustomer({ ...request, periodId }));
      bump(ctx);
      return { state: ctx.state, entityId };
    }),
    {
      validator: (request) => {
        validate(request);
        requireNote(request.question, 'question');
      },
    },
  );
}
