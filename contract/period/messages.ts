// The messages a period workflow answers (queries, updates, the signal) and the types they carry:
// what the API sends, what the workflow's handlers implement.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../actor';
import type { PeriodStatus } from '../enums';

export interface MatchSummary {
  matchRun: number;
  groups: number;
  autoApplied: number;
  suggestions: number;
  differences: number;
  openDifferences: number;
  tied: boolean;
  /** Decimal string: what the bridge could not explain. */
  unexplained: string;
}

export enum AdjustmentState {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  POSTED = 'POSTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

export interface AdjustmentView {
  id: string;
  amount: string;
  proposedBy: string;
  requiredApprovals: number;
  requiresManager: boolean;
  approvals: string[];
  state: AdjustmentState;
  rejectionReason?: string;
}

export enum ConfirmationState {
  NOT_SENT = 'NOT_SENT',
  SENT = 'SENT',
  CONFIRMED = 'CONFIRMED',
  DISPUTED = 'DISPUTED',
  /** No answer before escalation: a manager has a task; the customer can still answer. */
  TIMED_OUT = 'TIMED_OUT',
}

export interface PeriodState {
  status: PeriodStatus;
  /** Bumped by every change; clients send it back to detect stale decisions. */
  version: number;
  match: MatchSummary | undefined;
  confirmationRound: number;
  confirmation: ConfirmationState;
  remindersSent: number;
  escalated: boolean;
  adjustments: AdjustmentView[];
  closedBy: string | undefined;
  closeReason: string | undefined;
}

export interface Decided {
  actor: Actor;
  /** The version the client saw; refused as STALE_VERSION if the period moved on. */
  expectedVersion?: number;
}

export interface ConfirmStatementRequest {
  actor: Actor;
  comment?: string;
  /** The statement round the answer is for (a customer's link names one); refused once re-sent. */
  round?: number;
}

/** A disputed line as the workflow receives it: resolved and checked to be the period's own. */
export interface DisputedLineInput {
  side: 'OURS' | 'THEIRS';
  lineId: string;
  comment: string;
  /** Decimal string: what the customer's books show for the line, if they said. */
  theirAmount?: string;
}

export interface DisputeStatementRequest {
  actor: Actor;
  lines: DisputedLineInput[];
  /** As in ConfirmStatementRequest. */
  round?: number;
}

export interface CloseByExceptionRequest extends Decided {
  reason: string;
}

export type ReviewCompleteRequest = Decided;
/** A clerk asks to match again now (new statement lines, hand matches): the period stays in review. */
export type RematchRequest = Decided;

export interface SuggestionDecision extends Decided {
  groupId: string;
  reason?: string;
}

export interface ManualMatchRequest extends Decided {
  ledgerEntryIds: string[];
  statementLineIds: string[];
  note: string;
}

export interface UnmatchRequest extends Decided {
  groupId: string;
  reason: string;
}

export interface MarkTimingRequest extends Decided {
  differenceId: string;
  note: string;
}

export interface AskCustomerRequest extends Decided {
  differenceId: string;
  question: string;
}

export interface ProposeAdjustmentRequest extends Decided {
  /** Signed decimal string, as it will post to our ledger. */
  amount: string;
  entryDate: string;
  reason: string;
  differenceId?: string;
}

export interface AdjustmentDecision extends Decided {
  adjustmentId: string;
  comment?: string;
}

export interface ReviewActionResult {
  state: PeriodState;
  /** The row the action created or changed (match group, difference, adjustment). */
  entityId: string;
}

export const getPeriodState = defineQuery<PeriodState>('getPeriodState');

export const confirmStatement = defineUpdate<PeriodState, [ConfirmStatementRequest]>('confirmStatement');
export const disputeStatement = defineUpdate<PeriodState, [DisputeStatementRequest]>('disputeStatement');
/** The customer's answer as a signal, for transports that cannot wait for a reply (e.g. email). */
export const customerAnswered = defineSignal<[ConfirmStatementRequest]>('customerAnswered');

export const closeByException = defineUpdate<PeriodState, [CloseByExceptionRequest]>('closeByException');
export const completeReview = defineUpdate<PeriodState, [ReviewCompleteRequest]>('completeReview');
export const rematch = defineUpdate<PeriodState, [RematchRequest]>('rematch');

export const acceptSuggestion = defineUpdate<ReviewActionResult, [SuggestionDecision]>('acceptSuggestion');
export const rejectSuggestion = defineUpdate<ReviewActionResult, [SuggestionDecision]>('rejectSuggestion');
export const matchManually = defineUpdate<ReviewActionResult, [ManualMatchRequest]>('matchManually');
export const unmatch = defineUpdate<ReviewActionResult, [UnmatchRequest]>('unmatch');
export const markTiming = defineUpdate<ReviewActionResult, [MarkTimingRequest]>('markTiming');
export const askCustomer = defineUpdate<ReviewActionResult, [AskCustomerRequest]>('askCustomer');
export const proposeAdjustment = defineUpdate<ReviewActionResult, [ProposeAdjustmentRequest]>(
  'proposeAdjustment',
);
export const approveAdjustment = defineUpdate<ReviewActionResult, [AdjustmentDecision]>('approveAdjustment');
export const rejectAdjustment = defineUpdate<ReviewActionResult, [AdjustmentDecision]>('rejectAdjustment');
/** Its proposer takes a pending adjustment back (before it is fully approved). */
export const withdrawAdjustment = defineUpdate<ReviewActionResult, [AdjustmentDecision]>(
  'withdrawAdjustment',
);
