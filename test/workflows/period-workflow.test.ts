import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { verifyAuditChain } from '../../audit/verify-chain';
import { PeriodStatus, TaskType, UserRole } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import { OutboxTransport } from '../../notifications/outbox-transport';
import { PeriodService } from '../../periods/period.service';
import { createReconWorker } from '../../worker/create-worker';
import {
  closeByException,
  completeReview,
  confirmStatement,
  disputeStatement,
  getPeriodState,
} from '../../contract/period';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { recordHistory } from '../support/record-history';
import { startTestTemporal, workflowBundle } from '../support/temporal';
import { userActor, customerActor } from '../support/actors';

const TASK_QUEUE = 'recon-test-periods';
const CUSTOMER = customerActor('C');
const MANAGER = userActor('1', UserRole.MANAGER, 'Manager Wang');
const CLERK = userActor('2', UserRole.CLERK, 'Clerk Li');

describe('the reconciliation-period workflow on a real Temporal server and MariaDB', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  let periods: PeriodService;
  const outbox = mkdtempSync(path.join(os.tmpdir(), 'recon-outbox-'));

  beforeAll(async () => {
    [env, db] = await Promise.all([startTestTemporal(), createTestDatabase('period_wf')]);
    ({ worker } = await createReconWorker({
      address: env.connection.options.address,
      namespace: env.namespace ?? 'default',
      taskQueue: TASK_QUEUE,
      workflowBundle: await workflowBundle(),
      deps: {
        dataSource: db.dataSource,
        transport: new OutboxTransport(outbox),
        customerLinks: { secret: 's'.repeat(32), publicUrl: 'http://recon.test', ttlSeconds: 3600 },
      },
    }));
    running = worker.run();
    periods = new PeriodService(db.dataSource, env.client, TASK_QUEUE);
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await db?.drop();
  });

  async function waitForStatus(workflowId: string, status: PeriodStatus) {
    const handle = periods.handle(workflowId);
    for (let i = 0; i < 200; i += 1) {
      if ((await handle.query(getPeriodState)).status === status) return handle;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(
      `${workflowId} never reached ${status}; it is ${(await handle.query(getPeriodState)).status}`,
    );
  }

  it('takes a clean period from open to closed through customer confirmation', async () => {
    await seedCustomer(db.dataSource, 'CLEAN', CLEAN_LINES, CLEAN_LINES);
    const { workflowId } = await periods.openPeriod('CLEAN', '2026-10-01', '2026-10-31');
    expect(workflowId).toBe('recon-CLEAN-2026-10');
    const handle = await waitForStatus(workflowId, PeriodStatus.AWAITING_CUSTOMER);

    const state = await handle.query(getPeriodState);
    expect(state.match).toMatchObject({ autoApplied: 3, differences: 0, tied: true, unexplained: '0' });

    const row = await db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ workflowId });
    expect(row.status).toBe(PeriodStatus.AWAITING_CUSTOMER);
    expect(row.ourClosingBalance?.toFixed(2)).toBe('300.25');
    expect(row.theirClosingBalance?.toFixed(2)).toBe('300.25');

    const mail = JSON.parse(readFileSync(path.join(outbox, `statement-${row.id}-round-1.json`), 'utf8')) as {
      to: string;
      confirmationUrl: string;
      text: string;
    };
    expect(mail.to).toBe('clean@example.com');
    expect(mail.confirmationUrl).toMatch(/^http:\/\/recon\.test\/confirm\?token=/);
    expect(mail.text).toContain('期末余额 Closing balance: 300.25');
    // The statement of account goes along as a PDF (written beside the message by the outbox).
    expect((mail as { attachments?: string[] }).attachments).toEqual([expect.stringMatching(/\.pdf$/)]);

    // Temporal's own tools see the status through the search attribute.
    let listed: string[] = [];
    for (let i = 0; i < 50 && !listed.includes(workflowId); i += 1) {
      listed = [];
      for await (const wf of env.client.workflow.list({
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
    const closed = await db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ workflowId });
    expect(closed.status).toBe(PeriodStatus.CLOSED);
    expect(closed.closedAt).toBeInstanceOf(Date);
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ ok: true });
    await recordHistory(handle, 'period-clean-confirmed');
  });

  it('treats opening the same customer and range twice as one period and one workflow', async () => {
    await seedCustomer(db.dataSource, 'TWICE', CLEAN_LINES, CLEAN_LINES);
    const [first, second] = await Promise.all([
      periods.openPeriod('TWICE', '2026-10-01', '2026-10-31'),
      periods.openPeriod('TWICE', '2026-10-01', '2026-10-31'),
    ]);
    const third = await periods.openPeriod('TWICE', '2026-10-01', '2026-10-31');
    expect(new Set([first.workflowId, second.workflowId, third.workflowId]).size).toBe(1);
    expect([first.created, second.created, third.created].filter(Boolean)).toHaveLength(1);
    expect(
      await db.dataSource.getRepository(ReconciliationPeriod).countBy({ workflowId: first.workflowId }),
    ).toBe(1);
    const runs: string[] = [];
    for await (const wf of env.client.workflow.list({ query: `WorkflowId='${first.workflowId}'` }))
      runs.push(wf.runId);
    expect(runs).toHaveLength(1);
  });

  it('sends differences to review with tasks, and refuses decisions its state does not allow', async () => {
    const theirs = CLEAN_LINES.slice(0, 2); // the customer has not booked our receipt yet
    await seedCustomer(db.dataSource, 'DIFF', CLEAN_LINES, theirs);
    const { workflowId, period } = await periods.openPeriod('DIFF', '2026-10-01', '2026-10-31');
    const handle = await waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const state = await handle.query(getPeriodState);
    expect(state.match).toMatchObject({ differences: 1, openDifferences: 1, tied: true });

    const tasks = await db.dataSource.getRepository(Task).findBy({ periodId: period.id });
    expect(tasks.map((t) => t.type)).toEqual([TaskType.REVIEW_DIFFERENCE]);
    expect(tasks[0].title).toContain('MISSING_IN_THEIRS');

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
    await seedCustomer(db.dataSource, 'DISPUTE', CLEAN_LINES, CLEAN_LINES);
    const { workflowId, period } = await periods.openPeriod('DISPUTE', '2026-10-01', '2026-10-31');
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
    const tasks = await db.dataSource.getRepository(Task).findBy({ periodId: period.id });
    expect(tasks.map((t) => t.type)).toContain(TaskType.CUSTOMER_DISPUTE);

    await handle.executeUpdate(completeReview, { args: [{ actor: CLERK }] });
    await waitForStatus(workflowId, PeriodStatus.AWAITING_CUSTOMER);
    expect((await handle.query(getPeriodState)).confirmationRound).toBe(2);
    expect(
      readdirSync(outbox).filter((f) => f.startsWith(`statement-${period.id}-`) && f.endsWith('.json')),
    ).toHaveLength(2);
    await handle.executeUpdate(confirmStatement, { args: [{ actor: CUSTOMER }] });
    await handle.result();
    await recordHistory(handle, 'period-dispute-second-round');
  });
});
