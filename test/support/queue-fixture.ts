import type { DataSource } from 'typeorm';
import { PeriodStatus, TaskQueue, TaskType } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';

/** Customers `<prefix>0` … `<prefix>{count-1}`, each with an October 2026 period in review. */
export async function periodsInReview(
  ds: DataSource,
  prefix: string,
  count: number,
  extra: Partial<ReconciliationPeriod> = {},
): Promise<ReconciliationPeriod[]> {
  const customers = await ds.getRepository(Customer).save(
    Array.from({ length: count }, (_, i) => ({
      code: `${prefix}${i}`,
      name: `客户 ${prefix}${i}`,
      currency: 'CNY',
    })),
  );
  return ds.getRepository(ReconciliationPeriod).save(
    customers.map((c) => ({
      customerId: c.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      workflowId: `recon-${c.code}-2026-10`,
      status: PeriodStatus.IN_REVIEW,
      currency: 'CNY',
      ...extra,
    })),
  );
}

/** The manager's first page of My work, as the app asks for it. */
export const QUEUE = `query ($after: String) { myTasks(first: 50, after: $after) {
  edges { node { id priority dueAt period { key status customer { code name balance } } } }
  pageInfo { hasNextPage endCursor } } }`;

export type Queue = {
  myTasks: {
    edges: Array<{
      node: { id: string; priority: number; dueAt: string; period: { customer: { code: string } } };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};

/**
 * A work queue of 120 open difference tasks over 8 periods in review (a third of them the
 * managers'), due a minute apart in fours, so that priority decides within a minute.
 */
export async function seedWorkQueue(ds: DataSource): Promise<void> {
  const periods = await periodsInReview(ds, 'QB', 8);
  const base = Date.parse('2026-11-01T00:00:00Z');
  await ds.getRepository(Task).insert(
    Array.from({ length: 120 }, (_, i) => ({
      periodId: periods[i % periods.length].id,
      workflowId: periods[i % periods.length].workflowId,
      idempotencyKey: `t-${i}`,
      queue: i % 3 === 0 ? TaskQueue.MANAGER : TaskQueue.CLERK,
      type: TaskType.REVIEW_DIFFERENCE,
      title: `difference ${i}`,
      dueAt: new Date(base + Math.floor(i / 4) * 60_000),
      priority: i % 4,
    })),
  );
}
