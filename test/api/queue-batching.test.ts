import { Task } from '../../entities/task.entity';
import { startApiHarness, type ApiHarness } from './api-harness';
import { QUEUE, seedWorkQueue, type Queue } from '../support/queue-fixture';

describe('the work queue: SLA order, claims, and every field as it is', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('batching');
    await seedWorkQueue(h.db.dataSource);
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
