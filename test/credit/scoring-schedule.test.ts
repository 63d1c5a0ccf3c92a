import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CREDIT_SCORING_WORKFLOW, type CreditScoringResult } from '../../contract/credit/scoring';
import { Customer } from '../../entities/customer.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { CREDIT_SCORING_SCHEDULE_ID, ensureCreditScoringSchedule } from '../../temporal/schedules';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestTemporal } from '../support/temporal';
import { startTestWorker, type RunningTestWorker } from '../support/test-worker';

describe('the nightly credit scoring schedule (real Temporal, real database)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let worker: RunningTestWorker | undefined;
  const taskQueue = 'credit-scoring';

  beforeAll(async () => {
    [env, db] = await Promise.all([startTestTemporal(), createTestDatabase('credit_schedule')]);
    await db.dataSource.getRepository(Customer).save({ code: 'N1', name: 'nightly', currency: 'CNY' });
    await upsertLedgerEntries(db.dataSource, [
      {
        customerCode: 'N1',
        source: 'erp',
        externalId: 'x',
        entryDate: '2026-01-05',
        kind: 'INVOICE',
        amount: '100',
        currency: 'CNY',
      },
    ]);
    const outbox = mkdtempSync(path.join(os.tmpdir(), 'recon-credit-outbox-'));
    worker = await startTestWorker(env, db, { taskQueue, outbox });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await db?.drop();
  });

  it('is created once (nightly, 01:30 UTC) and a run scores every active customer as of its day', async () => {
    await ensureCreditScoringSchedule(env.client, taskQueue);
    await ensureCreditScoringSchedule(env.client, taskQueue); // idempotent
    const schedule = env.client.schedule.getHandle(CREDIT_SCORING_SCHEDULE_ID);
    const described = await schedule.describe();
    expect(described.action).toMatchObject({ workflowType: CREDIT_SCORING_WORKFLOW, taskQueue });
    expect(described.spec.calendars).toEqual([
      expect.objectContaining({
        hour: [{ start: 1, end: 1, step: 1 }],
        minute: [{ start: 30, end: 30, step: 1 }],
      }),
    ]);
    await schedule.trigger();
    let runs: string[] = [];
    for (let i = 0; i < 100 && runs.length === 0; i += 1) {
      runs = (await schedule.describe()).info.recentActions.map((a) => a.action.workflow.workflowId);
      if (!runs.length) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const result = (await env.client.workflow.getHandle(runs[0]).result()) as CreditScoringResult;
    const today = new Date().toISOString().slice(0, 10);
    expect(result).toMatchObject({ asOf: today, customers: 1 });
    const rows = (await db.dataSource.query(
      "SELECT DATE_FORMAT(scored_on, '%Y-%m-%d') AS d, risk_class FROM credit_scores",
    )) as Array<{ d: string; risk_class: string }>;
    expect(rows).toEqual([{ d: today, risk_class: expect.stringMatching(/^[A-D]$/) }]);
    await schedule.delete();
  });
});
