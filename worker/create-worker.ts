import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { Client } from '@temporalio/client';
import { createActivities, type ActivityDeps } from '../activities';
import { DunningStarter } from '../collections/dunning-starter';
import { PeriodService } from '../periods/period.service';
import { requestIdClientInterceptor } from '../temporal/request-id-interceptor';
import { activityRequestId } from './activity-request-id';
import { WORKFLOW_INTERCEPTOR_MODULES, WORKFLOWS_PATH } from './workflow-modules';

export interface WorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A pre-built bundle (tests build it once); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkflowBundle;
  maxConcurrentActivityTaskExecutions?: number;
  /** Workflows kept in memory between their tasks (WORKFLOW_CACHE_SIZE unless told). */
  maxCachedWorkflows?: number;
}

/**
 * How many workflows the worker keeps in memory between their tasks. The SDK's default grows with
 * the heap limit (about 2,300 on a 4 GB heap), and in the soak benchmark the worker's RSS climbed
 * from 0.3 to 2.9 GB as a month's periods filled it. A period waits weeks between tasks, so keeping
 * it cached buys nothing; one evicted is replayed from its short history on its next task. Each
 * cached period holds 0.15–0.25 MB of the workflow thread's heap (--trace-gc in the soak: 16 MB
 * live empty, 64–66 MB with 200 cached), and V8 lets a heap grow to a few times its live size
 * before a full collection, so the cache sets the height of the worker's RSS saw tooth: 200 leaves
 * room for the 40 workflow tasks in flight and the periods people are working on.
 * `start:worker` also caps each of the worker's V8 heaps (main, workflow and PDF threads) at 1.5 GB.
 */
export const WORKFLOW_CACHE_SIZE = 200;

export async function createReconWorker(
  options: WorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: options.address });
  try {
    const client = new Client({
      connection,
      namespace: options.namespace,
      interceptors: { workflow: [requestIdClientInterceptor] },
    });
    const worker = await Worker.create({
      connection,
      namespace: options.namespace,
      taskQueue: options.taskQueue,
      ...(options.workflowBundle
        ? { workflowBundle: options.workflowBundle, interceptors: { activity: [activityRequestId] } }
        : {
            workflowsPath: WORKFLOWS_PATH,
            interceptors: { workflowModules: WORKFLOW_INTERCEPTOR_MODULES, activity: [activityRequestId] },
          }),
      activities: createActivities({
        ...options.deps,
        // The schedule's fan-out opens periods from here: on the worker's own connection, so the
        // server can hand each new period's first task straight back (eager workflow start).
        periods:
          options.deps.periods ??
          new PeriodService(options.deps.dataSource, client, options.taskQueue, { eagerStart: true }),
        // The daily dunning fan-out starts customers' cases on the same connection.
        dunning: options.deps.dunning ?? new DunningStarter(client, options.taskQueue),
      }),
      maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 20,
      maxCachedWorkflows: options.maxCachedWorkflows ?? WORKFLOW_CACHE_SIZE,
    });
    return { worker, connection };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
