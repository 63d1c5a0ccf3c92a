import type { DataSource } from 'typeorm';

/**
 * How many statements of this database wait for a row lock: shown as LOCK WAIT in INNODB_TRX, or
 * as a locking read still running. MariaDB can take a row's lock while it plans a lookup by
 * primary key (state "Statistics"), and such a waiter is not listed as LOCK WAIT: a test waiting on
 * LOCK WAIT alone failed in about half its runs (review-close-races, 774d453).
 */
export async function lockWaiters(dataSource: DataSource): Promise<number> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT COUNT(*) FROM information_schema.INNODB_TRX t
               JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
              WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()) +
            (SELECT COUNT(*) FROM information_schema.PROCESSLIST
              WHERE DB = DATABASE() AND COMMAND = 'Query' AND ID <> CONNECTION_ID()
                AND INFO LIKE '%FOR UPDATE%') AS n`,
  )) as Array<{ n: string }>;
  return Number(row.n);
}

/**
 * Waits until some statement of this database waits for a row lock (the writer a test holds back
 * has reached it). False when `timeoutMs` passes first, or when `unless` says there is nothing to
 * wait for any more (the statement finished without waiting).
 */
export async function someoneWaits(
  dataSource: DataSource,
  { timeoutMs = 20_000, unless }: { timeoutMs?: number; unless?: () => boolean | Promise<boolean> } = {},
): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs;) {
    if ((await lockWaiters(dataSource)) > 0) return true;
    if (unless && (await unless())) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
