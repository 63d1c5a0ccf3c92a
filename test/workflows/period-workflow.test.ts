import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { verifyAuditChain } from '../../audit/verify-chain';
import { PeriodStatus, TaskType, UserRole } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import {
  closeByException,
  completeReview,
  confirmStatement,
  disputeStatement,
  getPeriodState,
} from '../../contract/period';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';
import { recordHistory } from '../support/record-history';
import { userActor, customerActor } from '../support/actors';

const CUSTOMER = customerActor('C');
const MANAGER = userActor('1', UserRole.MANAGER, 'Manager Wang');
const CLERK = userActor('2', UserRole.CLERK, 'Clerk Li');

describe('the reconciliation-period workflow on a real Temporal server and MariaDB', () => {
  let h: PeriodHarness;

  beforeAll(async () => {
    h = await startPeriodHarness('period_wf');
  });

  afterAll(() => h?.stop());

  async function waitForStatus(workflowId: string, status: PeriodStatus) {
    await h.waitForStatus(workflowId, status);
    return h.periods.handle(workflowId);
  }

  it('takes a clean period from open to closed through customer confirmation', async () => {
    await seedCustomer(h.db.dataSource, 'CLEAN', CLEAN_LINES, CLEAN_LINES);
    const { workflowId } = await h.periods.openPeriod('CLEAN', '2026-10-01', '2026-10-31');
    expect(workflowId).toBe('recon-CLEAN-2026-10');
    const handle = await waitForStatus(workflowId, PeriodStatus.AWAITING_CUSTOMER);

    const state = await handle.query(getPeriodState);
    expect(state.match).toMatchObject({ autoApplied: 3, differences: 0, tied: true, unexplained: '0' });

    const row = await h.db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ workflowId });
    expect(row.status).toBe(PeriodStatus.AWAITING_CUSTOMER);
    expect(row.ourClosingBalance?.toFixed(2)).toBe('300.25');
    expect(row.theirClosingBalance?.toFixed(2)).toBe('300.25');

    const mail = JSON.parse(
      readFileSync(path.join(h.outbox, `statement-${row.id}-round-1.json`), 'utf8'),
    ) as {
      to: string;
      confirmationUrl: string;
      text: string;
    };
    expect(mail.to).toBe('clean@example.com');
    expect(mail.confirmationUrl).toMatch(/^http:\/\/recon\.test\/confirm\?token=/);
    expect(mail.text).toContain('期末余额 Closing balance: 300.25');
    // The statement of account and the 询证函 go along as PDFs (written beside the message by the outbox).
    expect((mail as { attachments?: string[] }).attachments).toEqual([
      expect.stringMatching(/\.pdf$/),
      'confirmation_CLEAN_2026-10-31.pdf',
    ]);

    // Temporal's own tools see the status through the search attribute.
    let listed: string[] = [];
    for (let i = 0; i < 50 && !listed.includes(workflowId); i += 1) {
      listed = [];
      for await (const wf of h.env.client.workflow.list({
        query: `ReconStatus='AWAITING_CUSTOMER' AND ReconCustomer='CLEAN'`,
      })) {
        listed.push(wf.workflowId);
      }
      if (!listed.includes(workflowId)) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(listed).toEqual([workflowId]);

    await handle.executeUpdate(confirmStatement, { args: [{ actor: CUSTOMER, comment: '无误 confirmed' }] });
    const outcome = await handle.result();
    expect(outcome).toMatchObject({ status: PeriodStatus.CLOSED, closedBy: CUSTOMER.id });
    const closed = await h.db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ workflowId });
    expect(closed.status).toBe(PeriodStatus.CLOSED);
    expect(closed.closedAt).toBeInstanceOf(Date);
    await expect(verifyAuditChain(h.db.dataSource)).resolves.toMatchObject({ ok: true });
    await recordHistory(handle, 'period-clean-confirmed');
  });

  it('treats opening the same customer and range twice as one period and one workflow', async () => {
    await seedCustomer(h.db.dataSource, 'TWICE', CLEAN_LINES, CLEAN_LINES);
    const [first, second] = await Promise.all([
      h.periods.openPeriod('TWICE', '2026-10-01', '2026-10-31'),
      h.periods.openPeriod('TWICE', '2026-10-01', '2026-10-31'),
    ]);
    const third = await h.periods.openPeriod('TWICE', '2026-10-01', '2026-10-31');
    expect(new Set([first.workflowId, second.workflowId, third.workflowId]).size).toBe(1);
    expect([first.created, second.created, third.created].filter(Boolean)).toHaveLength(1);
    expect(
      await h.db.dataSource.getRepository(ReconciliationPeriod).countBy({ workflowId: first.workflowId }),
    ).toBe(1);
    const runs: string[] = [];
    for await (const wf of h.env.client.workflow.list({ query: `WorkflowId='${first.workflowId}'` }))
      runs.push(wf.runId);
    expect(runs).toHaveLength(1);
  });

  it('opens a group of periods in one commit: one audit append, results in the order asked, existing ones not again', async () => {
    for (const code of ['G1', 'G2', 'G3'])
      await seedCustomer(h.db.dataSource, code, CLEAN_LINES, CLEAN_LINES);
    await h.periods.openPeriod('G2', '2026-10-01', '2026-10-31');
    const ask = (code: string) => ({
      customerCode: code,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
    });
    const results = await h.periods.openPeriods([ask('G1'), ask('G2'), ask('G3')], CLERK);
    expect(results.map((r) => [r.period.workflowId, r.created])).toEqual([
      [results[0].workflowId, true],
      [results[1].workflowId, false],
      [results[2].workflowId, true],
    ]);
    expect(results.map((r) => r.workflowId)).toEqual(
      ['G1', 'G2', 'G3'].map((code) => expect.stringContaining(code) as unknown),
    );
    const opened = (await h.db.dataSource.query(
      "SELECT CAST(id AS CHAR) AS id, entity_id, actor_id FROM audit_events WHERE action = 'period.opened' AND entity_id IN (?, ?) ORDER BY id",
      [results[0].workflowId, results[2].workflowId],
    )) as Array<{ id: string; entity_id: string; actor_id: string }>;
    // Appended together: consecutive events in the chain, by who asked.
    expect(opened.map((e) => e.entity_id)).toEqual([results[0].workflowId, results[2].workflowId]);
    expect(BigInt(opened[1].id) - BigInt(opened[0].id)).toBe(1n);
    expect(opened.every((e) => e.actor_id === CLERK.id)).toBe(true);
    await h.waitForStatus(results[2].workflowId, PeriodStatus.AWAITING_CUSTOMER);
    // A small period is extracted and matched in one commit: its two events are appended together.
    const steps = (await h.db.dataSource.query(
      "SELECT CAST(id AS CHAR) AS id, action FROM audit_events WHERE period_id = ? AND action IN ('period.extracted', 'period.matched') ORDER BY id",
      [results[2].period.id],
    )) as Array<{ id: string; action: string }>;
    expect(steps.map((e) => e.action)).toEqual(['period.extracted', 'period.matched']);
    expect(BigInt(steps[1].id) - BigInt(steps[0].id)).toBe(1n);
    // A missing customer refuses the group before anything is written.
    await seedCustomer(h.db.dataSource, 'G4', CLEAN_LINES, CLEAN_LINES);
    await expect(h.periods.openPeriods([ask('G4'), ask('NOBODY')], CLERK)).rejects.toThrow(
      'no customer with code NOBODY',
    );
    const [{ n }] = (await h.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM reconciliation_periods p JOIN customers c ON c.id = p.customer_id WHERE c.code = 'G4'",
    )) as Array<{ n: string | number }>;
    expect(Number(n)).toBe(0);
    expect((await verifyAuditChain(h.db.dataSource)).ok).toBe(true);
  });

  it('sends differences to review with tasks, and refuses decisions its state does not allow', async () => {
    const theirs = CLEAN_LINES.slice(0, 2); // the customer has not booked our receipt yet
    await seedCustomer(h.db.dataSource, 'DIFF', CLEAN_LINES, theirs);
    const { workflowId, period } = await h.periods.openPeriod('DIFF', '2026-10-01', '2026-10-31');
    const handle = await waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const state = await handle.query(getPeriodState);
    expect(state.match).toMatchObject({ differences: 1, openDifferences: 1, tied: true });

    const tasks = await h.db.dataSource.getRepository(Task).findBy({ periodId: period.id });
    expect(tasks.map((t) => t.type)).toEqual([TaskType.REVIEW_DIFFERENCE]);
    expect(tasks[0].title).toContain('MISSING_IN_THEIRS');
    expect(tasks[0].titleKind).toBe('DIFFERENCE');
    expect(tasks[0].titleParams).toMatchObject({ differenceKind: 'MISSING_IN_THEIRS' });
    expect(tasks[0].title).toContain(String(tasks[0].titleParams?.amount));

    // Who may decide is the policy's call, at the API (test/api/graphql-api.test.ts); here, the state's.
    await expect(
      handle.executeUpdate(closeByException, { args: [{ actor: MANAGER, reason: ' ' }] }),
    ).rejects.toMatchObject({ cause: { type: 'INVALID_REQUEST' } });
    await expect(
      handle.executeUpdate(confirmStatement, { args: [{ actor: CUSTOMER }] }),
    ).rejects.toMatchObject({
      cause: { type: 'WRONG_STATE' },
    });
    await expect(
      handle.executeUpdate(completeReview, { args: [{ actor: CLERK, expectedVersion: state.version - 1 }] }),
    ).rejects.toMatchObject({ cause: { type: 'STALE_VERSION' } });
    expect((await handle.query(getPeriodState)).version).toBe(state.version); // refusals changed nothing

    await handle.executeUpdate(closeByException, {
      args: [{ actor: MANAGER, reason: '收款在途，下月核对 payment in transit' }],
    });
    await expect(handle.result()).resolves.toMatchObject({
      status: PeriodStatus.CLOSED,
      closeReason: '收款在途，下月核对 payment in transit',
    });
    await recordHistory(handle, 'period-close-by-exception');
  });

  it('sends a disputed statement back to review with the disputed line as a task', async () => {
    await seedCustomer(h.db.dataSource, 'DISPUTE', CLEAN_LINES, CLEAN_LINES);
    const { workflowId, period } = await h.periods.openPeriod('DISPUTE', '2026-10-01', '2026-10-31');
    const handle = await waitForStatus(workflowId, PeriodStatus.AWAITING_CUSTOMER);
    await expect(
      handle.executeUpdate(disputeStatement, { args: [{ actor: CUSTOMER, lines: [] }] }),
    ).rejects.toMatchObject({
      cause: { type: 'INVALID_REQUEST' },
    });
    await handle.executeUpdate(disputeStatement, {
      args: [{ actor: CUSTOMER, lines: [{ side: 'OURS', lineId: '1', comment: '此发票金额有误' }] }],
    });
    await waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const tasks = await h.db.dataSource.getRepository(Task).findBy({ periodId: period.id });
    expect(tasks.map((t) => t.type)).toContain(TaskType.CUSTOMER_DISPUTE);

    await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
    await waitForStatus(workflowId, PeriodStatus.AWAITING_CUSTOMER);
    expect((await handle.query(getPeriodState)).confirmationRound).toBe(2);
    expect(
      readdirSync(h.outbox).filter((f) => f.startsWith(`statement-${period.id}-`) && f.endsWith('.json')),
    ).toHaveLength(2);
    await handle.executeUpdate(confirmStatement, { args: [{ actor: CUSTOMER }] });
    await handle.result();
    await recordHistory(handle, 'period-dispute-second-round');
  });
});
