import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createDunningActivities } from '../../activities/collections/dunning';
import { getDunningState, type DunningActivities } from '../../contract/collections/dunning';
import { DunningCaseStatus } from '../../contract/credit/enums';
import { Customer } from '../../entities/customer.entity';
import { dateOfDay } from '../../formats/date';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { OutboxTransport, readOutboxMessage } from '../../notifications/outbox-transport';
import { dunningWorkflow } from '../../workflows/dunning.workflow';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTimeSkippingTemporal, workflowBundle } from '../support/temporal';

const DAY = 86_400_000;

/**
 * The dunning workflow on the time-skipping server with the real activities (MariaDB, the mail
 * outbox), its workers stopped under it: one between levels (the next replays the history), one
 * after its letter's mail left but before the activity completed (the activity runs again on the
 * next worker). Exactly one mail per level may leave. A worker killed outright inside the activity
 * is retried the same way after the activity's timeout; the time-skipping server does not skip
 * time while an activity is outstanding, so that wait is not part of this test.
 */
describe('a dunning case whose workers die', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let outbox: string;
  let real: DunningActivities;
  /** Every mail handed to the transport (the outbox keeps one file per message id, so it would hide a second send). */
  const sends: Array<{ messageId: string; subject: string; to: string }> = [];

  beforeAll(async () => {
    env = await startTimeSkippingTemporal();
    await workflowBundle();
    db = await createTestDatabase('dunning_worker_killed');
    outbox = path.join(mkdtempSync(path.join(os.tmpdir(), 'recon-dunning-killed-')), 'outbox');
    const box = new OutboxTransport(outbox);
    real = createDunningActivities({
      dataSource: db.dataSource,
      transport: {
        send: async (message) => {
          sends.push({ messageId: message.messageId, subject: message.subject, to: message.to });
          await box.send(message);
        },
      },
      customerLinks: { secret: 'l'.repeat(32), publicUrl: 'http://recon.test', ttlSeconds: 3600 },
      companyName: '本公司 Our Company',
      companyContact: 'ar@recon.test',
    });
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
    await env?.teardown();
  });

  /** A worker of the task queue; `sendDunningLetter` may be replaced (to die inside it). */
  const worker = async (send?: DunningActivities['sendDunningLetter']) =>
    Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'dunning-killed',
      workflowBundle: await workflowBundle(),
      activities: { ...real, ...(send ? { sendDunningLetter: send } : {}) },
      // No sticky queue: a dead worker's cache would hold the case's next task (and the skipped clock) until it timed out.
      maxCachedWorkflows: 0,
    });

  const mails = async () => {
    const ids = readdirSync(outbox)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.replace(/\.json$/, ''));
    return Promise.all(ids.map((id) => readOutboxMessage(outbox, id)));
  };
  const letters = async () =>
    (
      (await db.dataSource.query('SELECT level, status FROM dunning_letters ORDER BY level, id')) as Array<{
        level: number;
        status: string;
      }>
    ).map((row) => `${row.level}:${row.status}`);

  it('a worker killed between levels sends nothing twice; the next one sends each level once', async () => {
    const today = Math.floor((await env.currentTimeMs()) / DAY);
    const customer = await db.dataSource
      .getRepository(Customer)
      .save({ code: 'K1', name: '催款客户 Killed Ltd', currency: 'CNY', contactEmail: 'ap@k1.test' });
    // Net 30: the invoice fell due yesterday, the case's cycle.
    await upsertLedgerEntries(db.dataSource, [
      {
        customerCode: 'K1',
        source: 'erp',
        externalId: 'inv-1',
        entryDate: dateOfDay(today - 31),
        kind: 'INVOICE',
        amount: '2400',
        currency: 'CNY',
        docNo: 'INV-1',
      },
    ]);
    const [{ due }] = (await db.dataSource.query(
      "SELECT DATE_FORMAT(DATE_ADD(entry_date, INTERVAL 30 DAY), '%Y-%m-%d') AS due FROM ledger_entries",
    )) as Array<{ due: string }>;
    const cycleDay = today - 1;
    expect(due).toBe(dateOfDay(cycleDay));
    /** Skips the server's clock to `at` ms into day `n` (noon by default); after it, time runs as usual. */
    const toDay = async (n: number, at = DAY / 2) => {
      const target = (cycleDay + n) * DAY + at;
      const now = await env.currentTimeMs();
      if (target > now) await env.sleep(target - now);
    };
    const handle = await env.client.workflow.start(dunningWorkflow, {
      taskQueue: 'dunning-killed',
      workflowId: 'dunning-K1',
      args: [{ customerId: customer.id, customerCode: 'K1', cycle: dateOfDay(cycleDay) }],
    });
    const waitUntil = async (what: string, probe: () => Promise<boolean>) => {
      for (let i = 0; i < 300; i += 1) {
        if (await probe()) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`never: ${what}`);
    };

    // Worker A sends level 1 on day 3, then dies while the case waits for day 15.
    const a = await worker();
    await a.runUntil(async () => {
      await toDay(3);
      await waitUntil('level 1', async () => (await letters()).length === 1);
      await waitUntil(
        'waiting for level 2',
        async () => (await handle.query(getDunningState)).nextLevel === 2,
      );
    });
    expect(await letters()).toEqual(['1:SENT']);

    // Worker B (no cached history: it replays) sends level 2 on day 15 and dies before it can
    // report so: the mail left, the activity did not complete, and Temporal runs it again.
    let diedInside = false;
    const b = await worker(async (input) => {
      if (diedInside) throw new Error('worker B is dead');
      const result = await real.sendDunningLetter(input);
      if (input.level !== 2) return result;
      diedInside = true;
      throw new Error('worker B died after the mail left, before reporting');
    });
    await b.runUntil(async () => {
      // Just past midnight, when level 2's timer fires: after that the clock runs at its own pace,
      // and the retry (a second later) finds B gone.
      await toDay(15, 1_000);
      await waitUntil('level 2 written by B', async () => diedInside);
    });
    expect(await letters()).toEqual(['1:SENT', '2:SENT']);
    expect(sends).toHaveLength(2);

    // Worker C: level 2's activity runs again here and sends nothing; level 3 on day 30.
    const c = await worker();
    await c.runUntil(async () => {
      await waitUntil('level 2 reported', async () =>
        (await handle.query(getDunningState)).levelsSent.includes(2),
      );
      await toDay(30);
      await waitUntil('level 3', async () => (await handle.query(getDunningState)).levelsSent.includes(3));
      expect(await handle.query(getDunningState)).toMatchObject({
        status: DunningCaseStatus.ACTIVE,
        levelsSent: [1, 2, 3],
      });
      await handle.terminate('test over');
    });

    expect(await letters()).toEqual(['1:SENT', '2:SENT', '3:SENT']);
    expect(sends).toHaveLength(3);
    expect(new Set(sends.map((mail) => mail.messageId)).size).toBe(3);
    expect(sends.map((mail) => mail.to)).toEqual(['ap@k1.test', 'ap@k1.test', 'ap@k1.test']);
    expect(new Set(sends.map((mail) => mail.subject)).size).toBe(3);
    const inOutbox = await mails();
    expect(inOutbox.map((mail) => mail.messageId).sort()).toEqual(sends.map((mail) => mail.messageId).sort());
  });
});
