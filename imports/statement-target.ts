import type { Connection, RowDataPacket } from 'mysql2/promise';
import { PeriodCadence, PeriodStatus } from '../contract/enums';
import { daysInMonth } from '../formats/date';
import type { Period } from './line-checks';

/**
 * Which statement a file's lines belong to. A customer has one statement per period range (the one
 * its reconciliation period extracts): an import creates it, adds to it (a corrected rejects file),
 * or replaces it when told to. All SQL here runs on the import's transaction.
 */

/** How the period of a file was decided, for the answer to say. */
export type PeriodSource =
  /** Given (-p, --from/--to, periodStart/periodEnd). */
  | 'GIVEN'
  /** The customer's reconciliation period that holds every line. */
  | 'PERIOD'
  /** The calendar month (or quarter, for a quarterly customer) of the lines. */
  | 'CALENDAR';

export interface InferredPeriod extends Period {
  readonly source: PeriodSource;
}

/**
 * The period of lines dated first..last when none was given: the customer's reconciliation period
 * that holds them all, else the calendar month (quarter for a quarterly customer) that does; null
 * when the lines straddle (the caller asks for the period).
 */
export async function inferPeriod(
  conn: Connection,
  customerId: string,
  first: string,
  last: string,
): Promise<InferredPeriod | null> {
  const [periods] = await conn.query<RowDataPacket[]>(
    `SELECT DATE_FORMAT(period_start, '%Y-%m-%d') AS s, DATE_FORMAT(period_end, '%Y-%m-%d') AS e
       FROM reconciliation_periods WHERE customer_id = ? AND period_start <= ? AND period_end >= ?
      ORDER BY period_end - period_start LIMIT 1`,
    [customerId, first, last],
  );
  const period = periods[0];
  if (period) return { start: String(period.s), end: String(period.e), source: 'PERIOD' };
  const [customers] = await conn.query<RowDataPacket[]>('SELECT cadence FROM customers WHERE id = ?', [
    customerId,
  ]);
  const months = customers[0]?.cadence === PeriodCadence.QUARTERLY ? 3 : 1;
  const range = calendarRange(first, months);
  return last <= range.end ? { ...range, source: 'CALENDAR' } : null;
}

/** The month (or quarter, months = 3) holding `date`. */
export function calendarRange(date: string, months: 1 | 3): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startMonth = months === 3 ? month - ((month - 1) % 3) : month;
  const endMonth = startMonth + months - 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    start: `${year}-${pad(startMonth)}-01`,
    end: `${year}-${pad(endMonth)}-${pad(daysInMonth(year, endMonth))}`,
  };
}

/** The statement a period reconciles against: the one of its range that no later one replaced. */
export interface CurrentStatement {
  readonly id: string;
  readonly openingBalance: string;
  readonly closingBalance: string;
  readonly lineCount: number;
  /** Sum of its lines. */
  readonly total: string;
  readonly maxLineNo: number;
}

/** Locks and returns the current statement of the range (other than `except`), or null. */
export async function currentStatement(
  conn: Connection,
  customerId: string,
  period: Period,
  except: string,
): Promise<CurrentStatement | null> {
  // Locking the customer row serialises imports of one customer's statements: two files for the
  // same month at once cannot both find "no statement yet" and create two.
  await conn.query('SELECT id FROM customers WHERE id = ? FOR UPDATE', [customerId]);
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT s.id, CAST(s.opening_balance AS CHAR) AS opening, CAST(s.closing_balance AS CHAR) AS closing,
            s.line_count,
            (SELECT CAST(COALESCE(SUM(l.amount), 0) AS CHAR) FROM statement_lines l WHERE l.statement_id = s.id) AS total,
            (SELECT COALESCE(MAX(l.line_no), 0) FROM statement_lines l WHERE l.statement_id = s.id) AS max_line_no
       FROM customer_statements s
      WHERE s.customer_id = ? AND s.period_start = ? AND s.period_end = ? AND s.replaced_by_id IS NULL AND s.id <> ?
      ORDER BY s.id DESC LIMIT 1 FOR UPDATE`,
    [customerId, period.start, period.end, except],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: String(row.id),
    openingBalance: String(row.opening),
    closingBalance: String(row.closing),
    lineCount: Number(row.line_count),
    total: String(row.total),
    maxLineNo: Number(row.max_line_no),
  };
}

/** The reconciliation period of exactly this range, if one was opened. */
export async function periodOfRange(
  conn: Connection,
  customerId: string,
  period: Period,
): Promise<{ id: string; status: PeriodStatus } | null> {
  const [rows] = await conn.query<RowDataPacket[]>(
    'SELECT CAST(id AS CHAR) AS id, status FROM reconciliation_periods WHERE customer_id = ? AND period_start = ? AND period_end = ?',
    [customerId, period.start, period.end],
  );
  const row = rows[0];
  return row ? { id: String(row.id), status: row.status as PeriodStatus } : null;
}

/**
 * A closed reconciliation period whose range meets this one, read for share (a period closing now
 * waits for the import, or the import for the close), or null: a closed period's statement is never
 * changed, nor one of a range that overlaps it.
 */
export async function closedPeriodMeeting(
  conn: Connection,
  customerId: string,
  period: Period,
): Promise<{ id: string; workflowId: string; start: string; end: string } | null> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT CAST(id AS CHAR) AS id, workflow_id, DATE_FORMAT(period_start, '%Y-%m-%d') AS s,
            DATE_FORMAT(period_end, '%Y-%m-%d') AS e
       FROM reconciliation_periods
      WHERE customer_id = ? AND status = ? AND period_start <= ? AND period_end >= ?
      ORDER BY period_start LIMIT 1 LOCK IN SHARE MODE`,
    [customerId, PeriodStatus.CLOSED, period.end, period.start],
  );
  const row = rows[0];
  return row
    ? { id: String(row.id), workflowId: String(row.workflow_id), start: String(row.s), end: String(row.e) }
    : null;
}

/** Statuses in which the period has not read its statement yet: new lines are simply there when it does. */
export const NOT_YET_EXTRACTED: ReadonlySet<PeriodStatus> = new Set([
  PeriodStatus.OPEN,
  PeriodStatus.EXTRACTING,
]);

/**
 * Lines of the file that are already on the statement (same date, amount, document, reference,
 * description and kind): the rows, up to `limit`, and how many.
 */
export async function linesAlreadyOn(
  conn: Connection,
  statementId: string,
  loadedInto: string,
  limit = 10,
): Promise<{ count: number; rows: string[] }> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT n.external_id FROM statement_lines n
      WHERE n.statement_id = ? AND EXISTS (
        SELECT 1 FROM statement_lines o WHERE o.statement_id = ? AND o.txn_date = n.txn_date AND o.amount = n.amount
           AND o.doc_no <=> n.doc_no AND o.reference <=> n.reference AND o.description <=> n.description AND o.kind = n.kind)
      ORDER BY n.line_no`,
    [loadedInto, statementId],
  );
  return { count: rows.length, rows: rows.slice(0, limit).map((r) => String(r.external_id)) };
}

/** Ids the file's lines would share with lines already on the statement (the file's own id column). */
export async function clashingIds(
  conn: Connection,
  statementId: string,
  loadedInto: string,
): Promise<string[]> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT n.external_id FROM statement_lines n JOIN statement_lines o
         ON o.statement_id = ? AND o.external_id = n.external_id
      WHERE n.statement_id = ? AND n.external_id NOT REGEXP '^R[0-9]{8}$' LIMIT 5`,
    [statementId, loadedInto],
  );
  return rows.map((r) => String(r.external_id));
}

/**
 * Moves the lines loaded into the scratch statement `from` onto `into`, numbered after its lines.
 * Ids made from the file's rows (R00000012) only mean something inside one file, so they take the
 * import file's id as a prefix (F42-R00000012); ids from the file's own id column stay as they are.
 */
export async function moveLines(
  conn: Connection,
  from: string,
  into: string,
  afterLineNo: number,
  importFileId: string,
): Promise<void> {
  await conn.query(
    `UPDATE statement_lines
        SET statement_id = ?, line_no = line_no + ?,
            external_id = IF(external_id REGEXP '^R[0-9]{8}$', CONCAT('F', ?, '-', external_id), external_id)
      WHERE statement_id = ?`,
    [into, afterLineNo, importFileId, from],
  );
  await conn.query('DELETE FROM customer_statements WHERE id = ?', [from]);
}

/** Records that `replacement` replaced `statementId`: the period extracts the replacement from now on. */
export async function markReplaced(
  conn: Connection,
  statementId: string,
  replacement: string,
): Promise<void> {
  await conn.query('UPDATE customer_statements SET replaced_by_id = ? WHERE id = ?', [
    replacement,
    statementId,
  ]);
}

/** A statement's balances and line count after lines were added. */
export async function updateStatement(
  conn: Connection,
  statementId: string,
  values: { closingBalance: string; lineCount: number },
): Promise<void> {
  await conn.query('UPDATE customer_statements SET closing_balance = ?, line_count = ? WHERE id = ?', [
    values.closingBalance,
    values.lineCount,
    statementId,
  ]);
}
