import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Counters per key per time window, in the database so every API process shares them (the
 * `login_throttle` table: password guesses, short-link lookups). Keys are hashed: the table holds
 * no e-mail or address. Callers give each use its own key prefix.
 */

export const windowKeyHash = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Takes one from a key's window and answers how many the window has taken, this one included.
 * One statement, so concurrent takers (from any process) each get their own number; a window that
 * has passed starts again at 1. LAST_INSERT_ID(expr) hands this statement's count back on the same
 * connection.
 */
export async function takeFromWindow(
  dataSource: DataSource,
  keyHash: string,
  windowSeconds: number,
): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO login_throttle (key_hash, window_started_at, attempts)
       VALUES (?, UTC_TIMESTAMP(3), LAST_INSERT_ID(1))
       ON DUPLICATE KEY UPDATE
         attempts = LAST_INSERT_ID(IF(window_started_at <= UTC_TIMESTAMP(3) - INTERVAL ? SECOND, 1, attempts + 1)),
         window_started_at = IF(window_started_at <= UTC_TIMESTAMP(3) - INTERVAL ? SECOND, UTC_TIMESTAMP(3), window_started_at)`,
      [keyHash, windowSeconds, windowSeconds],
    );
    const [row] = (await manager.query('SELECT LAST_INSERT_ID() AS n')) as Array<{ n: string | number }>;
    return Number(row.n);
  });
}

/** Removes (some of) the windows that began more than `olderThanSeconds` ago: they count for nothing. */
export async function forgetWindowsBefore(dataSource: DataSource, olderThanSeconds: number): Promise<void> {
  await dataSource.query(
    'DELETE FROM login_throttle WHERE window_started_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND LIMIT 1000',
    [olderThanSeconds],
  );
}
