import { PeriodStatus } from '../../contract/enums';
import { seedCustomer, type Line } from '../support/fixtures';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * #17 point 20 (first half): a clerk's task about a difference of an earlier match run, or of a
 * period that closed, asks nothing more. It is CANCELLED (with why), and claiming or completing it
 * is refused with WRONG_STATE, over the API on the real stack.
 */
const INVOICE: Line = { id: 'inv', date: '2026-10-03', ref: 'INV-100', kind: 'INVOICE', amount: '1000.00' };
const RECEIPT: Line = { id: 'rcpt', date: '2026-10-30', ref: 'RCPT-9', kind: 'RECEIPT', amount: '-400.00' };

interface TaskRow {
  id: string;
  status: string;
  outcome: string | null;
  match_run: number | null;
}

describe('tasks of superseded match runs and of closed periods (#17.20)', () => {
  let stack: PlatformStack;

  beforeAll(async () => {
    stack = await startPlatformStack('superseded-tasks');
  });

  afterAll(() => stack?.stop());

  const tasksOf = async (periodId: string) =>
    (await stack.h.db.dataSource.query(
      `SELECT CAST(t.id AS CHAR) AS id, t.status, t.outcome, d.match_run
         FROM tasks t LEFT JOIN differences d ON d.id = t.difference_id
        WHERE t.period_id = ? ORDER BY t.id`,
      [periodId],
    )) as TaskRow[];
  const matchRunOf = async (periodId: string) =>
    Number(
      (
        (await stack.h.db.dataSource.query('SELECT match_run FROM reconciliation_periods WHERE id = ?', [
          periodId,
        ])) as Array<{ match_run: number }>
      )[0].match_run,
    );
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('cancels the earlier run’s tasks on a re-match and all open tasks on close; neither can be completed', async () => {
    await seedCustomer(stack.h.db.dataSource, 'TSK', [INVOICE, RECEIPT], [INVOICE]);
    const periodId = await stack.openPeriod('TSK', PeriodStatus.IN_REVIEW);
    const [first] = (await tasksOf(periodId)).filter((task) => task.match_run === 1);
    expect(first).toMatchObject({ status: 'OPEN' });
    const clerk = stack.staff.CLERK;
    expect(
      codes(await stack.call(`mutation { claimTask(id: "${first.id}") { id status } }`, {}, clerk)),
    ).toEqual([]);

    // The clerk asks for a re-match: run 2 finds the same difference again, as a new row with its own task.
    expect(
      codes(await stack.call(`mutation { completeReview(periodId: "${periodId}") { id } }`, {}, clerk)),
    ).toEqual([]);
    await until('match run 2', async () => (await matchRunOf(periodId)) === 2);
    await until('run 2 tasks', async () => (await tasksOf(periodId)).some((task) => task.match_run === 2));
    const afterRematch = await tasksOf(periodId);
    expect(afterRematch.find((task) => task.id === first.id)).toMatchObject({
      status: 'CANCELLED',
      outcome: expect.stringContaining('superseded by match run 2') as unknown,
    });
    const second = afterRematch.find((task) => task.match_run === 2)!;
    expect(second.status).toBe('OPEN');
    const complete = await stack.call(
      `mutation { completeTask(id: "${first.id}", outcome: "done anyway") { id status } }`,
      {},
      clerk,
    );
    expect(codes(complete)).toEqual(['WRONG_STATE']);
    expect(complete.errors![0].message).toContain('cancelled');

    // A manager closes the period by exception: its open tasks end with it.
    expect(codes(await stack.call(`mutation { claimTask(id: "${second.id}") { id } }`, {}, clerk))).toEqual(
      [],
    );
    const closed = await stack.call(
      `mutation { closePeriodByException(periodId: "${periodId}", reason: "客户已对账 reconciled by phone") { id } }`,
      {},
      stack.staff.MANAGER,
    );
    expect(codes(closed)).toEqual([]);
    await until('the close', async () =>
      (await tasksOf(periodId)).every((task) => task.status === 'CANCELLED' || task.status === 'DONE'),
    );
    expect((await tasksOf(periodId)).find((task) => task.id === second.id)).toMatchObject({
      status: 'CANCELLED',
      outcome: 'the period closed',
    });
    for (const mutation of [
      `mutation { completeTask(id: "${second.id}", outcome: "late") { id } }`,
      `mutation { claimTask(id: "${second.id}") { id } }`,
    ]) {
      const answer = await stack.call(mutation, {}, clerk);
      expect(codes(answer)).toEqual(['WRONG_STATE']);
      expect(answer.errors![0].message).toContain('cancelled (the period closed)');
    }
    // Nothing of the period is left in anyone's queue.
    const [open] = (await stack.h.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM tasks WHERE period_id = ? AND status IN ('OPEN', 'CLAIMED')",
      [periodId],
    )) as Array<{ n: string }>;
    expect(Number(open.n)).toBe(0);
  });

  it('refuses a manual match that names a line twice (#17 low), changing nothing', async () => {
    await seedCustomer(stack.h.db.dataSource, 'TWICE', [INVOICE, RECEIPT], [INVOICE]);
    const opened = await stack.h.periods.openPeriod('TWICE', '2026-10-01', '2026-10-31');
    await stack.h.waitForStatus(opened.workflowId, PeriodStatus.IN_REVIEW);
    const periodId = opened.period.id;
    const [receipt] = (await stack.h.db.dataSource.query(
      "SELECT CAST(id AS CHAR) AS id FROM ledger_entries WHERE external_id = 'TWICE-rcpt'",
    )) as Array<{ id: string }>;
    const groups = async () =>
      Number(
        (
          (await stack.h.db.dataSource.query('SELECT COUNT(*) AS n FROM match_groups WHERE period_id = ?', [
            periodId,
          ])) as Array<{ n: string }>
        )[0].n,
      );
    const before = await groups();
    const answer = await stack.call(
      `mutation ($p: ID!, $ids: [ID!]!) {
        matchManually(periodId: $p, ledgerEntryIds: $ids, statementLineIds: [], note: "twice") { entityId } }`,
      { p: periodId, ids: [receipt.id, receipt.id] },
      stack.staff.CLERK,
    );
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0].message).toContain(`line ${receipt.id} is named twice`);
    expect(await groups()).toBe(before);
  });
});
