import type { EntityManager } from 'typeorm';
import { PeriodStatus } from '../contract/enums';
import type { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { Money } from '../money/decimal';

/**
 * Which of our ledger entries belong to a period: those dated in its range, plus late ones —
 * dated in an earlier, already closed period but booked after it closed. A closed period is never
 * rewritten; what arrives late goes to the next one.
 */
export interface PeriodScope {
  start: string;
  end: string;
  previous: { end: string; closedAt: Date; ourClosing: string } | null;
}

export async function periodScope(
  manager: EntityManager,
  period: ReconciliationPeriod,
): Promise<PeriodScope> {
  const [previous] = (await manager.query(
    `SELECT period_end, closed_at, CAST(our_closing_balance AS CHAR) AS our_closing
       FROM reconciliation_periods
      WHERE customer_id = ? AND period_end < ? AND status = ? AND closed_at IS NOT NULL
      ORDER BY period_end DESC LIMIT 1`,
    [period.customerId, period.periodStart, PeriodStatus.CLOSED],
  )) as Array<{ period_end: string; closed_at: Date; our_closing: string | null }>;
  return {
    start: period.periodStart,
    end: period.periodEnd,
    previous: previous
      ? {
          end: previous.period_end,
          closedAt: previous.closed_at,
          ourClosing: previous.our_closing === null ? '0' : new Money(previous.our_closing).toFixed(),
        }
      : null,
  };
}

/** SQL condition (on ledger_entries) for "in this period", with its parameters. */
export function inScopeCondition(scope: PeriodScope): { sql: string; params: unknown[] } {
  if (!scope.previous) return { sql: '(entry_date BETWEEN ? AND ?)', params: [scope.start, scope.end] };
  return {
    sql: '(entry_date BETWEEN ? AND ? OR (entry_date <= ? AND created_at > ?))',
    params: [scope.start, scope.end, scope.previous.end, scope.previous.closedAt],
  };
}
