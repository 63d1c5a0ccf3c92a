import type { EntityManager } from 'typeorm';
import type { Customer } from '../../entities/customer.entity';
import type { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Money } from '../../money/decimal';
import { inScopeCondition, periodScope } from '../period-scope';

/** One side's line as the engine sees it: plain strings, amounts as exact decimal text. */
export interface EngineLine {
  id: string;
  date: string;
  docNo?: string;
  reference?: string;
  description?: string;
  kind: string;
  amount: string;
  currency: string;
}

export interface EngineInputData {
  ours: EngineLine[];
  theirs: EngineLine[];
  period: { start: string; end: string };
  ourOpening: string;
  ourClosing: string;
  theirOpening: string;
  theirClosing: string;
  currency: string;
  ruleSettings: Record<string, unknown> | null;
}

type Row = {
  id: string;
  date: string;
  doc_no: string | null;
  reference: string | null;
  description: string | null;
  kind: string;
  amount: string;
  currency: string;
};

const toLine = (row: Row): EngineLine => ({
  id: row.id,
  date: row.date,
  ...(row.doc_no ? { docNo: row.doc_no } : {}),
  ...(row.reference ? { reference: row.reference } : {}),
  ...(row.description ? { description: row.description } : {}),
  kind: row.kind,
  // CAST to CHAR keeps DECIMAL exact; trailing zeros are harmless to the engine.
  amount: row.amount,
  currency: row.currency,
});

/**
 * Reads both sides of a period with plain SQL (no entity hydration: a period can hold hundreds of
 * thousands of lines). A period without a statement matches against an empty customer side.
 */
export async function loadEngineInput(
  manager: EntityManager,
  period: ReconciliationPeriod,
  customer: Customer,
): Promise<EngineInputData> {
  const inScope = inScopeCondition(await periodScope(manager, period));
  const ours = (await manager.query(
    `SELECT CAST(id AS CHAR) AS id, DATE_FORMAT(entry_date, '%Y-%m-%d') AS date, doc_no, reference, description,
            kind, CAST(amount AS CHAR) AS amount, currency
       FROM ledger_entries
      WHERE customer_id = ? AND ${inScope.sql}
      ORDER BY id`,
    [period.customerId, ...inScope.params],
  )) as Row[];
  const theirs = period.statementId
    ? ((await manager.query(
        `SELECT CAST(id AS CHAR) AS id, DATE_FORMAT(txn_date, '%Y-%m-%d') AS date, doc_no, reference, description,
                kind, CAST(amount AS CHAR) AS amount, currency
           FROM statement_lines
          WHERE statement_id = ?
          ORDER BY line_no, id`,
        [period.statementId],
      )) as Row[])
    : [];
  const zero = new Money(0);
  return {
    ours: ours.map(toLine),
    theirs: theirs.map(toLine),
    period: { start: period.periodStart, end: period.periodEnd },
    ourOpening: (period.ourOpeningBalance ?? zero).toFixed(),
    ourClosing: (period.ourClosingBalance ?? zero).toFixed(),
    theirOpening: (period.theirOpeningBalance ?? zero).toFixed(),
    theirClosing: (period.theirClosingBalance ?? zero).toFixed(),
    currency: period.currency,
    ruleSettings: customer.ruleSettings,
  };
}
