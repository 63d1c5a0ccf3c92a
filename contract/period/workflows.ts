import type { PeriodStatus } from '../enums';
import type { MatchSummary } from './messages';

/** What starts a period's workflow (periods/period.service.ts). */
export interface PeriodWorkflowInput {
  periodId: string;
  customerCode: string;
  periodStart: string;
  periodEnd: string;
}

/** What a period's workflow returns when it closes. */
export interface PeriodOutcome {
  status: PeriodStatus.CLOSED;
  closedBy: string;
  closeReason: string | undefined;
  match: MatchSummary;
}

/** The workflow type of one customer's period, as registered by the worker (workflows/index.ts). */
export const PERIOD_WORKFLOW = 'reconciliationPeriodWorkflow';
export type PeriodWorkflow = (input: PeriodWorkflowInput) => Promise<PeriodOutcome>;

export interface OpenPeriodsInput {
  /** "YYYY-MM"; the month before the run's start when omitted (what the monthly schedule wants). */
  month?: string;
  batchSize?: number;
  /** Progress carried across continue-as-new: customers up to this id are done. */
  afterCustomerId?: string;
  opened?: number;
}

export interface OpenPeriodsResult {
  month: string;
  customersSeen: number;
  opened: number;
}

/** The scheduled fan-out that opens a month's periods (temporal/schedules.ts starts it). */
export const OPEN_PERIODS_WORKFLOW = 'openPeriodsWorkflow';
export type OpenPeriodsWorkflow = (input?: OpenPeriodsInput) => Promise<OpenPeriodsResult>;
