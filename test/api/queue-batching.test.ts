import { Customer } from '../../entities/customer.entity';
import { PeriodStatus, TaskQueue, TaskType } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import { startApiHarness, type ApiHarness } from './api-harness';

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

describe('the work queue: SLA order, claims, and every field as it is', () => {
  let h: ApiHarness;

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
  });

  afterAll(() => h?.stop());

  it('pages a manager’s queue in (dueAt, priority desc, id) order', async () => {
    const seen: Array<{ dueAt: string; priority: number; id: string }> = [];
    let after: string | null = null;
    for (;;) {
      const res: { data?: Queue; errors?: unknown } = await h.call<Queue>(QUEUE, { after }, h.bearer.MANAGER);
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.myTasks.edges.map((e) => e.node));
      if (!res.data!.myTasks.pageInfo.hasNextPage) break;
      after = res.data!.myTasks.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(120);
    const sorted = [...seen].sort(
      (a, b) => a.dueAt.localeCompare(b.dueAt) || b.priority - a.priority || Number(a.id) - Number(b.id),
    );
    expect(seen).toEqual(sorted);
    const clerk = await h.call<Queue>(QUEUE, {}, h.bearer.CLERK);
    expect(clerk.data!.myTasks.edges).toHaveLength(50);
  });

  it('puts what I claimed in my queue in its place, and takes it out of everyone else’s', async () => {
    const first = await h.call<Queue>(QUEUE, {}, h.bearer.CLERK);
    const target = first.data!.myTasks.edges[3].node.id;
    await h.call('mutation ($id: ID!) { claimTask(id: $id) { id } }', { id: target }, h.bearer.CLERK);
    const mine = await h.call<Queue>(QUEUE, {}, h.bearer.CLERK);
    expect(mine.data!.myTasks.edges[3].node.id).toBe(target);
    const manager = await h.call<Queue>(QUEUE, {}, h.bearer.MANAGER);
    expect(manager.data!.myTasks.edges.map((e) => e.node.id)).not.toContain(target);
  });

  // Every field of a queue page's task, period and customer: the page reads only the columns asked
  // for, so it must show exactly what the same period read on its own shows.
  const PERIOD_FIELDS = `id key periodStart periodEnd workflowId status currency ourOpeningBalance
    ourClosingBalance theirOpeningBalance theirClosingBalance unexplainedAmount bridgeTied matchRun bridge
    closedAt closedBy closeReason customer { id code name currency status cadence version balance ruleSettings
    effectiveRuleSettings workflowSettings }`;

  it('shows every field of a task, its period and customer as they are, whatever the page read', async () => {
    const page = await h.call<{
      myTasks: { edges: Array<{ node: { id: string; assigneeId: string | null; period: { id: string } } }> };
    }>(
      `{ myTasks(first: 5) { edges { node { id queue type status title dueAt priority assigneeId outcome period { ${PERIOD_FIELDS} } } } } }`,
      {},
      h.bearer.MANAGER,
    );
    expect(page.errors).toBeUndefined();
    for (const { node } of page.data!.myTasks.edges) {
      const alone = await h.call<{ period: unknown }>(
        `query ($id: ID!) { period(id: $id) { ${PERIOD_FIELDS} } }`,
        { id: node.period.id },
        h.bearer.MANAGER,
      );
      expect(node.period).toEqual(alone.data!.period);
      const task = await h.db.dataSource.getRepository(Task).findOneByOrFail({ id: node.id });
      expect(node).toMatchObject({
        queue: task.queue,
        title: task.title,
        priority: task.priority,
        outcome: null,
      });
    }
    // A fragment with an alias reads the same columns as the plain field.
    const aliased = await h.call<{ myTasks: { edges: Array<{ node: { p: { k: string } } }> } }>(
      '{ myTasks(first: 5) { edges { node { ...T } } } } fragment T on Task { p: period { k: key } }',
      {},
      h.bearer.MANAGER,
    );
    expect(aliased.data!.myTasks.edges.map((e) => e.node.p.k)).toEqual(
      page.data!.myTasks.edges.map(() => '2026-10'),
    );
  });

  it('gives concurrent readers, batched together, the pages they get one at a time', async () => {
    const who = [h.bearer.CLERK, h.bearer.MANAGER, h.bearer.ADMIN, h.bearer.CLERK, h.bearer.MANAGER];
    const alone: unknown[] = [];
    for (const bearer of who) alone.push(await h.call(QUEUE, {}, bearer));
    const together = await Promise.all(
      Array.from({ length: 4 }, () => who.map((b) => h.call(QUEUE, {}, b))).flat(),
    );
    together.forEach((answer, i) => expect(answer).toEqual(alone[i % who.length]));
  });
});
