import type { Connection, RowDataPacket } from 'mysql2/promise';
import { formatAmount } from '../formats/amount';
import { money } from '../money/decimal';
import type { Period } from './line-checks';

/** What came with a file imported before, to be compared with the statement its lines are on. */
export interface DuplicateRequest {
  readonly period: Period | null;
  readonly openingBalance: string | null;
  readonly closingBalance: string | null;
}

export interface StatementFacts {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly openingBalance: string;
  readonly closingBalance: string;
}

/**
 * Says what the options sent with a file already imported would change (#19 point 2): the same bytes
 * are "nothing to do", but a clerk who re-sent it with a corrected opening or period must hear that
 * it was not applied. Pure: one sentence per option that differs from the statement, none when all agree.
 */
export function duplicateDifferences(request: DuplicateRequest, statement: StatementFacts | null): string[] {
  if (!statement) return [];
  const found: string[] = [];
  const amount = (value: string) => formatAmount(value);
  if (
    request.period &&
    (request.period.start !== statement.periodStart || request.period.end !== statement.periodEnd)
  )
    found.push(
      `period ${request.period.start}..${request.period.end} given, the statement is of ${statement.periodStart}..${statement.periodEnd}`,
    );
  if (request.openingBalance !== null && !money(request.openingBalance).equals(statement.openingBalance))
    found.push(
      `opening ${amount(request.openingBalance)} given, the statement opens at ${amount(statement.openingBalance)}`,
    );
  if (request.closingBalance !== null && !money(request.closingBalance).equals(statement.closingBalance))
    found.push(
      `closing ${amount(request.closingBalance)} given, the statement closes at ${amount(statement.closingBalance)}`,
    );
  return found;
}

export async function statementFacts(
  conn: Connection,
  statementId: string | null,
): Promise<StatementFacts | null> {
  if (statementId === null) return null;
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT DATE_FORMAT(period_start, '%Y-%m-%d') AS start, DATE_FORMAT(period_end, '%Y-%m-%d') AS end,
            CAST(opening_balance AS CHAR) AS opening, CAST(closing_balance AS CHAR) AS closing
       FROM customer_statements WHERE id = ?`,
    [statementId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    periodStart: String(row.start),
    periodEnd: String(row.end),
    openingBalance: String(row.opening),
    closingBalance: String(row.closing),
  };
}
