import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/**
 * Runs an activity for an Update handler. A refusal the activity found in the data (NOT_FOUND,
 * WRONG_STATE…) fails the Update with that same typed failure, as a validator's would; its
 * transaction rolled back, so nothing was written.
 */
export async function refusable<T>(activity: Promise<T>): Promise<T> {
  try {
    return await activity;
  } catch (error) {
    if (
      error instanceof ActivityFailure &&
      error.cause instanceof ApplicationFailure &&
      error.cause.nonRetryable
    ) {
      throw ApplicationFailure.create({
        type: error.cause.type ?? undefined,
        message: error.cause.message,
        nonRetryable: true,
      });
    }
    throw error;
  }
}
