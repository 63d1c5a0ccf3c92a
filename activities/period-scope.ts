import type { EntityManager } from 'typeorm';
import { PeriodStatus } from '../entities/enums';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';

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
  const previous = await manager
    .getRepository(ReconciliationPeriod)
    .createQueryBuilder('p')
    .where(
      'p.customerId = :customerId AND p.periodEnd < :start AND p.status = :closed AND p.closedAt IS NOT NULL',
      {
        customerId: period.customerId,
        start: period.periodStart,
        closed: PeriodStatus.CLOSED,
      },
    )
    .orderBy('p.periodEnd', 'DESC')
    .getOne();
  return {
    start: period.periodStart,
    end: period.periodEnd,
    previous: previous
      ? {
          end: previous.periodEnd,
          closedAt: previous.closedAt!,
          ourClosing: previous.ourClosingBalance?.toFixed() ?? '0',
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
