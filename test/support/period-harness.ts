import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { PeriodStatus } from '../../contract/enums';
import { OutboxTransport } from '../../notifications/outbox-transport';
import { PeriodService } from '../../periods/period.service';
import { createReconWorker } from '../../worker/create-worker';
import { getPeriodState } from '../../contract/period';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestTemporal, workflowBundle } from './temporal';

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

export async function startPeriodHarness(label: string): Promise<PeriodHarness> {
  const [env, db] = await Promise.all([startTestTemporal(), createTestDatabase(label)]);
  const outbox = mkdtempSync(path.join(os.tmpdir(), `recon-${label}-outbox-`));
  const taskQueue = `recon-test-${label}`;
  const linkSecret = 'l'.repeat(32);
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const periods = new PeriodService(db.dataSource, env.client, taskQueue);
  try {
    ({ worker } = await createReconWorker({
      address: env.connection.options.address,
      namespace: 'default',
      taskQueue,
      workflowBundle: await workflowBundle(),
      deps: {
        dataSource: db.dataSource,
        transport: new OutboxTransport(outbox),
        customerLinks: { secret: linkSecret, publicUrl: 'http://recon.test', ttlSeconds: 3600 },
        // No `periods`: the worker opens periods (the schedule's fan-out) on its own connection.
      },
    }));
    running = worker.run();
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
      worker?.shutdown();
      await running;
      await env.teardown();
      await db.drop();
    },
  };
}
