// The score's ledger measures for every customer in one pass: the ledger streamed once in
// (customer, date, id) order, each customer's entries measured (credit/fifo-clearing.ts) as soon as
// the next customer's begin, so memory holds one customer at a time.
import type { Pool, PoolConnection } from 'mysql2';
import type { DataSource } from 'typeorm';
import type { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';
import {
  measureLedger,
  parseAmount,
  type LedgerMeasures,
  type LedgerPoint,
  type TermsRange,
} from './fifo-clearing';

/** Entries in the customer's own currency up to the as-of day, as day numbers and exact amounts. */
const LEDGER_SQL = `
SELECT STRAIGHT_JOIN le.customer_id, TO_DAYS(le.entry_date) AS d, TO_DAYS(LAST_DAY(le.entry_date)) AS m, le.amount
  FROM ledger_entries le FORCE INDEX (ix_ledger_customer_date)
  JOIN customers c ON c.id = le.customer_id AND c.currency = le.currency
 WHERE le.entry_date <= ?
 ORDER BY le.customer_id, le.entry_date, le.id`;

/** MySQL's TO_DAYS of a YYYY-MM-DD date. */
export function toDays(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000 + 719_528;
}

function connectionOf(dataSource: DataSource): Promise<PoolConnection> {
  const pool = (dataSource.driver as MysqlDriver).pool as Pool;
  return new Promise((resolve, reject) =>
    pool.getConnection((error, connection) => (error ? reject(error) : resolve(connection))),
  );
}

export async function measureAllLedgers(
  dataSource: DataSource,
  asOf: string,
  terms: ReadonlyMap<string, TermsRange[]>,
  window: { windowDays: number; trendDays: number; defaultNetDays: number },
): Promise<Map<string, LedgerMeasures>> {
  const w = { ...window, asOfDay: toDays(asOf) };
  const result = new Map<string, LedgerMeasures>();
  let current: string | null = null;
  let entries: LedgerPoint[] = [];
  const flush = () => {
    if (current !== null) result.set(current, measureLedger(entries, terms.get(current) ?? [], w));
    entries = [];
  };
  const connection = await connectionOf(dataSource);
  try {
    const rows = connection
      .query({ sql: LEDGER_SQL, values: [asOf], rowsAsArray: true })
      .stream({ highWaterMark: 2048 }) as AsyncIterable<[string, number, number, string]>;
    for await (const [customerId, day, monthEndDay, amount] of rows) {
      const id = String(customerId);
      if (id !== current) {
        flush();
        current = id;
      }
      entries.push({
        day: Number(day),
        monthEndDay: Number(monthEndDay),
        amount: parseAmount(String(amount)),
      });
    }
    flush();
  } finally {
    connection.release();
  }
  return result;
}
