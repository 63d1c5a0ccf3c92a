import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { stubActivities, type PeriodScript } from './stub-activities';
import { workflowBundle } from './temporal';

export type Stubbed = ReturnType<typeof stubActivities>;

let queues = 0;

/**
 * Runs `body` while a worker serves a task queue of its own on `env`: the bundled workflows and
 * activities that answer as `script` says (stub-activities.ts), so a workflow test needs no database.
 */
export async function withStubWorker<T>(
  env: TestWorkflowEnvironment,
  script: PeriodScript,
  body: (taskQueue: string, stubs: Stubbed) => Promise<T>,
): Promise<T> {
  queues += 1;
  const taskQueue = `unit-${queues}`;
  const stubs = stubActivities(script);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: stubs.activities,
  });
  return worker.runUntil(() => body(taskQueue, stubs));
}
