// The dunning workflow's contract (#21 collections): ids, levels, settings, its state and the
// messages it answers, and the activities it calls. Pure: workflow code imports it.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../actor';
import {
  DunningTone,
  type DunningCaseStatus,
  type DunningCloseReason,
  type PromiseStatus,
} from '../credit/enums';

/** The workflow types the daily schedule starts (workflows/index.ts registers them). */
export const DUNNING_WORKFLOW = 'dunningWorkflow';
export const DUNNING_FAN_OUT_WORKFLOW = 'dunningFanOutWorkflow';

/** One workflow per customer: a second start while one runs is the same case. */
export const dunningWorkflowId = (customerCode: string) => `dunning-${customerCode}`;

/** One step of the dunning ladder: a letter of a tone, N days after the oldest overdue item fell due. */
export interface DunningLevel {
  /** 1, 2, 3 … in order of `afterDays`. */
  level: number;
  afterDays: number;
  tone: DunningTone;
  /** With the letter, an escalation task for a manager. */
  escalate: boolean;
}

/** +3 days a friendly reminder, +15 a firm letter, +30 the final notice and a manager's task. */
export const DEFAULT_DUNNING_LEVELS: readonly DunningLevel[] = Object.freeze([
  { level: 1, afterDays: 3, tone: DunningTone.FRIENDLY, escalate: false },
  { level: 2, afterDays: 15, tone: DunningTone.FIRM, escalate: false },
  { level: 3, afterDays: 30, tone: DunningTone.FINAL, escalate: true },
]);

export interface DunningSettings {
  levels: DunningLevel[];
  /** After the last level: how often (days) the case looks again whether it was paid. */
  recheckDays: number;
}

export const DEFAULT_DUNNING_SETTINGS: DunningSettings = Object.freeze({
  levels: [...DEFAULT_DUNNING_LEVELS],
  recheckDays: 7,
});

export interface DunningInput {
  customerId: string;
  customerCode: string;
  /**
   * The cycle: the due date of the customer's oldest overdue item when the case opened. Levels
   * count their days from it, and letters are keyed by customer + cycle + level.
   */
  cycle: string;
  settings?: Partial<DunningSettings>;
}

export interface DunningPromiseView {
  promiseId: string;
  promisedDate: string;
  /** Decimal text; null: everything overdue. */
  amount: string | null;
  status: PromiseStatus;
  recordedBy: string;
}

export interface DunningDisputeView {
  disputeId: string;
  reason: string;
  /** Decimal text: what the customer disputes, if they said. */
  amount: string | null;
  openedBy: string;
}

export interface DunningState {
  caseId: string | null;
  status: DunningCaseStatus;
  cycle: string;
  /** Bumped by every change. */
  version: number;
  /** Levels whose letter went out, in order. */
  levelsSent: number[];
  /** The next level and the day it is due (null: every level was sent). */
  nextLevel: number | null;
  nextLevelOn: string | null;
  /** The open promise to pay, if any. */
  promise: DunningPromiseView | null;
  promisesKept: number;
  promisesBroken: number;
  /** The open dispute, if any: no letter goes out while it is open. */
  dispute: DunningDisputeView | null;
  closeReason: DunningCloseReason | null;
  /** Decimal text: what was overdue at the last look. */
  overdue: string | null;
}

export interface DunningOutcome {
  closeReason: DunningCloseReason;
  levelsSent: number[];
  promisesKept: number;
  promisesBroken: number;
}

export interface PromiseToPayRequest {
  actor: Actor;
  /** YYYY-MM-DD, after today: the case waits until the day after it. */
  promisedDate: string;
  /** Decimal text > 0; omitted: everything overdue. */
  amount?: string;
  note?: string;
}

export interface OpenDisputeRequest {
  actor: Actor;
  reason: string;
  amount?: string;
}

export enum DisputeOutcome {
  /** The claim does not hold: dunning resumes where it stopped. */
  REJECTED = 'REJECTED',
  /** The customer is right: the case closes (DISPUTED). */
  UPHELD = 'UPHELD',
}

export interface ResolveDisputeRequest {
  actor: Actor;
  outcome: DisputeOutcome;
  note: string;
}

/** Why a dunning workflow refused a message (the failure's `type`). */
export enum DunningRejection {
  WRONG_STATE = 'WRONG_STATE',
  INVALID_REQUEST = 'INVALID_REQUEST',
}

export const getDunningState = defineQuery<DunningState>('getDunningState');
export const promiseToPay = defineUpdate<DunningState, [PromiseToPayRequest]>('promiseToPay');
export const openDunningDispute = defineUpdate<DunningState, [OpenDisputeRequest]>('openDunningDispute');
export const resolveDunningDispute = defineUpdate<DunningState, [ResolveDisputeRequest]>(
  'resolveDunningDispute',
);
/** Something was paid or applied: look now instead of at the next level's day. */
export const paymentRecorded = defineSignal('paymentRecorded');

export interface DunningLetterRequest {
  caseId: string;
  customerId: string;
  cycle: string;
  level: number;
  tone: DunningTone;
  /** The day the letter is for (workflow time): its amounts are as of this day. */
  asOf: string;
}

/** The activities the dunning workflows call (activities/collections builds them). */
export interface DunningActivities {
  /** Opens (or finds) the case of customer + cycle; returns the levels already sent in it. */
  openDunningCase(input: {
    customerId: string;
    cycle: string;
  }): Promise<{ caseId: string; levelsSent: number[] }>;
  /** What is overdue at `asOf` (decimal text) and whether nothing is. */
  overdueOf(input: { customerId: string; asOf: string }): Promise<{ overdue: string; paid: boolean }>;
  /** The level's 催款函 through the mail/outbox path: once per customer + cycle + level, retries included. */
  /**
   * Sends the level's letter once. `paid`: nothing is overdue any more (a payment committed before
   * the letter), so nothing was sent and the case closes PAID. Optional for histories recorded
   * before it existed.
   */
  sendDunningLetter(
    input: DunningLetterRequest,
  ): Promise<{ sent: boolean; messageId: string; paid?: boolean }>;
  /** A manager's escalation task: once per case and key. */
  escalateDunning(input: {
    caseId: string;
    customerId: string;
    level: number;
    key: string;
    reason: string;
  }): Promise<{ taskId: string | null }>;
  setDunningCaseStatus(input: {
    caseId: string;
    status: DunningCaseStatus;
    closeReason?: DunningCloseReason;
    levelsSent: number[];
  }): Promise<void>;
  recordPromise(input: {
    caseId: string;
    customerId: string;
    actor: Actor;
    promisedDate: string;
    amount: string | null;
    note: string | null;
    asOf: string;
  }): Promise<{ promiseId: string }>;
  /** At the promised date: kept when the promised amount (or everything overdue) came in. */
  settlePromise(input: { promiseId: string; asOf: string }): Promise<{ kept: boolean; paid: boolean }>;
  recordDispute(input: {
    caseId: string;
    customerId: string;
    actor: Actor;
    reason: string;
    amount: string | null;
  }): Promise<{ disputeId: string }>;
  resolveDispute(input: {
    disputeId: string;
    actor: Actor;
    outcome: DisputeOutcome;
    note: string;
  }): Promise<void>;
  /** The daily fan-out: starts a case for every customer with something overdue (one page at a time). */
  startDunningBatch(input: {
    asOf: string;
    afterCustomerId: string | null;
  }): Promise<{ customers: number; started: number; lastCustomerId: string | null }>;
  /**
   * The daily fan-out, first: every open case's collection task gets the day's priority (days
   * overdue grow every day) and is due at the end of the day; closed cases' tasks are cancelled.
   */
  refreshCollectionTasks(input: {
    asOf: string;
  }): Promise<{ created: number; updated: number; cancelled: number }>;
}

export interface DunningFanOutInput {
  asOf?: string;
  afterCustomerId?: string | null;
}

export type DunningWorkflow = (input: DunningInput) => Promise<DunningOutcome>;
export type DunningFanOutWorkflow = (
  input?: DunningFanOutInput,
) => Promise<{ customers: number; started: number }>;
