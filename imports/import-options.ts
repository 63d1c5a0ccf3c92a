import type { Connection, Pool, PoolConnection } from 'mysql2/promise';
import { InvalidAmountError, money } from '../money/decimal';
import { ImportErrorCode, ImportFileError } from './errors';
import type { Period } from './line-checks';

/** Checks of what a caller passes to an import: mistakes here are the caller's, so they throw. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkPeriod(start: string | undefined, end: string | undefined): Period | null {
  if (start === undefined && end === undefined) return null;
  const valid = (d: string | undefined): d is string => {
    if (d === undefined || !ISO_DATE.test(d)) return false;
    const time = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
  };
  if (!valid(start) || !valid(end) || start > end) {
    throw new ImportFileError(
      ImportErrorCode.INVALID_OPTIONS,
      `the period needs periodStart <= periodEnd, both YYYY-MM-DD (got ${start} .. ${end})`,
    );
  }
  return { start, end };
}

/** Exact decimal text of an amount option. */
export function checkAmount(name: string, value: string): string {
  try {
    return money(value).toFixed();
  } catch (error) {
    if (error instanceof InvalidAmountError) {
      throw new ImportFileError(
        ImportErrorCode.INVALID_OPTIONS,
        `${name} ${JSON.stringify(value)} is not an amount`,
      );
    }
    throw error;
  }
}

export function checkCustomerId(customerId: number): void {
  if (!Number.isSafeInteger(customerId) || customerId <= 0) {
    throw new ImportFileError(ImportErrorCode.INVALID_OPTIONS, `bad customer id ${customerId}`);
  }
}

/** A transaction needs one connection: taken from a pool for the duration, or the one given. */
export async function withConnection<T>(
  db: Connection | Pool,
  work: (conn: Connection) => Promise<T>,
): Promise<T> {
  if (typeof (db as Partial<Pool>).getConnection !== 'function') return work(db);
  const conn: PoolConnection = await (db as Pool).getConnection();
  try {
    return await work(conn);
  } finally {
    conn.release();
  }
}
