import { ApplicationFailure } from '@temporalio/common';
import type { PeriodActivities } from '../../activities';
import { stubDunningActivities } from './stub-dunning-activities';
import { DEFAULT_PERIOD_SETTINGS, type MatchSummary, type PeriodSettings } from '../../contract/period';

/** Every activity, with the period workflow's own argument and result types, but no I/O. */
type Stubs = {
  [K in keyof PeriodActivities]: (
    ...args: Parameters<PeriodActivities[K]>
  ) => Promise<Awaited<ReturnType<PeriodActivities[K]>>>;
};

export interface ActivityCall {
  name: keyof PeriodActivities;
  input: unknown;
}

export interface PeriodScript {
  /** What each match run finds, in order; the last one repeats. */
  matches: Array<Partial<MatchSummary>>;
  /** Lines on both sides: above LOCAL_MATCH_LINES the period is matched in a regular activity. */
  lines?: number;
  settings?: Partial<PeriodSettings>;
  /** The customers the fan-out finds, as pages of ids. */
  customerPages?: string[][];
  /** The scheduled backup fails with this message (non-retryable). */
  backupFails?: string;
  /** The first this many adjustment decisions are refused by the data (NOT_FOUND, non-retryable). */
  refusedDecisions?: number;
  /** The first this many adjustment decisions fail as a lost connection would (retryable). */
  failedDecisions?: number;
  /** Posting an adjustment waits for this (to look at the workflow while it posts). */
  postingHeld?: Promise<void>;
  /** Writing the review's tasks waits for this (to act while the review is opening). */
  reviewTasksHeld?: Promise<void>;
}

/** A tied, clean match unless the script says otherwise. */
export const CLEAN: Partial<MatchSummary> = { differences: 0, openDifferences: 0, tied: true };
export const DIFFERENT: Partial<MatchSummary> = { differences: 1, openDifferences: 1, tied: true };

/**
 * Stub activities for workflow tests in the samples' style: they answer what `script` says and
 * record every call, so a test sees the workflow's decisions without MariaDB.
 */
export function stubActivities(script: PeriodScript) {
  const calls: ActivityCall[] = [];
  const record = <K extends keyof PeriodActivities>(name: K, input: unknown) => calls.push({ name, input });
  let runs = 0;
  const matchOf = (matchRun: number): MatchSummary => {
    const found = script.matches[Math.min(runs, script.matches.length - 1)] ?? CLEAN;
    runs += 1;
    return {
      matchRun,
      groups: 3,
      autoApplied: 3,
      suggestions: 0,
      differences: 0,
      openDifferences: 0,
      tied: true,
      unexplained: '0',
      ...found,
    };
  };
  const lines = script.lines ?? 6;
  const extracted = (statementId = '1') => ({
    ledgerEntries: lines / 2,
    statementLines: lines / 2,
    statementId,
    settings: { ...DEFAULT_PERIOD_SETTINGS, ...script.settings },
  });
  let adjustments = 0;
  let customerPage = 0;

  const activities: Stubs = {
    async extractPeriod(input) {
      record('extractPeriod', input);
      return extracted();
    },
    async matchPeriod(input) {
      record('matchPeriod', input);
      return matchOf(input.matchRun);
    },
    async extractAndMatch(input) {
      record('extractAndMatch', input);
      const small = lines <= 5_000;
      return { extracted: extracted(), match: small ? matchOf(input.matchRun) : null };
    },
    async recordPeriodStatus(input) {
      record('recordPeriodStatus', input);
    },
    async createReviewTasks(input) {
      record('createReviewTasks', input);
      await script.reviewTasksHeld;
      return { created: 1 };
    },
    async decideSuggestion(input) {
      record('decideSuggestion', input);
      if (input.groupId === 'missing')
        throw ApplicationFailure.create({ type: 'NOT_FOUND', message: 'no group', nonRetryable: true });
      return input.groupId;
    },
    async matchManually(input) {
      record('matchManually', input);
      return 'group-manual';
    },
    async unmatchGroup(input) {
      record('unmatchGroup', input);
      return input.groupId;
    },
    async markTiming(input) {
      record('markTiming', input);
      return input.differenceId;
    },
    async askCustomer(input) {
      record('askCustomer', input);
      return input.differenceId;
    },
    async proposeAdjustment(input) {
      record('proposeAdjustment', input);
      adjustments += 1;
      return { id: `adj-${adjustments}`, amount: input.amount };
    },
    async decideAdjustment(input) {
      record('decideAdjustment', input);
      if (calls.filter((call) => call.name === 'decideAdjustment').length <= (script.failedDecisions ?? 0))
        throw new Error('Connection lost: The server closed the connection.');
      if (calls.filter((call) => call.name === 'decideAdjustment').length <= (script.refusedDecisions ?? 0))
        throw ApplicationFailure.create({ type: 'NOT_FOUND', message: 'no adjustment', nonRetryable: true });
      return input.adjustmentId;
    },
    async withdrawAdjustment(input) {
      record('withdrawAdjustment', input);
      return input.adjustmentId;
    },
    async postAdjustment(input) {
      record('postAdjustment', input);
      await script.postingHeld;
      return `entry-${input.adjustmentId}`;
    },
    async sendStatement(input) {
      record('sendStatement', input);
      return { confirmationId: `confirmation-${input.round}`, sent: true };
    },
    async sendReminder(input) {
      record('sendReminder', input);
    },
    async escalateConfirmation(input) {
      record('escalateConfirmation', input);
    },
    async recordCustomerAnswer(input) {
      record('recordCustomerAnswer', input);
    },
    async closePeriod(input) {
      record('closePeriod', input);
    },
    async confirmAndClose(input) {
      record('confirmAndClose', input);
    },
    async openPeriodsBatch(input) {
      record('openPeriodsBatch', input);
      const pages = script.customerPages ?? [];
      const page = pages[customerPage] ?? [];
      customerPage += 1;
      const last = customerPage < pages.length ? page[page.length - 1] : null;
      return { customers: page.length, opened: page.length, lastCustomerId: last ?? null };
    },
    async runScheduledBackup(input) {
      record('runScheduledBackup', input);
      if (script.backupFails)
        throw ApplicationFailure.create({
          type: 'BACKUP_REFUSED',
          message: script.backupFails,
          nonRetryable: true,
        });
      return { name: 'recon-20261101T013000Z', tables: 3, rows: 10, removed: [] };
    },
    async reportBackupFailure(input) {
      record('reportBackupFailure', input);
    },
    async scoreCustomers(input) {
      record('scoreCustomers', input);
      return {
        asOf: input.asOf,
        customers: 2,
        byClass: { A: 1, B: 1, C: 0, D: 0 },
        measureMs: 1,
        writeMs: 1,
      };
    },
    // The dunning workflows have their own stubs (stub-dunning-activities.ts); here they only fill the type.
    ...stubDunningActivities({ paid: true }).activities,
  };

  return {
    activities,
    calls,
    /** The names of the activities called, in order. */
    names: () => calls.map((call) => call.name),
    /** The inputs of every call of one activity. */
    inputsOf: <K extends keyof PeriodActivities>(name: K) =>
      calls
        .filter((call) => call.name === name)
        .map((call) => call.input as Parameters<PeriodActivities[K]>[0]),
  };
}
