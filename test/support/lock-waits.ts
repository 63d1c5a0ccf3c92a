import type { DataSource, QueryRunner } from 'typeorm';

/**
 * How many statements wait for a row lock: LOCK WAIT in INNODB_TRX (any connection: a waiter's
 * thread need not show this database), a locking read of this database still running, or a write
 * of this database running for more than 300 ms. MariaDB does not list every waiter as LOCK WAIT:
 * a lookup by primary key can wait in state "Statistics" (review-close-races, 774d453), and an
 * `INSERT IGNORE` held on a gap lock showed as state "Update" with no INNODB_TRX row of its own
 * (close-side-effects, every run).
 */
export async function lockWaiters(dataSource: DataSource): Promise<number> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT') +
            (SELECT COUNT(*) FROM information_schema.PROCESSLIST
              WHERE DB = DATABASE() AND COMMAND = 'Query' AND ID <> CONNECTION_ID()
                AND (INFO LIKE '%FOR UPDATE%'
                     OR (TIME_MS > 300 AND (INFO LIKE 'INSERT%' OR INFO LIKE 'UPDATE%' OR INFO LIKE 'DELETE%')))) AS n`,
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

/** Holds a row lock in a transaction of its own, as a slow concurrent writer would, until `release`. */
export async function holdLock(dataSource: DataSource, sql: string, params: unknown[]): Promise<QueryRunner> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(sql, params);
  return runner;
}

/** Lets go of what `holdLock` held. */
export async function releaseLock(runner: QueryRunner): Promise<void> {
  await runner.rollbackTransaction();
  await runner.release();
}
