import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openPeriodsWorkflow } from '../../../workflows/open-periods.workflow';
import { stubActivities, type PeriodScript } from '../../support/stub-activities';
import { startStubWorker, type StubWorker } from '../../support/stub-worker';
import { startTimeSkippingTemporal } from '../../support/temporal';

/** The scheduled fan-out on the time-skipping server, with a stub batch activity. */
describe('the monthly fan-out workflow', () => {
  let env: TestWorkflowEnvironment;
  let worker: StubWorker;
  let runs = 0;

  beforeAll(async () => {
    env = await startTimeSkippingTemporal();
    worker = await startStubWorker(env);
  });
  afterAll(async () => {
    await worker?.shutdown();
    await env?.teardown();
  });

  async function fanOut(script: PeriodScript, input: Parameters<typeof openPeriodsWorkflow>[0]) {
    runs += 1;
    const workflowId = `fan-out-${runs}`;
    const stubs = stubActivities(script);
    worker.serve(workflowId, stubs.activities);
    const handle = await env.client.workflow.start(openPeriodsWorkflow, {
      taskQueue: worker.taskQueue,
      workflowId,
      args: [input],
    });
    const result = await handle.result();
    return { result, stubs, startedAt: (await handle.describe()).startTime };
  }

  it('opens the customers batch after batch, each batch starting after the last customer of the one before', async () => {
    const { result, stubs } = await fanOut(
      { matches: [], customerPages: [['1', '2'], ['3', '4'], ['5']] },
      { month: '2026-10', batchSize: 2 },
    );
    expect(result).toEqual({ month: '2026-10', customersSeen: 5, opened: 5 });
    expect(stubs.inputsOf('openPeriodsBatch')).toEqual([
      { month: '2026-10', afterCustomerId: '0', limit: 2 },
      { month: '2026-10', afterCustomerId: '2', limit: 2 },
      { month: '2026-10', afterCustomerId: '4', limit: 2 },
    ]);
  });

  it('reconciles the month before the run when none is given, and bounds the batch size', async () => {
    const { result, stubs, startedAt } = await fanOut(
      { matches: [], customerPages: [['1']] },
      { batchSize: 10_000 },
    );
    // The month before the run's start, on the test server's clock (which skips ahead).
    const month = new Date(Date.UTC(startedAt.getUTCFullYear(), startedAt.getUTCMonth() - 1, 1));
    const expected = month.toISOString().slice(0, 7);
    expect(result.month).toBe(expected);
    expect(stubs.inputsOf('openPeriodsBatch')[0]).toMatchObject({ limit: 500 });
  });

  it('continues as new after 200 batches, carrying what it opened', async () => {
    const pages = Array.from({ length: 201 }, (_, i) => [String(i + 1)]);
    const { result, stubs } = await fanOut(
      { matches: [], customerPages: pages },
      { month: '2026-10', batchSize: 1 },
    );
    expect(result).toEqual({ month: '2026-10', customersSeen: 1, opened: 201 });
    expect(stubs.inputsOf('openPeriodsBatch')).toHaveLength(201);
    expect(stubs.inputsOf('openPeriodsBatch')[200]).toEqual({
      month: '2026-10',
      afterCustomerId: '200',
      limit: 1,
    });
  });
});
