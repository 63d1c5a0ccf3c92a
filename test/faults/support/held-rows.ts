import { ADJUSTMENT_SOURCE } from '../../../activities/review/adjustments';
import type { DataSource } from 'typeorm';

/**
 * Locks what `sql` touches (a row read FOR UPDATE, a key inserted) in a transaction of the test's
 * own, so that a step of Recon's that must write it waits inside its transaction, half done. The
 * returned function lets go (rolls back); a killed database server lets go by itself.
 */
export async function holdRows(
  dataSource: DataSource,
  sql: string,
  params: unknown[],
): Promise<() => Promise<void>> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(sql, params);
  return async () => {
    await runner.rollbackTransaction();
    await runner.release();
  };
}

/**
 * The statement of another connection to `database` that waits for a held lock: InnoDB lists a
 * waiting transaction as LOCK WAIT, but MariaDB shows a primary-key lookup that waits for its row
 * while the optimizer reads it (state "Statistics") only in the process list, so a statement seen
 * there unchanged 300 ms apart counts as waiting too.
 */
export async function waitingStatement(
  dataSource: DataSource,
  database: string,
): Promise<string | undefined> {
  const [waiting] = (await dataSource.query(
    `SELECT t.trx_query AS query FROM information_schema.innodb_trx t
       JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
      WHERE p.db = ? AND t.trx_state = 'LOCK WAIT'`,
    [database],
  )) as Array<{ query: string | null }>;
  if (waiting?.query) return waiting.query;
  const busy = async () =>
    (await dataSource.query(
      `SELECT id, info FROM information_schema.processlist
        WHERE db = ? AND command = 'Query' AND id <> CONNECTION_ID() AND info IS NOT NULL`,
      [database],
    )) as Array<{ id: string; info: string }>;
  const first = await busy();
  if (!first.length) return undefined;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const still = await busy();
  return first.find((row) => still.some((again) => again.id === row.id && again.info === row.info))?.info;
}

/** Holds the ledger key an adjustment's posting inserts: the posting waits, after its lock on the adjustment. */
export const holdAdjustmentEntry = (dataSource: DataSource, adjustmentId: string, customerId: string) =>
  holdRows(
    dataSource,
    `INSERT INTO ledger_entries (source, external_id, customer_id, entry_date, kind, amount, currency)
     VALUES (?, ?, ?, '2026-10-31', 'ADJUSTMENT', 0, 'CNY')`,
    [ADJUSTMENT_SOURCE, `adjustment-${adjustmentId}`, customerId],
  );
