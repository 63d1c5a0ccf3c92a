import type { RunningApi } from '../../api/server';
import { PeriodStatus, UserRole } from '../../contract/enums';
import { Difference } from '../../entities/difference.entity';
import { codes, gql } from '../support/api-client';
import { seedCustomer, type Line } from '../support/fixtures';
import { staffTokens, startHarnessApi } from '../support/harness-api';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';

interface Pending {
  id: string;
  amount: string;
  reason: string;
  proposedBy: string;
  requiredApprovals: number;
  requiresManager: boolean;
  myBlock: string | null;
  gapBefore: string | null;
  gapAfter: string | null;
  ourClosingAfter: string | null;
  approvals: Array<{ approverName: string }>;
  period: { key: string; customer: { code: string } };
  difference: { kind: string; amount: string } | null;
}

const PENDING = `{ pendingAdjustments(first: 50) { edges { node {
  id amount reason proposedBy requiredApprovals requiresManager myBlock gapBefore gapAfter ourClosingAfter
  approvals { approverName } period { key customer { code } } difference { kind amount } } } } }`;

describe('the workbench reads: pending approvals, the dashboard and a period timeline', () => {
  let h: PeriodHarness;
  let api: RunningApi;
  let periodId: string;
  let differenceId: string;
  const bearer: Record<string, string> = {};

  const pending = async (who: string) => {
    const answer = await gql<{ pendingAdjustments: { edges: Array<{ node: Pending }> } }>(
      api.graphqlUrl,
      PENDING,
      {},
      bearer[who],
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.pendingAdjustments.edges.map((edge) => edge.node);
  };

  beforeAll(async () => {
    h = await startPeriodHarness('workbench');
    api = await startHarnessApi(h, { maxBodyBytes: 1024 * 1024 });
    Object.assign(
      bearer,
      await staffTokens(h.db.dataSource, [
        ['clerk', UserRole.CLERK],
        ['clerk2', UserRole.CLERK],
        ['manager', UserRole.MANAGER],
        ['manager2', UserRole.MANAGER],
        ['auditor', UserRole.AUDITOR],
      ]),
    );
    const invoice: Line = { id: 'i1', date: '2026-10-05', ref: 'INV-7', kind: 'INVOICE', amount: '500.00' };
    const fee: Line = { id: 'f1', date: '2026-10-06', ref: 'FEE-7', kind: 'OTHER', amount: '-8.50' };
    await seedCustomer(h.db.dataSource, 'WBR', [invoice], [invoice, fee]);
    const opened = await h.periods.openPeriod('WBR', '2026-10-01', '2026-10-31');
    await h.waitForStatus(opened.workflowId, PeriodStatus.IN_REVIEW);
    periodId = opened.period.id;
    [{ id: differenceId }] = await h.db.dataSource.getRepository(Difference).findBy({ periodId });
  });

  afterAll(async () => {
    await api?.stop();
    await h?.stop();
  });

  it('lists a proposal with its evidence, the gap before and after, and why each person may not approve', async () => {
    const PROPOSE = `mutation ($p: ID!, $d: ID, $a: Decimal!) { proposeAdjustment(periodId: $p, amount: $a, entryDate: "2026-10-31", reason: "bank fee", differenceId: $d) { entityId } }`;
    const small = await gql(
      api.graphqlUrl,
      PROPOSE,
      { p: periodId, d: differenceId, a: '-8.50' },
      bearer.clerk,
    );
    expect(small.errors).toBeUndefined();

    // The approvers' queue is the managers' (and admins'): a clerk approves a colleague's small
    // adjustment from its task, an auditor decides nothing.
    expect(codes(await gql(api.graphqlUrl, PENDING, {}, bearer.clerk2))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(api.graphqlUrl, PENDING, {}, bearer.auditor))).toEqual(['FORBIDDEN']);
    const [theClerks] = await pending('manager');
    expect(theClerks).toMatchObject({
      amount: '-8.5',
      reason: 'bank fee',
      proposedBy: 'clerk',
      requiredApprovals: 1,
      requiresManager: false,
      myBlock: null,
      period: { key: '2026-10', customer: { code: 'WBR' } },
      difference: { kind: expect.any(String) },
    });
    // Their closing is 491.50, ours 500: the fee closes the gap.
    expect([theClerks.gapBefore, theClerks.gapAfter, theClerks.ourClosingAfter]).toEqual([
      '-8.5',
      '0',
      '491.5',
    ]);

    const large = await gql(
      api.graphqlUrl,
      PROPOSE,
      { p: periodId, d: null, a: '150000.00' },
      bearer.manager,
    );
    expect(large.errors).toBeUndefined();
    const big = (await pending('manager')).find((node) => node.amount === '150000')!;
    expect(big).toMatchObject({ requiredApprovals: 2, requiresManager: true, myBlock: 'OWN_PROPOSAL' });
    expect((await pending('manager2')).find((node) => node.id === big.id)!.myBlock).toBeNull();

    const APPROVE = `mutation ($p: ID!, $a: ID!) { approveAdjustment(periodId: $p, adjustmentId: $a) { version } }`;
    expect(
      (await gql(api.graphqlUrl, APPROVE, { p: periodId, a: big.id }, bearer.manager2)).errors,
    ).toBeUndefined();
    const afterOne = (await pending('manager2')).find((node) => node.id === big.id)!;
    expect(afterOne.myBlock).toBe('ALREADY_APPROVED');
    expect(afterOne.approvals.map((a) => a.approverName)).toEqual(['manager2']);
    expect((await pending('manager')).find((node) => node.id === big.id)!.myBlock).toBe('OWN_PROPOSAL');
  });

  it('tells the period’s life as steps with who took them', async () => {
    const answer = await gql<{ period: { timeline: Array<{ action: string; actorName: string }> } }>(
      api.graphqlUrl,
      `query ($id: ID!) { period(id: $id) { timeline { at action actorType actorName } } }`,
      { id: periodId },
      bearer.clerk2,
    );
    expect(answer.errors).toBeUndefined();
    const steps = answer.data!.period.timeline.map((step) => step.action);
    expect(steps.slice(0, 3)).toEqual(['period.opened', 'period.extracted', 'period.matched']);
    expect(answer.data!.period.timeline).toContainEqual(
      expect.objectContaining({ action: 'adjustment.proposed', actorName: 'clerk' }),
    );
    expect(steps).not.toContain('task.claimed');
  });

  it('shows a manager the month: periods by status, untied bridges and who holds the work', async () => {
    const DASHBOARD = `{ dashboard(month: "2026-10") {
      month periodsByStatus { status count } untiedPeriods { id bridgeTied } unansweredStatements { daysWaiting }
      workloads { name open overdue } } }`;
    const answer = await gql<{
      dashboard: {
        periodsByStatus: Array<{ status: string; count: number }>;
        untiedPeriods: Array<{ id: string }>;
        workloads: Array<{ name: string | null; open: number }>;
      };
    }>(api.graphqlUrl, DASHBOARD, {}, bearer.manager);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.dashboard.periodsByStatus).toEqual([{ status: 'IN_REVIEW', count: 1 }]);
    // The engine explains every difference, so this bridge ties; a bridge left with an unexplained
    // remainder is what the manager must see.
    expect(answer.data!.dashboard.untiedPeriods).toEqual([]);
    await h.db.dataSource.query(
      'UPDATE reconciliation_periods SET bridge_tied = 0, unexplained_amount = 5 WHERE id = ?',
      [periodId],
    );
    const untied = await gql<{ dashboard: { untiedPeriods: Array<{ id: string; bridgeTied: boolean }> } }>(
      api.graphqlUrl,
      DASHBOARD,
      {},
      bearer.manager,
    );
    expect(untied.data!.dashboard.untiedPeriods).toEqual([{ id: periodId, bridgeTied: false }]);
    await h.db.dataSource.query(
      'UPDATE reconciliation_periods SET bridge_tied = 1, unexplained_amount = 0 WHERE id = ?',
      [periodId],
    );
    const open = answer.data!.dashboard.workloads.reduce((sum, w) => sum + w.open, 0);
    expect(open).toBeGreaterThan(0);

    expect(codes(await gql(api.graphqlUrl, DASHBOARD, {}, bearer.clerk))).toEqual(['FORBIDDEN']);
    expect(
      codes(await gql(api.graphqlUrl, `{ dashboard(month: "2026-13") { month } }`, {}, bearer.manager)),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('answers KPIs for the dashboard’s charts', async () => {
    const answer = await gql<{
      kpis: {
        periods: number;
        autoMatchRate: number;
        openDifferencesByAge: Array<{ bucket: string; count: number }>;
      };
    }>(
      api.graphqlUrl,
      `{ kpis(from: "2026-10-01", to: "2026-10-31") { periods autoMatchRate confirmationRate disputeRate medianDaysToConfirm
           openDifferencesByAge { bucket count amount } } }`,
      {},
      bearer.auditor,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.kpis.periods).toBe(1);
    const open = answer.data!.kpis.openDifferencesByAge.reduce((sum, age) => sum + age.count, 0);
    expect(open).toBeGreaterThan(0);
    expect(
      codes(
        await gql(
          api.graphqlUrl,
          `{ kpis(from: "2026-11-01", to: "2026-10-01") { periods } }`,
          {},
          bearer.manager,
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });
});
