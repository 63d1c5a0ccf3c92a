import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { scheduledBackupWorkflow } from '../../../workflows/backup.workflow';
import { stubActivities, type PeriodScript } from '../../support/stub-activities';
import { startStubWorker, type StubWorker } from '../../support/stub-worker';
import { startTimeSkippingTemporal } from '../../support/temporal';

/** The scheduled backup's workflow on the time-skipping server, with stub activities. */
describe('the scheduled backup workflow', () => {
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

  async function backup(script: PeriodScript) {
    runs += 1;
    const workflowId = `backup-${runs}`;
    const stubs = stubActivities(script);
    worker.serve(workflowId, stubs.activities);
    const handle = await env.client.workflow.start(scheduledBackupWorkflow, {
      taskQueue: worker.taskQueue,
      workflowId,
      args: [{ schedule: '30 1 * * *' }],
    });
    const outcome = await handle.result().then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error: error as Error }),
    );
    return { ...outcome, stubs, startedAt: (await handle.describe()).startTime };
  }

  it('writes the backup named by the run’s start and reports no failure', async () => {
    const { result, stubs, startedAt } = await backup({ matches: [] });
    expect(result).toMatchObject({ name: 'recon-20261101T013000Z' });
    expect(stubs.names()).toEqual(['runScheduledBackup']);
    expect(stubs.inputsOf('runScheduledBackup')).toEqual([{ startedAt: startedAt.toISOString() }]);
  });

  it('a backup that fails raises the failure report with the reason, then fails the run', async () => {
    const { error, stubs } = await backup({ matches: [], backupFails: 'disk full' });
    expect(error?.message).toMatch(/failed/);
    expect(stubs.names()).toEqual(['runScheduledBackup', 'reportBackupFailure']);
    expect(stubs.inputsOf('reportBackupFailure')).toEqual([
      expect.objectContaining({ workflowId: expect.stringMatching(/^backup-/), reason: 'disk full' }),
    ]);
  });
});
