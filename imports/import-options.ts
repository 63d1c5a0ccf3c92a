import { quotedExcerpt } from '../common/quoted-excerpt';
import { isCanonicalId } from '../contract/ids';
import type { Connection, Pool, PoolConnection } from 'mysql2/promise';
import { ImportErrorCode, ImportFileError } from './errors';
import type { Period } from './line-checks';
import { parseAmount } from '../formats/amount';
import { isIsoDate } from '../formats/date';

/** Checks of what a caller passes to an import: mistakes here are the caller's, so they throw. */

export function checkPeriod(start: string | undefined, end: string | undefined): Period | null {
  if (start === undefined && end === undefined) return null;
  if (!isIsoDate(start) || !isIsoDate(end) || start > end) {
    throw new ImportFileError(
      ImportErrorCode.INVALID_OPTIONS,
      `the period needs periodStart <= periodEnd, both YYYY-MM-DD (got ${start} .. ${end})`,
    );
  }
  return { start, end };
}

/** Exact decimal text of an amount option, read as the file's amounts are ("10,000.00", "(500)"). */
export function checkAmount(name: string, value: string): string {
  const parsed = parseAmount(value);
  if (parsed.ok) return parsed.value;
  throw new ImportFileError(
    ImportErrorCode.INVALID_OPTIONS,
    `${name} ${quotedExcerpt(value)} is not an amount: ${parsed.reason}`,
  );
}

export function checkCustomerId(customerId: string): void {
  if (!isCanonicalId(customerId)) {
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
