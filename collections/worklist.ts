// The collector's worklist: open dunning cases, most urgent first (worklist-order.ts), read when asked.
import type { DataSource } from 'typeorm';
import type { DunningCaseStatus, RiskClass } from '../contract/credit/enums';
import { DunningCaseStatus as Status } from '../contract/credit/enums';
import { riskClassesOf } from '../credit/risk-class';
import { badInput } from '../credit/credit-error';
import { isIsoDate } from '../formats/date';
import { fromUnits } from '../formats/amount';
import { overdueOfCustomers } from './overdue';
import { orderWorklist, worklistPriority } from './worklist-order';

export const MAX_WORKLIST = 500;

export interface WorklistEntry {
  caseId: string;
  customerId: string;
  customerCode: string;
  customerName: string;
  cycle: string;
  status: DunningCaseStatus;
  currency: string;
  overdue: string;
  daysOverdue: number;
  riskClass: RiskClass;
  /** Amount overdue × days × risk weight (units of 1/10,000 × days × weight), as decimal text. */
  priority: string;
  /** The last level whose letter went out (0: none yet). */
  lastLevel: number;
  /** Handed to a manager (final level, or a promise broken after it). */
  escalated: boolean;
}

/**
 * Every dunning case not closed, with what is overdue at `asOf`, ordered by amount overdue × days ×
 * risk class. A separate read, not rows of the task queue: its order changes every day with the
 * amounts and days, which a stored task's due date and priority could not follow (docs/collections.md).
 */
export async function collectorWorklist(
  dataSource: DataSource,
  input: { asOf: string; first: number; escalatedOnly?: boolean },
): Promise<WorklistEntry[]> {
  if (!isIsoDate(input.asOf)) throw badInput('asOf', 'a date YYYY-MM-DD');
  if (!Number.isInteger(input.first) || input.first < 1 || input.first > MAX_WORKLIST)
    throw badInput('first', `from 1 to ${MAX_WORKLIST}`);
  const cases = (await dataSource.query(
    `SELECT CAST(d.id AS CHAR) AS case_id, CAST(c.id AS CHAR) AS id, c.code, c.name, c.currency,
            DATE_FORMAT(d.cycle, '%Y-%m-%d') AS cycle, d.status, d.escalated_at IS NOT NULL AS escalated,
            (SELECT COALESCE(MAX(l.level), 0) FROM dunning_letters l
              WHERE l.case_id = d.id AND l.status = 'SENT') AS last_level
       FROM dunning_cases d JOIN customers c ON c.id = d.customer_id
      WHERE d.status <> ? ${input.escalatedOnly ? 'AND d.escalated_at IS NOT NULL' : ''}`,
    [Status.CLOSED],
  )) as Array<{
    case_id: string;
    id: string;
    code: string;
    name: string;
    currency: string;
    cycle: string;
    status: DunningCaseStatus;
    escalated: number | string;
    last_level: number | string;
  }>;
  if (cases.length === 0) return [];
  const [overdue, risk] = await Promise.all([
    overdueOfCustomers(dataSource, cases, input.asOf),
    riskClassesOf(
      dataSource,
      cases.map((c) => c.id),
    ),
  ]);
  const candidates = cases.map((c) => {
    const owed = overdue.get(c.id)!;
    return {
      caseId: c.case_id,
      customerId: c.id,
      customerCode: c.code,
      customerName: c.name,
      cycle: c.cycle,
      status: c.status,
      currency: c.currency,
      overdue: owed.overdue,
      daysOverdue: owed.oldestDays,
      riskClass: risk.get(c.id)!,
      lastLevel: Number(c.last_level),
      escalated: Number(c.escalated) === 1,
    };
  });
  return orderWorklist(candidates)
    .slice(0, input.first)
    .map((entry) => ({ ...entry, priority: fromUnits(worklistPriority(entry)) }));
}
