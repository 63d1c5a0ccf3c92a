import type { DataSource, EntityManager } from 'typeorm';
import { sqlErrorCode } from './sql-error';

/**
 * Thrown inside a transaction that lost a race it can only see after writing (another transaction
 * committed the same unique key first): the transaction rolls back and runs again, and its reads then
 * see the winner's rows.
 */
export class RaceLost extends Error {
  constructor(what: string) {
    super(`lost a race: ${what}`);
  }
}

/** InnoDB's answers when concurrent transactions collide; running the transaction again resolves them. */
const RETRIABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_DUP_ENTRY']);

const isRetriable = (error: unknown): boolean => {
  if (error instanceof RaceLost) return true;
  return RETRIABLE.has(sqlErrorCode(error) ?? '');
};

/**
 * A transaction that is run again (a few times, after a short random pause) when it deadlocks or
 * loses a duplicate-key race. Only for work whose every write is inside the transaction: a retry
 * repeats all of it.
 */
export async function transactionRetryingRaces<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (attempt >= attempts || !isRetriable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
