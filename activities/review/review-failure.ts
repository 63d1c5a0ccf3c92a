import { ApplicationFailure } from '@temporalio/common';
import type { PeriodRejection } from '../../workflows/period.messages';

/** A refusal found in the data (unknown id, line already matched): not retried, nothing written. */
export function refuse(type: PeriodRejection, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}
