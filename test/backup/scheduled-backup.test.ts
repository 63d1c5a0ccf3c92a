import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { SCHEDULED_BACKUP_WORKFLOW } from '../../contract/backup';
import { AdminTaskKind, AdminTaskStatus } from '../../contract/enums';
import { AdminTask } from '../../entities/admin-task.entity';
import { WebhookEvent } from '../../entities/webhook-event.entity';
import { WebhookSubscription } from '../../entities/webhook-subscription.entity';
import { BACKUP_SCHEDULE_ID, ensureBackupSchedule } from '../../temporal/schedules';
import { verifyAuditChain } from '../../audit/verify-chain';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestTemporal } from '../support/temporal';
import { startTestWorker, type RunningTestWorker } from '../support/test-worker';

describe('scheduled backups (a Temporal Schedule, retention, failures raise an admin task and a webhook)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  const root = mkdtempSync(path.join(os.tmpdir(), 'recon-sched-backup-'));
  const dir = path.join(root, 'backups');
  const running: RunningTestWorker[] = [];

  /** A worker whose backups go to `dir`; with `user`, one that signs in to the database wrongly. */
  async function startWorker(taskQueue: string, user?: string) {
    running.push(
      await startTestWorker(env, db, {
        taskQueue,
        outbox: path.join(root, 'outbox'),
        deps: {
          backups: {
            dir,
            db: user ? { ...db.config, user, password: 'wrong password' } : db.config,
            keepDaily: 2,
            keepMonthly: 1,
            reconVersion: 'test',
          },
        },
      }),
    );
  }

  beforeAll(async () => {
    [env, db] = await Promise.all([startTestTemporal(), createTestDatabase('sched_backup')]);
    await seedCustomer(db.dataSource, 'SB1', CLEAN_LINES, CLEAN_LINES);
    await db.dataSource.getRepository(WebhookSubscription).save({
      name: 'ops',
      url: 'https://ops.example/hooks',
      secret: 's'.repeat(64),
      eventTypes: ['backup.failed'],
      createdBy: 'test',
    });
  });

  afterAll(async () => {
    for (const worker of running) await worker.stop();
    await env?.teardown();
    await db?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs from its schedule, writes a verified backup and keeps only what the retention policy says', async () => {
    // Earlier backups of the series (the newest of two older days and of an older month stay).
    const old = [
      'recon-20240131T013000Z',
      'recon-20240215T013000Z',
      'recon-20240216T013000Z',
      'recon-20240216T133000Z',
    ];
    for (const name of old) {
      mkdirSync(path.join(dir, name), { recursive: true });
      writeFileSync(path.join(dir, name, 'manifest.json'), '{}');
    }
    mkdirSync(path.join(dir, 'not-a-backup'));
    await startWorker('backup-ok');
    await ensureBackupSchedule(env.client, 'backup-ok', '30 1 * * *');
    await ensureBackupSchedule(env.client, 'backup-ok', '30 1 * * *'); // idempotent
    const schedule = env.client.schedule.getHandle(BACKUP_SCHEDULE_ID);
    const described = await schedule.describe();
    expect(described.action).toMatchObject({
      workflowType: SCHEDULED_BACKUP_WORKFLOW,
      taskQueue: 'backup-ok',
    });
    await schedule.trigger();
    let runs: string[] = [];
    for (let i = 0; i < 100 && runs.length === 0; i += 1) {
      runs = (await schedule.describe()).info.recentActions.map((a) => a.action.workflow.workflowId);
      if (!runs.length) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const result = (await env.client.workflow.getHandle(runs[0]).result()) as {
      name: string;
      removed: string[];
    };
    expect(result.name).toMatch(/^recon-\d{8}T\d{9}Z$/);
    expect(existsSync(path.join(dir, result.name, 'manifest.json'))).toBe(true);
    expect(result.removed.sort()).toEqual([
      'recon-20240131T013000Z',
      'recon-20240215T013000Z',
      'recon-20240216T013000Z',
    ]);
    expect(readdirSync(dir).sort()).toEqual([result.name, 'not-a-backup', 'recon-20240216T133000Z'].sort());

    await ensureBackupSchedule(env.client, 'backup-ok', null);
    await expect(schedule.describe()).rejects.toThrow();
  });

  it('a failed backup raises one admin task and a backup.failed webhook event, audited', async () => {
    await startWorker('backup-broken', 'no_such_user');
    const handle = await env.client.workflow.start(SCHEDULED_BACKUP_WORKFLOW, {
      taskQueue: 'backup-broken',
      workflowId: 'backup-broken-run',
      args: [{}],
    });
    await expect(handle.result()).rejects.toThrow();
    const tasks = await db.dataSource.getRepository(AdminTask).find();
    expect(tasks).toEqual([
      expect.objectContaining({
        kind: AdminTaskKind.BACKUP_FAILED,
        status: AdminTaskStatus.OPEN,
        detail: expect.stringMatching(/Access denied/i),
      }),
    ]);
    const events = await db.dataSource.getRepository(WebhookEvent).findBy({ type: 'backup.failed' });
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      adminTaskId: tasks[0].id,
      reason: expect.stringMatching(/Access denied/i),
    });
    const [raised] = (await db.dataSource.query(
      "SELECT actor_id FROM audit_events WHERE action = 'admin_task.raised'",
    )) as Array<{ actor_id: string }>;
    expect(raised.actor_id).toBe('backup');
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ ok: true });
  });
});
