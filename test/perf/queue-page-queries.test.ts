import { startApiHarness, type ApiHarness } from '../api/api-harness';
import { QUEUE, seedWorkQueue, type Queue } from '../support/queue-fixture';

/** Pins the queue page's statements: a change that reads per task or per period fails here. */
describe('the work queue: a page of 50 tasks in a handful of queries', () => {
  let h: ApiHarness;
  const queries: string[] = [];

  beforeAll(async () => {
    h = await startApiHarness('batching');
    const ds = h.db.dataSource;
    await seedWorkQueue(ds);
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
