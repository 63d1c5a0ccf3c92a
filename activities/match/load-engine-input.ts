import type { EntityManager } from 'typeorm';
import type { Customer } from '../../entities/customer.entity';
import type { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import type { MatchLine, ReconcileInput } from '../../matching';
import { Money } from '../../money/decimal';
import { inScopeCondition, periodScope, type PeriodScope } from '../../periods/period-scope';

/**
 * The engine's input as loaded: its lines and balances in the engine's own types (matching/types.ts),
 * with the currency and the customer's stored rule settings, which run-engine reads into rules.
 */
export interface EngineInputData extends Omit<ReconcileInput, 'rules' | 'rejected'> {
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

const toLine = (row: Row): MatchLine => ({
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

const PAGE = 20_000;

/** Reads rows in id order, a page at a time (keyset, not OFFSET), reporting progress after each page. */
async function readInPages(
  manager: EntityManager,
  sql: string,
  params: unknown[],
  progress: (rowsRead: number) => void,
): Promise<Row[]> {
  const rows: Row[] = [];
  let afterId = '0';
  for (;;) {
    const page = (await manager.query(`${sql} AND id > ? ORDER BY id LIMIT ${PAGE}`, [
      ...params,
      afterId,
    ])) as Row[];
    rows.push(...page);
    progress(rows.length);
    if (page.length < PAGE) return rows;
    afterId = page[page.length - 1].id;
  }
}

/**
 * Reads both sides of a period with plain SQL (no entity hydration: a period can hold hundreds of
 * thousands of lines), in pages, calling `progress` after each (the activity heartbeats there).
 * A period without a statement matches against an empty customer side.
 */
export async function loadEngineInput(
  manager: EntityManager,
  period: ReconciliationPeriod,
  customer: Customer,
  progress: (rowsRead: number) => void = () => undefined,
  /** The period's scope when the caller has it (extraction read it in the same transaction). */
  scope?: PeriodScope,
): Promise<EngineInputData> {
  const inScope = inScopeCondition(scope ?? (await periodScope(manager, period)));
  const ours = await readInPages(
    manager,
    `SELECT CAST(id AS CHAR) AS id, DATE_FORMAT(entry_date, '%Y-%m-%d') AS date, doc_no, reference, description,
            kind, CAST(amount AS CHAR) AS amount, currency
       FROM ledger_entries
      WHERE customer_id = ? AND ${inScope.sql}`,
    [period.customerId, ...inScope.params],
    progress,
  );
  const theirs = period.statementId
    ? await readInPages(
        manager,
        `SELECT CAST(id AS CHAR) AS id, DATE_FORMAT(txn_date, '%Y-%m-%d') AS date, doc_no, reference, description,
                kind, CAST(amount AS CHAR) AS amount, currency
           FROM statement_lines
          WHERE statement_id = ?`,
        [period.statementId],
        (read) => progress(ours.length + read),
      )
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
