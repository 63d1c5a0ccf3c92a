import type { DataSource } from 'typeorm';
import { Customer } from '../entities/customer.entity';
import { Difference } from '../entities/difference.entity';
import { MatchGroup } from '../entities/match-group.entity';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { Task } from '../entities/task.entity';
import { formatMoney, Money } from '../money/decimal';
import { periodKey } from '../contract/period';

export interface PeriodSummary {
  customer: string;
  period: string;
  status: string;
  ourClosing: string;
  theirClosing: string;
  matched: number;
  differences: Array<{ kind: string; amount: string; explanation: string }>;
  tied: boolean;
  unexplained: string;
  openTasks: number;
}

export async function summarisePeriod(dataSource: DataSource, workflowId: string): Promise<PeriodSummary> {
  const period = await dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ workflowId });
  const customer = await dataSource.getRepository(Customer).findOneByOrFail({ id: period.customerId });
  const where = { periodId: period.id, matchRun: period.matchRun };
  const differences = await dataSource.getRepository(Difference).find({ where, order: { id: 'ASC' } });
  const zero = new Money(0);
  return {
    customer: `${customer.code} ${customer.name}`,
    period: periodKey(period.periodStart, period.periodEnd),
    status: period.status,
    ourClosing: formatMoney(period.ourClosingBalance ?? zero),
    theirClosing: formatMoney(period.theirClosingBalance ?? zero),
    matched: await dataSource.getRepository(MatchGroup).countBy(where),
    differences: differences.map((d) => ({
      kind: d.kind,
      amount: formatMoney(d.amount),
      explanation: d.explanation,
    })),
    tied: period.bridgeTied,
    unexplained: formatMoney(period.unexplainedAmount ?? zero),
    openTasks: await dataSource
      .getRepository(Task)
      .countBy({ periodId: period.id, status: 'OPEN' as Task['status'] }),
  };
}

/** A readable block per period: the balance bridge (余额调节表) in a few lines. */
export function formatSummary(summary: PeriodSummary): string {
  const lines = [
    `■ ${summary.customer} — ${summary.period} — ${summary.status}`,
    `  我方期末余额 our closing balance      ${summary.ourClosing.padStart(16)}`,
    ...summary.differences.map((d) =>
      `  ${d.kind.padEnd(18)} ${d.amount.padStart(16)}   ${d.explanation}`.slice(0, 160),
    ),
    `  客户期末余额 their closing balance    ${summary.theirClosing.padStart(16)}`,
    `  matched groups: ${summary.matched}   differences: ${summary.differences.length}   ` +
      `bridge ${summary.tied ? 'ties to the cent ✓' : `does NOT tie: unexplained ${summary.unexplained}`}   open tasks: ${summary.openTasks}`,
  ];
  return lines.join('\n');
}
