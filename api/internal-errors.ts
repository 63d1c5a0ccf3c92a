import { randomUUID } from 'node:crypto';
import { createLogger } from '../observability/logger';

const log = createLogger('api');

/**
 * Logs an error no refusal explains (a bug, the database gone) with a fresh id, and returns the id
 * for the answer: the caller sees only "internal error" and the id, the operator finds the stack
 * under the same id in the log (with the request's id, when there is one).
 */
export function logInternalError(where: string, error: unknown): string {
  const errorId = randomUUID();
  log.error(`internal error ${errorId} in ${where}`, { errorId, where, error });
  return errorId;
}
