import { randomUUID } from 'node:crypto';

/**
 * Logs an error no refusal explains (a bug, the database gone) with a fresh id, and returns the id
 * for the answer: the caller sees only "internal error" and the id, the operator finds the stack
 * under the same id in the log.
 */
export function logInternalError(where: string, error: unknown): string {
  const errorId = randomUUID();
  console.error(`internal error ${errorId} in ${where}:`, error);
  return errorId;
}
