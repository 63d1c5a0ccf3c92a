import type { RunningApi } from '../../api/server';
import { issueApiKey } from '../../auth/api-keys';
import { PeriodStatus, UserRole } from '../../contract/enums';
import { codes, gql } from '../support/api-client';
import { seedCustomer, type Line } from '../support/fixtures';
import { staffTokens, startHarnessApi } from '../support/harness-api';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';

const QUEUE = `query ($after: String) { myTasks(first: 1, after: $after) { edges { cursor node { id status type title period { key customer { code } } } } pageInfo { hasNextPage endCursor } } }`;

describe('the task queue over GraphQL', () => {
  let h: PeriodHarness;
  let api: RunningApi;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    h = await startPeriodHarness('queue');
    api = await startHarnessApi(h);
    Object.assign(
      bearer,
      await staffTokens(h.db.dataSource, [
        ['li', UserRole.CLERK],
        ['sun', UserRole.CLERK],
        ['wang', UserRole.MANAGER],
        ['zhao', UserRole.AUDITOR],
      ]),
    );
    const ours: Line[] = [
      { id: 'a', date: '2026-10-05', ref: 'INV-A', kind: 'INVOICE', amount: '100.00' },
      { id: 'b', date: '2026-10-06', ref: 'INV-B', kind: 'INVOICE', amount: '200.00' },
    ];
    await seedCustomer(h.db.dataSource, 'Q1', ours, []);
    const { workflowId } = await h.periods.openPeriod('Q1', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
  });

  afterAll(async () => {
    await api?.stop();
    await h?.stop();
  });

  it('pages my queue in SLA order with each task’s period and customer', async () => {
    const first = await gql<{
      myTasks: {
        edges: Array<{ node: { id: string; period: { key: string; customer: { code: string } } } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(api.graphqlUrl, QUEUE, {}, bearer.li);
    expect(first.errors).toBeUndefined();
    expect(first.data!.myTasks.edges[0].node.period).toEqual({ key: '2026-10', customer: { code: 'Q1' } });
    expect(first.data!.myTasks.pageInfo.hasNextPage).toBe(true);
    const second = await gql<{
      myTasks: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean } };
    }>(api.graphqlUrl, QUEUE, { after: first.data!.myTasks.pageInfo.endCursor }, bearer.li);
    expect(second.data!.myTasks.edges).toHaveLength(1);
    expect(second.data!.myTasks.edges[0].node.id).not.toBe(first.data!.myTasks.edges[0].node.id);
    expect(second.data!.myTasks.pageInfo.hasNextPage).toBe(false);
    const counts = await gql<{ taskCounts: Array<{ queue: string; status: string; count: number }> }>(
      api.graphqlUrl,
      '{ taskCounts { queue status count } }',
      {},
      bearer.zhao,
    );
    expect(counts.data!.taskCounts).toEqual([{ queue: 'CLERK', status: 'OPEN', count: 2 }]);
  });

  it('lets exactly one of two clerks claim a task, and only the claimant release or complete it', async () => {
    const list = await gql<{ myTasks: { edges: Array<{ node: { id: string } }> } }>(
      api.graphqlUrl,
      '{ myTasks { edges { node { id } } } }',
      {},
      bearer.li,
    );
    const id = list.data!.myTasks.edges[0].node.id;
    const CLAIM = 'mutation ($id: ID!) { claimTask(id: $id) { id status assigneeId } }';
    const [a, b] = await Promise.all([
      gql(api.graphqlUrl, CLAIM, { id }, bearer.li),
      gql(api.graphqlUrl, CLAIM, { id }, bearer.sun),
    ]);
    const winners = [a, b].filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    const lost = [a, b].find((r) => r.errors)!;
    expect(codes(lost)).toEqual(['WRONG_STATE']);
    // The loser is told what happened (before: "the task is OPEN", read before the winner's commit).
    expect(lost.errors![0].message).toBe(`task ${id} was claimed by someone else first`);
    const winner = !a.errors ? bearer.li : bearer.sun;
    const loser = winner === bearer.li ? bearer.sun : bearer.li;
    expect(
      codes(await gql(api.graphqlUrl, 'mutation ($id: ID!) { releaseTask(id: $id) { id } }', { id }, loser)),
    ).toEqual(['WRONG_STATE']);
    expect(codes(await gql(api.graphqlUrl, CLAIM, { id }, bearer.zhao))).toEqual(['FORBIDDEN']);
    const done = await gql<{ completeTask: { status: string; outcome: string } }>(
      api.graphqlUrl,
      'mutation ($id: ID!) { completeTask(id: $id, outcome: "已核对 checked with the customer") { status outcome } }',
      { id },
      winner,
    );
    expect(done.data?.completeTask).toEqual({ status: 'DONE', outcome: '已核对 checked with the customer' });
    const counts = await gql<{ taskCounts: Array<{ count: number }> }>(
      api.graphqlUrl,
      '{ taskCounts { queue status count } }',
      {},
      bearer.wang,
    );
    expect(counts.data!.taskCounts).toEqual([{ queue: 'CLERK', status: 'OPEN', count: 1 }]);
  });

  it('has no queue for API keys, and managers see the clerks’ queue too', async () => {
    const { key } = await issueApiKey(h.db.dataSource, 'erp', ['read']);
    expect(codes(await gql(api.graphqlUrl, '{ myTasks { edges { cursor } } }', {}, `Bearer ${key}`))).toEqual(
      ['FORBIDDEN'],
    );
    const manager = await gql<{ myTasks: { edges: unknown[] } }>(
      api.graphqlUrl,
      '{ myTasks { edges { cursor } } }',
      {},
      bearer.wang,
    );
    expect(manager.data!.myTasks.edges).toHaveLength(1);
  });
});
