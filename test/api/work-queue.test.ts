import { signUserToken } from '../../auth/user-token';
import { PeriodStatus, TaskQueue, TaskStatus, TaskType, UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import { User } from '../../entities/user.entity';
import { codes } from '../support/api-client';
import { SECRETS, startApiHarness, type ApiHarness } from './api-harness';

const WORK = `query ($filter: TaskFilter, $first: Int, $after: String) {
  workTasks(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id title kind periodId differenceId matchGroupId adjustmentId claimedAt overdue mine
      period { customer { code } } } }
    pageInfo { hasNextPage endCursor } } }`;
const COUNTS = `{ myTaskCounts { total overdue mine unclaimed byKind { kind count overdue } } }`;
const CLAIM_NEXT = `mutation ($filter: TaskFilter) { claimNextTask(filter: $filter) { id title status assigneeId mine } }`;

interface WorkNode {
  id: string;
  title: string;
  kind: string;
  periodId: string;
  differenceId: string | null;
  matchGroupId: string | null;
  adjustmentId: string | null;
  claimedAt: string | null;
  overdue: boolean;
  mine: boolean;
  period: { customer: { code: string } };
}
interface WorkPage {
  workTasks: {
    edges: Array<{ cursor: string; node: WorkNode }>;
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}

const HOUR = 3_600_000;

describe('a clerk’s work over GraphQL: filters, counts, claim next', () => {
  let h: ApiHarness;
  const periodOf: Record<string, ReconciliationPeriod> = {};
  /** Task ids by their title. */
  const ids: Record<string, string> = {};
  /** Extra clerks for the race, `Bearer` tokens by user id. */
  const clerks: Array<{ id: string; bearer: string }> = [];
  let otherClerkId: string;

  const titlesOf = async (filter: Record<string, unknown> | null, bearer = h.bearer.CLERK) => {
    const res = await h.call<WorkPage>(WORK, { filter, first: 50 }, bearer);
    expect(res.errors).toBeUndefined();
    return res.data!.workTasks.edges.map((e) => e.node.title);
  };

  async function addTask(
    code: string,
    title: string,
    fields: Partial<Task> & { dueInMs: number },
  ): Promise<string> {
    const period = periodOf[code];
    const { dueInMs, ...rest } = fields;
    const saved = await h.db.dataSource.getRepository(Task).save({
      periodId: period.id,
      workflowId: period.workflowId,
      idempotencyKey: `work-${title}`,
      queue: TaskQueue.CLERK,
      type: TaskType.REVIEW_DIFFERENCE,
      title,
      dueAt: new Date(Date.now() + dueInMs),
      ...rest,
    });
    ids[title] = saved.id;
    return saved.id;
  }

  beforeAll(async () => {
    h = await startApiHarness('work_queue');
    const ds = h.db.dataSource;
    for (const [code, name] of [
      ['WA', '华东贸易 East Trading'],
      ['WB', '北方机械 North Machines'],
      ['WC', '南方物流 South Logistics'],
      ['WD', '西部电子 West Electronics'],
    ]) {
      const customer = await ds.getRepository(Customer).save({ code, name, currency: 'CNY' });
      periodOf[code] = await ds.getRepository(ReconciliationPeriod).save({
        customerId: customer.id,
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        workflowId: `recon-${code}-2026-10`,
        status: PeriodStatus.IN_REVIEW,
        currency: 'CNY',
      });
    }
    const other = await ds.getRepository(User).save({
      email: 'other.clerk@recon.test',
      displayName: 'other',
      role: UserRole.CLERK,
      passwordHash: 'x',
    });
    otherClerkId = other.id;
    await addTask('WA', 'difference INV-1001', { dueInMs: -2 * HOUR, differenceId: '71' });
    await addTask('WA', 'dispute 100% of INV-1002', {
      dueInMs: -1 * HOUR,
      type: TaskType.CUSTOMER_DISPUTE,
      priority: 5,
    });
    await addTask('WB', 'suggestion INV-2001', {
      dueInMs: HOUR,
      type: TaskType.REVIEW_SUGGESTION,
      matchGroupId: '72',
    });
    await addTask('WB', 'difference INV-2002', { dueInMs: 48 * HOUR });
    await addTask('WC', 'approve adjustment ADJ-1', {
      dueInMs: HOUR + 60_000,
      queue: TaskQueue.MANAGER,
      type: TaskType.APPROVE_ADJUSTMENT,
      adjustmentId: '73',
    });
    await addTask('WC', 'difference INV-3001 (mine)', {
      dueInMs: 3 * HOUR,
      status: TaskStatus.CLAIMED,
      assigneeId: h.userIds.CLERK,
      claimedAt: new Date(),
    });
    await addTask('WC', 'difference INV-3002 (another clerk’s)', {
      dueInMs: HOUR / 2,
      status: TaskStatus.CLAIMED,
      assigneeId: other.id,
      claimedAt: new Date(),
    });
    await addTask('WA', 'escalation done', {
      dueInMs: -HOUR,
      type: TaskType.ESCALATION,
      status: TaskStatus.DONE,
    });
    for (let i = 0; i < 4; i++) {
      const clerk = await ds.getRepository(User).save({
        email: `race${i}@recon.test`,
        displayName: `race ${i}`,
        role: UserRole.CLERK,
        passwordHash: 'x',
      });
      clerks.push({
        id: clerk.id,
        bearer: `Bearer ${signUserToken(SECRETS.tokenSecret, { sub: clerk.id, role: UserRole.CLERK, name: clerk.displayName, exp: Date.now() / 1000 + 600 })}`,
      });
    }
  }, 60_000);

  afterAll(() => h?.stop());

  it('without a filter is my queue: unclaimed tasks of my queues and mine, due first', async () => {
    const all = await titlesOf(null);
    expect(all).toEqual([
      'difference INV-1001',
      'dispute 100% of INV-1002',
      'suggestion INV-2001',
      'difference INV-3001 (mine)',
      'difference INV-2002',
    ]);
    const queue = await h.call<{ myTasks: { edges: Array<{ node: { title: string } }> } }>(
      '{ myTasks { edges { node { title } } } }',
      {},
      h.bearer.CLERK,
    );
    expect(queue.data!.myTasks.edges.map((e) => e.node.title)).toEqual(all);
    // A manager works the manager's queue and the clerks'.
    expect(await titlesOf(null, h.bearer.MANAGER)).toEqual([
      'difference INV-1001',
      'dispute 100% of INV-1002',
      'suggestion INV-2001',
      'approve adjustment ADJ-1',
      'difference INV-2002',
    ]);
    expect(await titlesOf(null, h.bearer.AUDITOR)).toEqual([]);
  });

  it('gives each task what the page needs to open its period at the right place', async () => {
    const res = await h.call<WorkPage>(WORK, { filter: { customerCode: 'WA' } }, h.bearer.CLERK);
    const [difference, dispute] = res.data!.workTasks.edges.map((e) => e.node);
    expect(difference).toMatchObject({
      kind: 'REVIEW_DIFFERENCE',
      periodId: periodOf.WA.id,
      differenceId: '71',
      matchGroupId: null,
      claimedAt: null,
      overdue: true,
      mine: false,
      period: { customer: { code: 'WA' } },
    });
    expect(dispute.kind).toBe('CUSTOMER_DISPUTE');
    const suggestion = (
      await h.call<WorkPage>(WORK, { filter: { kind: 'REVIEW_SUGGESTION' } }, h.bearer.CLERK)
    ).data!.workTasks.edges[0].node;
    expect(suggestion).toMatchObject({ matchGroupId: '72', overdue: false });
    const mine = (await h.call<WorkPage>(WORK, { filter: { scope: 'MINE' } }, h.bearer.CLERK)).data!.workTasks
      .edges;
    expect(mine).toHaveLength(1);
    expect(mine[0].node).toMatchObject({ title: 'difference INV-3001 (mine)', mine: true });
    expect(Date.parse(mine[0].node.claimedAt!)).not.toBeNaN();
    const approval = (
      await h.call<WorkPage>(WORK, { filter: { kind: 'APPROVE_ADJUSTMENT' } }, h.bearer.MANAGER)
    ).data!.workTasks.edges[0].node;
    expect(approval).toMatchObject({ adjustmentId: '73', periodId: periodOf.WC.id });
  });

  it('filters by customer, kind, due state, due time, whose and words, combined', async () => {
    expect(await titlesOf({ kind: 'REVIEW_DIFFERENCE' })).toEqual([
      'difference INV-1001',
      'difference INV-3001 (mine)',
      'difference INV-2002',
    ]);
    expect(await titlesOf({ customerCode: 'WB' })).toEqual(['suggestion INV-2001', 'difference INV-2002']);
    expect(await titlesOf({ overdue: true })).toEqual(['difference INV-1001', 'dispute 100% of INV-1002']);
    expect(await titlesOf({ overdue: false })).toEqual([
      'suggestion INV-2001',
      'difference INV-3001 (mine)',
      'difference INV-2002',
    ]);
    expect(await titlesOf({ dueBefore: new Date(Date.now() + 4 * HOUR).toISOString() })).toEqual([
      'difference INV-1001',
      'dispute 100% of INV-1002',
      'suggestion INV-2001',
      'difference INV-3001 (mine)',
    ]);
    expect(await titlesOf({ scope: 'UNCLAIMED' })).toEqual([
      'difference INV-1001',
      'dispute 100% of INV-1002',
      'suggestion INV-2001',
      'difference INV-2002',
    ]);
    expect(await titlesOf({ search: 'inv-200' })).toEqual(['suggestion INV-2001', 'difference INV-2002']);
    // The customer's code and name are searched too, and LIKE's wildcards are plain characters.
    expect(await titlesOf({ search: '南方' })).toEqual(['difference INV-3001 (mine)']);
    expect(await titlesOf({ search: '100%' })).toEqual(['dispute 100% of INV-1002']);
    expect(await titlesOf({ search: '_' })).toEqual([]);
    expect(await titlesOf({ kind: 'REVIEW_DIFFERENCE', overdue: false, customerCode: 'WB' })).toEqual([
      'difference INV-2002',
    ]);
  });

  it('pages a filtered list with keyset cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: { data?: WorkPage } = await h.call<WorkPage>(
        WORK,
        { filter: { overdue: false }, first: 2, after },
        h.bearer.CLERK,
      );
      seen.push(...res.data!.workTasks.edges.map((e) => e.node.title));
      if (!res.data!.workTasks.pageInfo.hasNextPage) break;
      after = res.data!.workTasks.pageInfo.endCursor;
    }
    expect(seen).toEqual(['suggestion INV-2001', 'difference INV-3001 (mine)', 'difference INV-2002']);
  });

  it('refuses a bad filter at once, naming the field', async () => {
    const unknownKind = await h.call(WORK, { filter: { kind: 'NOPE' } }, h.bearer.CLERK);
    expect(codes(unknownKind)).toEqual(['BAD_USER_INPUT']);
    expect(unknownKind.errors![0].message).toContain('at "filter.kind"');
    const unknownCustomer = await h.call(WORK, { filter: { customerCode: 'NOPE' } }, h.bearer.CLERK);
    expect(codes(unknownCustomer)).toEqual(['NOT_FOUND']);
    expect(unknownCustomer.errors![0].message).toContain('NOPE');
    const longSearch = await h.call(WORK, { filter: { search: 'x'.repeat(101) } }, h.bearer.CLERK);
    expect(codes(longSearch)).toEqual(['BAD_USER_INPUT']);
    expect(longSearch.errors![0].message).toContain('filter.search');
    const badTime = await h.call(WORK, { filter: { dueBefore: 'tomorrow' } }, h.bearer.CLERK);
    expect(codes(badTime)).toEqual(['BAD_USER_INPUT']);
    const claimMine = await h.call(CLAIM_NEXT, { filter: { scope: 'MINE' } }, h.bearer.CLERK);
    expect(codes(claimMine)).toEqual(['BAD_USER_INPUT']);
    expect(claimMine.errors![0].message).toContain('filter.scope');
    expect(codes(await h.call(CLAIM_NEXT, {}, h.bearer.AUDITOR))).toEqual(['FORBIDDEN']);
  });

  it('counts my work per kind, overdue, mine and unclaimed', async () => {
    const res = await h.call<{ myTaskCounts: Record<string, unknown> }>(COUNTS, {}, h.bearer.CLERK);
    expect(res.data!.myTaskCounts).toEqual({
      total: 5,
      overdue: 2,
      mine: 1,
      unclaimed: 4,
      byKind: [
        { kind: 'REVIEW_DIFFERENCE', count: 3, overdue: 1 },
        { kind: 'REVIEW_SUGGESTION', count: 1, overdue: 0 },
        { kind: 'CUSTOMER_DISPUTE', count: 1, overdue: 1 },
        { kind: 'REVIEW_CUSTOMER_FILE', count: 0, overdue: 0 },
        { kind: 'APPROVE_ADJUSTMENT', count: 0, overdue: 0 },
        { kind: 'ESCALATION', count: 0, overdue: 0 },
        { kind: 'COLLECTION', count: 0, overdue: 0 },
        { kind: 'DUNNING_ESCALATION', count: 0, overdue: 0 },
      ],
    });
    const manager = await h.call<{ myTaskCounts: { total: number; unclaimed: number } }>(
      COUNTS,
      {},
      h.bearer.MANAGER,
    );
    expect(manager.data!.myTaskCounts).toMatchObject({ total: 5, unclaimed: 5 });
  });

  it('shares a queue’s counts between its clerks while nothing audited is committed, three seconds at most', async () => {
    type Counts = { myTaskCounts: { total: number; unclaimed: number; mine: number } };
    const before = (await h.call<Counts>(COUNTS, {}, h.bearer.CLERK)).data!.myTaskCounts;
    // A task written outside the audit log (so no live event either): the shared counts do not see it yet.
    const probe = await addTask('WA', 'shared-count probe', { dueInMs: 10 * HOUR });
    try {
      const shared = (await h.call<Counts>(COUNTS, {}, h.bearer.CLERK)).data!.myTaskCounts;
      expect(shared).toEqual(before);
      await new Promise((resolve) => setTimeout(resolve, 3_100));
      const later = (await h.call<Counts>(COUNTS, {}, h.bearer.CLERK)).data!.myTaskCounts;
      expect(later).toMatchObject({ total: before.total + 1, unclaimed: before.unclaimed + 1 });
      // An audited change (a claim) is seen at once: the counts are shared only up to the log's head.
      const claimed = await h.call<{ claimTask: { id: string } }>(
        `mutation ($id: ID!) { claimTask(id: $id) { id } }`,
        { id: probe },
        h.bearer.CLERK,
      );
      expect(claimed.errors).toBeUndefined();
      const afterClaim = (await h.call<Counts>(COUNTS, {}, h.bearer.CLERK)).data!.myTaskCounts;
      expect(afterClaim).toMatchObject({
        total: later.total,
        unclaimed: later.unclaimed - 1,
        mine: later.mine + 1,
      });
    } finally {
      await h.db.dataSource.getRepository(Task).delete({ id: probe });
      await new Promise((resolve) => setTimeout(resolve, 3_100));
    }
  });

  it('claims the most urgent open task matching the filter, then nothing when none is left', async () => {
    const auditBefore = await h.auditCount();
    const first = await h.call<{
      claimNextTask: { id: string; status: string; assigneeId: string; mine: boolean };
    }>(CLAIM_NEXT, { filter: { customerCode: 'WB' } }, h.bearer.CLERK);
    expect(first.errors).toBeUndefined();
    expect(first.data!.claimNextTask).toEqual({
      id: ids['suggestion INV-2001'],
      title: 'suggestion INV-2001',
      status: 'CLAIMED',
      assigneeId: h.userIds.CLERK,
      mine: true,
    });
    expect(await h.auditCount()).toBe(auditBefore + 1);
    const second = await h.call<{ claimNextTask: { id: string } }>(
      CLAIM_NEXT,
      { filter: { customerCode: 'WB' } },
      h.bearer.CLERK,
    );
    expect(second.data!.claimNextTask.id).toBe(ids['difference INV-2002']);
    const none = await h.call<{ claimNextTask: null }>(
      CLAIM_NEXT,
      { filter: { customerCode: 'WB' } },
      h.bearer.CLERK,
    );
    expect(none.errors).toBeUndefined();
    expect(none.data!.claimNextTask).toBeNull();
    // A clerk never claims from the manager's queue, nor what another clerk holds.
    const approvals = await h.call<{ claimNextTask: null }>(
      CLAIM_NEXT,
      { filter: { customerCode: 'WC' } },
      h.bearer.CLERK,
    );
    expect(approvals.data!.claimNextTask).toBeNull();
    const held = await h.db.dataSource
      .getRepository(Task)
      .findOneByOrFail({ id: ids['difference INV-3002 (another clerk’s)'] });
    expect(held.assigneeId).toBe(otherClerkId);
  });

  it('never gives two clerks the same task when they all claim next at once', async () => {
    for (let i = 0; i < 6; i++) await addTask('WD', `race task ${i}`, { dueInMs: HOUR + i * 60_000 });
    const calls = clerks.flatMap((clerk) =>
      [0, 1].map(() =>
        h
          .call<{ claimNextTask: { id: string } | null }>(
            CLAIM_NEXT,
            { filter: { customerCode: 'WD' } },
            clerk.bearer,
          )
          .then((res) => ({ clerk, res })),
      ),
    );
    const results = await Promise.all(calls);
    for (const { res } of results) expect(res.errors).toBeUndefined();
    const won = results.filter((r) => r.res.data!.claimNextTask !== null);
    expect(won).toHaveLength(6);
    expect(new Set(won.map((r) => r.res.data!.claimNextTask!.id)).size).toBe(6);
    const rows = await h.db.dataSource.getRepository(Task).findBy(
      Object.values(ids)
        .slice(-6)
        .map((id) => ({ id })),
    );
    expect(rows.every((row) => row.status === TaskStatus.CLAIMED)).toBe(true);
    for (const { clerk, res } of won)
      expect(rows.find((row) => row.id === res.data!.claimNextTask!.id)!.assigneeId).toBe(clerk.id);
  });
});
