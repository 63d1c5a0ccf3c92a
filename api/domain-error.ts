import { CreditError } from '../credit/credit-error';
import { CustomerError } from '../customers/customer-error';
import { TaskError } from '../tasks/task-error';
import { UserError } from '../users/user-error';
import { WebhookError } from '../webhooks/webhook-error';
import { ApiError, ApiErrorCode, toApiError } from './api-error';

type DomainError = CreditError | CustomerError | TaskError | UserError | WebhookError;

const isDomainError = (error: unknown): error is DomainError =>
  error instanceof CreditError ||
  error instanceof CustomerError ||
  error instanceof TaskError ||
  error instanceof UserError ||
  error instanceof WebhookError;

/**
 * Runs a service call and turns the domain modules' errors (whose codes are API codes by design)
 * into API errors; everything else goes through the shared mapping, so SQL never leaks.
 */
export async function viaService<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDomainError(error)) {
      const problems = 'problems' in error && error.problems.length ? { problems: error.problems } : {};
      throw new ApiError(error.code as unknown as ApiErrorCode, error.message, problems);
    }
    throw toApiError(error);
  }
}

export { ApiErrorCode };
