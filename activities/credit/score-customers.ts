import { ApplicationFailure } from '@temporalio/activity';
import type { CreditScoringResult } from '../../contract/credit/scoring';
import { scoreAllCustomers } from '../../credit/scoring.service';
import { isIsoDate } from '../../formats/date';
import type { ActivityDeps } from '../activity-deps';

/** Scores every active customer as of a day; a retry replaces that day's scores (idempotent). */
export function createScoreCustomers(deps: ActivityDeps) {
  return async function scoreCustomers(input: { asOf: string }): Promise<CreditScoringResult> {
    if (!isIsoDate(input.asOf))
      throw ApplicationFailure.nonRetryable(`asOf: a date YYYY-MM-DD, got ${input.asOf}`, 'INVALID_REQUEST');
    return scoreAllCustomers(deps.dataSource, input.asOf);
  };
}
