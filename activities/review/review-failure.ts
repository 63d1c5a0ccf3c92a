import { ApplicationFailure } from '@temporalio/common';
import type { PeriodRejection } from '../../contract/period';

/** A refusal found in the data (unknown id, line already matched): not retried, nothing written. */
export function refuse(type: PeriodRejection, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}
