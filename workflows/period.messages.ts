// Everything a client needs to talk to a period workflow, exported beside it.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { UserRole } from '../entities/enums';
import { PeriodStatus } from '../entities/enums';

export { PeriodStatus };

export interface PeriodWorkflowInput {
  periodId: string;
  customerCode: string;
  periodStart: string;
  periodEnd: string;
}

export interface Actor {
  /** User id, API key id or "customer:<code>". */
  id: string;
  role: UserRole | 'CUSTOMER' | 'SYSTEM';
  name?: string;
}

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

export interface PeriodState {
  status: PeriodStatus;
  /** Bumped by every change; clients send it back to detect stale decisions. */
  version: number;
  match: MatchSummary | undefined;
  confirmationRound: number;
  closedBy: string | undefined;
  closeReason: string | undefined;
}

export interface ConfirmStatementRequest {
  actor: Actor;
  comment?: string;
}

export interface DisputedLineInput {
  side: 'OURS' | 'THEIRS';
  lineId: string;
  comment: string;
}

export interface DisputeStatementRequest {
  actor: Actor;
  lines: DisputedLineInput[];
}

export interface CloseByExceptionRequest {
  actor: Actor;
  reason: string;
}

export interface ReviewCompleteRequest {
  actor: Actor;
  expectedVersion?: number;
}

export const getPeriodState = defineQuery<PeriodState>('getPeriodState');
export const confirmStatement = defineUpdate<PeriodState, [ConfirmStatementRequest]>('confirmStatement');
export const disputeStatement = defineUpdate<PeriodState, [DisputeStatementRequest]>('disputeStatement');
export const closeByException = defineUpdate<PeriodState, [CloseByExceptionRequest]>('closeByException');
export const completeReview = defineUpdate<PeriodState, [ReviewCompleteRequest]>('completeReview');

export interface PeriodOutcome {
  status: PeriodStatus.CLOSED;
  closedBy: string;
  closeReason: string | undefined;
  match: MatchSummary;
}

/** Error types raised by update validators; clients see them as ApplicationFailure.type. */
export enum PeriodRejection {
  WRONG_STATE = 'WRONG_STATE',
  FORBIDDEN = 'FORBIDDEN',
  STALE_VERSION = 'STALE_VERSION',
  INVALID_REQUEST = 'INVALID_REQUEST',
}
