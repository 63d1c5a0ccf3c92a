import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ActivityDeps } from '../../activities';
import type { PeriodStatus } from '../../contract/enums';
import { PeriodService } from '../../periods/period.service';
import { getPeriodState } from '../../contract/period';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestTemporal } from './temporal';
import { startTestWorker, TEST_LINK_SECRET, type RunningTestWorker } from './test-worker';

/** A real Temporal dev server, a migrated MariaDB database and a worker, for one test file. */
export interface PeriodHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  periods: PeriodService;
  outbox: string;
  taskQueue: string;
  linkSecret: string;
  waitForStatus(workflowId: string, status: PeriodStatus, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startPeriodHarness(
  label: string,
  options: { deps?: Partial<ActivityDeps> } = {},
): Promise<PeriodHarness> {
  const [env, db] = await Promise.all([startTestTemporal(), createTestDatabase(label)]);
  const outbox = mkdtempSync(path.join(os.tmpdir(), `recon-${label}-outbox-`));
  const taskQueue = `recon-test-${label}`;
  const linkSecret = TEST_LINK_SECRET;
  let worker: RunningTestWorker;
  const periods = new PeriodService(db.dataSource, env.client, taskQueue);
  try {
    // No `periods` dependency: the worker opens periods (the schedule's fan-out) on its own connection.
    worker = await startTestWorker(env, db, { taskQueue, outbox, deps: options.deps });
  } catch (error) {
    await env.teardown();
    await db.drop();
    throw error;
  }
  return {
    env,
    db,
    periods,
    outbox,
    taskQueue,
    linkSecret,
    async waitForStatus(workflowId, status, timeoutMs = 20_000) {
      const handle = periods.handle(workflowId);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const state = await handle.query(getPeriodState);
        if (state.status === status) return;
        if (Date.now() > deadline)
          throw new Error(`${workflowId} never reached ${status}; it is ${state.status}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      await worker.stop();
      await env.teardown();
      await db.drop();
    },
  };
}
