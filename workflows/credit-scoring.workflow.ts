import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { PeriodActivities } from '../activities';
import type {
  CreditScoringInput,
  CreditScoringResult,
  CreditScoringWorkflow,
} from '../contract/credit/scoring';

const { scoreCustomers } = proxyActivities<PeriodActivities>({
  startToCloseTimeout: '1 hour',
  retry: { initialInterval: '1 minute', maximumInterval: '10 minutes', maximumAttempts: 5 },
});

/**
 * The nightly credit scoring: every active customer's score, class and suggested limit as of the
 * day the run started (UTC), in one set-based activity (credit/scoring-sql.ts).
 */
export const creditScoringWorkflow: CreditScoringWorkflow = async function creditScoringWorkflow(
  input: CreditScoringInput = {},
): Promise<CreditScoringResult> {
  const asOf = input.asOf ?? workflowInfo().startTime.toISOString().slice(0, 10);
  return scoreCustomers({ asOf });
};
