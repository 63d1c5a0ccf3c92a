import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { dunningFanOutWorkflow } from '../../../workflows/dunning-fan-out.workflow';
import { stubDunningActivities } from '../../support/stub-dunning-activities';
import { startStubWorker, type StubWorker } from '../../support/stub-worker';
import { startTimeSkippingTemporal } from '../../support/temporal';

/**
 * The daily fan-out on the time-skipping server with stub activities: the collectors' tasks take
 * the day's order (refreshCollectionTasks) once, before the pages of customers (#21).
 */
describe('the dunning fan-out workflow', () => {
  let env: TestWorkflowEnvironment;
  let worker: StubWorker;

  beforeAll(async () => {
    env = await startTimeSkippingTemporal();
    worker = await startStubWorker(env);
  });
  afterAll(async () => {
    await worker?.shutdown();
    await env?.teardown();
  });

  async function run(input: { asOf: string; afterCustomerId?: string | null }, workflowId: string) {
    const stubs = stubDunningActivities({ paid: false });
    // Two pages of customers, then none.
    let pages = 0;
    stubs.activities.startDunningBatch = async (batch) => {
      stubs.calls.push({ name: 'startDunningBatch', input: batch });
      pages += 1;
      return { customers: 200, started: 1, lastCustomerId: pages < 2 ? `${pages * 200}` : null };
    };
    worker.serve(workflowId, stubs.activities);
    const result = await env.client.workflow.execute(dunningFanOutWorkflow, {
      taskQueue: worker.taskQueue,
      workflowId,
      args: [input],
    });
    return { result, stubs };
  }

  it("re-prioritises the collectors' tasks for the day first, then starts the cases page by page", async () => {
    const { result, stubs } = await run({ asOf: '2026-12-06' }, 'fan-out-1');
    expect(result).toEqual({ customers: 400, started: 2 });
    expect(stubs.calls).toEqual([
      { name: 'refreshCollectionTasks', input: { asOf: '2026-12-06' } },
      { name: 'startDunningBatch', input: { asOf: '2026-12-06', afterCustomerId: null } },
      { name: 'startDunningBatch', input: { asOf: '2026-12-06', afterCustomerId: '200' } },
    ]);
  });

  it('a run continued from a page does not refresh again', async () => {
    const { stubs } = await run({ asOf: '2026-12-06', afterCustomerId: '400' }, 'fan-out-2');
    expect(stubs.names()).toEqual(['startDunningBatch', 'startDunningBatch']);
  });
});
