import type { ActivityDeps } from './activity-deps';
import { createClosePeriod } from './close-period';
import { createCreateReviewTasks } from './create-review-tasks';
import { createExtractPeriod } from './extract-period';
import { createMatchPeriod } from './match-period';
import { createRecordCustomerAnswer } from './record-customer-answer';
import { createRecordPeriodStatus } from './record-period-status';
import { createSendStatement } from './send-statement';

export type { ActivityDeps } from './activity-deps';

/** Every activity of the period workflow, bound to its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    extractPeriod: createExtractPeriod(deps),
    matchPeriod: createMatchPeriod(deps),
    recordPeriodStatus: createRecordPeriodStatus(deps),
    createReviewTasks: createCreateReviewTasks(deps),
    sendStatement: createSendStatement(deps),
    recordCustomerAnswer: createRecordCustomerAnswer(deps),
    closePeriod: createClosePeriod(deps),
  };
}

export type PeriodActivities = ReturnType<typeof createActivities>;
