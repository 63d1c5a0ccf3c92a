import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { ActivityDeps } from '../../activities';
import { OutboxTransport } from '../../notifications/outbox-transport';
import { createReconWorker } from '../../worker/create-worker';
import type { TestDatabase } from './database';
import { workflowBundle } from './temporal';

export interface RunningTestWorker {
  worker: Worker;
  /** Shuts the worker down, waits for its run to end, closes its connection. */
  stop(): Promise<void>;
}

/** The customer links' secret of in-process test workers. */
export const TEST_LINK_SECRET = 'l'.repeat(32);

/**
 * Recon's worker in this process, on the test server, against the test database, with the shared
 * workflow bundle: statements go to `outbox`, links are signed with TEST_LINK_SECRET; `deps`
 * adds or overrides activity dependencies (backup settings, a transport of the test's own).
 */
export async function startTestWorker(
  env: TestWorkflowEnvironment,
  db: TestDatabase,
  options: { taskQueue: string; outbox: string; deps?: Partial<ActivityDeps> },
): Promise<RunningTestWorker> {
  const { worker, connection } = await createReconWorker({
    address: env.connection.options.address,
    namespace: 'default',
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle(),
    deps: {
      dataSource: db.dataSource,
      transport: new OutboxTransport(options.outbox),
      customerLinks: { secret: TEST_LINK_SECRET, publicUrl: 'http://recon.test', ttlSeconds: 3600 },
      ...options.deps,
    },
  });
  const run = worker.run();
  return {
    worker,
    async stop() {
      worker.shutdown();
      await run;
      await connection.close();
    },
  };
}
