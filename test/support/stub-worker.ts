import { Context } from '@temporalio/activity';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Duration } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { stubActivities } from './stub-activities';
import { workflowBundle } from './temporal';

export type Stubbed = ReturnType<typeof stubActivities>;

type AnyActivities = object;

/** One worker for a test file, on a task queue of its own; each workflow's activities are stubs. */
export interface StubWorker {
  taskQueue: string;
  /** The activities of the workflow `workflowId` (every run of it) answer from `activities`. */
  serve(workflowId: string, activities: AnyActivities): void;
  shutdown(): Promise<void>;
}

let queues = 0;

/**
 * Starts one worker for a whole test file: the bundled workflows, and every activity routed by
 * workflow id to the stubs a test registered with `serve`. Creating a worker per test (loading the
 * bundle into a new context, then shutting it down) cost about half a second each.
 */
export async function startStubWorker(env: TestWorkflowEnvironment): Promise<StubWorker> {
  queues += 1;
  const taskQueue = `unit-${process.pid}-${queues}`;
  const routes = new Map<string, AnyActivities>();
  const route =
    (name: string) =>
    (...args: unknown[]): Promise<unknown> => {
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
      const stubs = routes.get(workflowId) as
        Record<string, (...a: unknown[]) => Promise<unknown>> | undefined;
      const activity = stubs?.[name];
      if (!activity) throw ApplicationFailure.nonRetryable(`no stub ${name} for ${workflowId}`, 'NO_STUB');
      return activity(...args);
    };
  // Every activity a workflow may call: the period stubs list them all (the dunning ones included).
  const names = Object.keys(stubActivities({ matches: [] }).activities);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: Object.fromEntries(names.map((name) => [name, route(name)])),
  });
  const running = worker.run();
  running.catch(() => undefined); // a failure surfaces in shutdown()
  return {
    taskQueue,
    serve: (workflowId, activities) => routes.set(workflowId, activities),
    async shutdown() {
      worker.shutdown();
      await running;
    },
  };
}

/**
 * Waits until the workflow has nothing in flight: no workflow task scheduled or running and no
 * activity outstanding (retries included), or it has closed. Read from one fetch of its history,
 * a consistent view (its description, read beside it, could be newer and say "no activity" of
 * one the history had not seen finish), not from a quiet spell of real time. After `env.sleep`,
 * the timers due have fired; this waits for what they set off.
 */
export async function settled(handle: WorkflowHandle, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = 'nothing yet';
  while (Date.now() < deadline) {
    const events = (await handle.fetchHistory()).events ?? [];
    const last = events.at(-1);
    const closed =
      last?.workflowExecutionCompletedEventAttributes ||
      last?.workflowExecutionFailedEventAttributes ||
      last?.workflowExecutionTimedOutEventAttributes ||
      last?.workflowExecutionCanceledEventAttributes ||
      last?.workflowExecutionTerminatedEventAttributes ||
      last?.workflowExecutionContinuedAsNewEventAttributes;
    if (closed) return;
    const lastTask = events
      .filter(
        (event) =>
          event.workflowTaskScheduledEventAttributes ||
          event.workflowTaskStartedEventAttributes ||
          event.workflowTaskCompletedEventAttributes ||
          event.workflowTaskFailedEventAttributes ||
          event.workflowTaskTimedOutEventAttributes,
      )
      .at(-1);
    const finished = new Set(
      events.map((event) =>
        String(
          (
            event.activityTaskCompletedEventAttributes ??
            event.activityTaskFailedEventAttributes ??
            event.activityTaskTimedOutEventAttributes ??
            event.activityTaskCanceledEventAttributes
          )?.scheduledEventId,
        ),
      ),
    );
    const outstanding = events
      .filter((event) => event.activityTaskScheduledEventAttributes && !finished.has(String(event.eventId)))
      .map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name);
    if (lastTask?.workflowTaskCompletedEventAttributes && outstanding.length === 0) return;
    seen = `last workflow task event ${lastTask?.eventType}, activities [${outstanding.join(', ')}]`;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${handle.workflowId} did not settle in ${timeoutMs} ms: ${seen}`);
}

/**
 * Terminates a workflow once it has settled. Terminated with an activity outstanding, the
 * time-skipping server can keep that activity's lock on its clock: every later sleep hangs.
 */
export async function terminateSettled(handle: WorkflowHandle): Promise<void> {
  await settled(handle);
  await handle.terminate('test over').catch(() => undefined); // it may have closed already
}

/**
 * Moves the test server's clock on by `duration` (nothing when not positive) and waits for what
 * the timers due set off. The workflow settles first, and the clock is watched: a lock left on
 * it (the time-skipping server counts locks) fails here in 20 s, not at jest's timeout.
 */
export async function skipTime(
  env: TestWorkflowEnvironment,
  handle: WorkflowHandle,
  duration: Duration,
): Promise<void> {
  await settled(handle);
  if (typeof duration !== 'number' || duration > 0) {
    const slept = env.sleep(duration).then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 20_000)));
    const done = await Promise.race([slept, stuck]);
    clearTimeout(timer);
    if (!done)
      throw new Error(`the test server's clock did not move in 20 s (at ${await env.currentTimeMs()})`);
  }
  await settled(handle);
}
