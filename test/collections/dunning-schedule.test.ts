import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, readdirSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { DUNNING_FAN_OUT_WORKFLOW, getDunningState } from '../../contract/collections/dunning';
import { DunningCaseStatus } from '../../contract/credit/enums';
import { Customer } from '../../entities/customer.entity';
import { dateOfDay } from '../../formats/date';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { OutboxTransport } from '../../notifications/outbox-transport';
import { DUNNING_SCHEDULE_ID, ensureDunningSchedule } from '../../temporal/schedules';
import { createReconWorker } from '../../worker/create-worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestTemporal, workflowBundle } from '../support/temporal';

const today = () => Math.floor(Date.now() / 86_400_000);

describe('the daily dunning schedule (real Temporal, real database)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let running: { worker: Worker; run: Promise<void> } | undefined;
  const outbox = path.join(mkdtempSync(path.join(os.tmpdir(), 'recon-dunning-schedule-')), 'outbox');
  const taskQueue = 'dunning-schedule';

  beforeAll(async () => {
    [env, db] = await Promise.all([startTestTemporal(), createTestDatabase('dunning_schedule')]);
    const customers = db.dataSource.getRepository(Customer);
    await customers.save({ code: 'LATE', name: 'late payer', currency: 'CNY', contactEmail: 'ap@late.test' });
    await customers.save({ code: 'FINE', name: 'pays on time', currency: 'CNY' });
    await upsertLedgerEntries(db.dataSource, [
      // Net 30: due 70 days ago, past every level's day (+3, +15, +30).
      {
        customerCode: 'LATE',
        source: 'erp',
        externalId: 'inv-1',
        entryDate: dateOfDay(today() - 100),
        kind: 'INVOICE',
        amount: '2500',
        currency: 'CNY',
        docNo: 'INV-1',
      },
      {
        customerCode: 'FINE',
        source: 'erp',
        externalId: 'inv-2',
        entryDate: dateOfDay(today() - 5),
        kind: 'INVOICE',
        amount: '90',
        currency: 'CNY',
      },
    ]);
    const { worker } = await createReconWorker({
      address: env.connection.options.address,
      namespace: 'default',
      taskQueue,
      workflowBundle: await workflowBundle(),
      deps: {
        dataSource: db.dataSource,
        transport: new OutboxTransport(outbox),
        customerLinks: { secret: 'l'.repeat(32), publicUrl: 'http://recon.test', ttlSeconds: 3600 },
      },
    });
    running = { worker, run: worker.run() };
  }, 120_000);

  afterAll(async () => {
    await env?.client.workflow
      .getHandle('dunning-LATE')
      .terminate('test over')
      .catch(() => undefined);
    running?.worker.shutdown();
    await running?.run;
    await env?.teardown();
    await db?.drop();
  });

  const runOnce = async () => {
    const schedule = env.client.schedule.getHandle(DUNNING_SCHEDULE_ID);
    const before = (await schedule.describe()).info.recentActions.length;
    await schedule.trigger();
    let runs: string[] = [];
    for (let i = 0; i < 100 && runs.length <= before; i += 1) {
      runs = (await schedule.describe()).info.recentActions.map((a) => a.action.workflow.workflowId);
      if (runs.length <= before) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return (await env.client.workflow.getHandle(runs[runs.length - 1]).result()) as {
      customers: number;
      started: number;
    };
  };

  it('is created once (daily, 02:30 UTC); a run starts a case for the customer overdue, a second run none', async () => {
    await ensureDunningSchedule(env.client, taskQueue);
    await ensureDunningSchedule(env.client, taskQueue); // a restarted worker: idempotent
    const described = await env.client.schedule.getHandle(DUNNING_SCHEDULE_ID).describe();
    expect(described.action).toMatchObject({ workflowType: DUNNING_FAN_OUT_WORKFLOW, taskQueue });
    expect(described.spec.calendars).toEqual([
      expect.objectContaining({
        hour: [{ start: 2, end: 2, step: 1 }],
        minute: [{ start: 30, end: 30, step: 1 }],
      }),
    ]);

    expect(await runOnce()).toEqual({ customers: 2, started: 1 });
    const handle = env.client.workflow.getHandle('dunning-LATE');
    let state = await handle.query(getDunningState);
    for (let i = 0; i < 100 && state.levelsSent.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = await handle.query(getDunningState);
    }
    // Opened 70 days late: one letter, the highest level due (the final notice), not three.
    expect(state).toMatchObject({
      status: DunningCaseStatus.ACTIVE,
      cycle: dateOfDay(today() - 70),
      levelsSent: [3],
      overdue: '2500',
    });
    expect(readdirSync(outbox).filter((f) => f.endsWith('.json'))).toHaveLength(1);

    // The running case is left alone: nothing starts twice, nothing is sent twice.
    expect(await runOnce()).toEqual({ customers: 2, started: 0 });
    expect(readdirSync(outbox).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const escalations = (await db.dataSource.query('SELECT level FROM dunning_escalations')) as Array<{
      level: number;
    }>;
    expect(escalations).toEqual([{ level: 3 }]);
  });
});
