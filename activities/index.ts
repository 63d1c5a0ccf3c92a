import type { ActivityDeps } from './activity-deps';
import { createReportBackupFailure, createRunScheduledBackup } from './backup/scheduled-backup';
import { createDunningActivities } from './collections/dunning';
import { createScoreCustomers } from './credit/score-customers';
import { createClosePeriod } from './close-period';
import { createEscalateConfirmation, createSendReminder } from './confirmation-reminders';
import { createConfirmAndClose } from './confirm-and-close';
import { createCreateReviewTasks } from './create-review-tasks';
import { createExtractAndMatch } from './extract-and-match';
import { createExtractPeriod } from './extract-period';
import { createMatchPeriod } from './match-period';
import { createOpenPeriodsBatch } from './open-periods-batch';
import { createRecordCustomerAnswer } from './record-customer-answer';
import { createRecordPeriodStatus } from './record-period-status';
import {
  createDecideAdjustment,
  createPostAdjustment,
  createWithdrawAdjustment,
  createProposeAdjustment,
} from './review/adjustments';
import { createAskCustomer, createMarkTiming } from './review/difference-decisions';
import { createMatchManually, createUnmatchGroup } from './review/manual-match';
import { createDecideSuggestion } from './review/suggestion-decisions';
import { createSendStatement } from './send-statement';

export type { ActivityDeps, BackupSettings } from './activity-deps';

/** Every activity of the period workflow, bound to its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    extractPeriod: createExtractPeriod(deps),
    matchPeriod: createMatchPeriod(deps),
    extractAndMatch: createExtractAndMatch(deps),
    recordPeriodStatus: createRecordPeriodStatus(deps),
    createReviewTasks: createCreateReviewTasks(deps),
    decideSuggestion: createDecideSuggestion(deps),
    matchManually: createMatchManually(deps),
    unmatchGroup: createUnmatchGroup(deps),
    markTiming: createMarkTiming(deps),
    askCustomer: createAskCustomer(deps),
    proposeAdjustment: createProposeAdjustment(deps),
    decideAdjustment: createDecideAdjustment(deps),
    postAdjustment: createPostAdjustment(deps),
    withdrawAdjustment: createWithdrawAdjustment(deps),
    sendStatement: createSendStatement(deps),
    sendReminder: createSendReminder(deps),
    escalateConfirmation: createEscalateConfirmation(deps),
    recordCustomerAnswer: createRecordCustomerAnswer(deps),
    closePeriod: createClosePeriod(deps),
    confirmAndClose: createConfirmAndClose(deps),
    openPeriodsBatch: createOpenPeriodsBatch(deps),
    runScheduledBackup: createRunScheduledBackup(deps),
    reportBackupFailure: createReportBackupFailure(deps),
    scoreCustomers: createScoreCustomers(deps),
    ...createDunningActivities(deps),
  };
}

export type PeriodActivities = ReturnType<typeof createActivities>;
