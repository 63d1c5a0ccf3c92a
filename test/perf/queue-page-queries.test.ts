import { Customer } from '../../entities/customer.entity';
import { PeriodStatus, TaskQueue, TaskType } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

const QUEUE = `query ($after: String) { myTasks(first: 50, after: $after) {
  edges { node { id priority dueAt period { key status customer { code name balance } } } }
  pageInfo { hasNextPage endCursor } } }`;

type Queue = {
  myTasks: {
    edges: Array<{
      node: { id: string; priority: number; dueAt: string; period: { customer: { code: string } } };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};

/** Pins the queue page's statements: a change that reads per task or per period fails here. */
describe('the work queue: a page of 50 tasks in a handful of queries', () => {
  let h: ApiHarness;
  const queries: string[] = [];

  beforeAll(async () => {
    h = await startApiHarness('batching');
    const ds = h.db.dataSource;
    const customers = await ds
      .getRepository(Customer)
      .save(Array.from({ length: 8 }, (_, i) => ({ code: `QB${i}`, name: `客户 QB${i}`, currency: 'CNY' })));
    const periods = await ds.getRepository(ReconciliationPeriod).save(
      customers.map((c) => ({
        customerId: c.id,
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        workflowId: `recon-${c.code}-2026-10`,
        status: PeriodStatus.IN_REVIEW,
        currency: 'CNY',
      })),
    );
    const base = Date.parse('2026-11-01T00:00:00Z');
    await ds.getRepository(Task).insert(
      Array.from({ length: 120 }, (_, i) => ({
        periodId: periods[i % periods.length].id,
        workflowId: periods[i % periods.length].workflowId,
        idempotencyKey: `t-${i}`,
        queue: i % 3 === 0 ? TaskQueue.MANAGER : TaskQueue.CLERK,
        type: TaskType.REVIEW_DIFFERENCE,
        title: `difference ${i}`,
        // Ties on dueAt, so priority decides within a minute.
        dueAt: new Date(base + Math.floor(i / 4) * 60_000),
        priority: i % 4,
      })),
    );
    const logger = ds.logger;
    const log = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      queries.push(query);
      log(query, parameters, runner);
    };
  });

  afterAll(() => h?.stop());

  it('reads each page of a manager’s queue in ≤ 5 queries', async () => {
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      queries.length = 0;
      const res: { data?: Queue; errors?: unknown } = await h.call<Queue>(QUEUE, { after }, h.bearer.MANAGER);
      expect(res.errors).toBeUndefined();
      // Authentication, the page, its periods, their customers, the customers' balances.
      expect(queries.length).toBeLessThanOrEqual(5);
      pages += 1;
      if (!res.data!.myTasks.pageInfo.hasNextPage) break;
      after = res.data!.myTasks.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
  });
});
