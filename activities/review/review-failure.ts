import { ApplicationFailure } from '@temporalio/common';
import { PeriodRejection } from '../../contract/period';
import { isBadValue } from '../../db/sql-error';

/** A refusal found in the data (unknown id, line already matched): not retried, nothing written. */
export function refuse(type: PeriodRejection, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/**
 * Runs a decision's transaction; a value the database refuses (too long for its column, no such
 * referenced row) is the request's fault and would be refused again on every retry, so it fails
 * at once as INVALID_REQUEST (rolled back, nothing written) instead of retrying behind a person
 * who waits for the answer. A lost connection or a deadlock is still thrown as it is, and retried.
 */
export async function refusingBadValues<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isBadValue(error))
      refuse(PeriodRejection.INVALID_REQUEST, `a value was refused: ${(error as Error).message}`);
    throw error;
  }
}
