import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { scheduledBackupWorkflow } from '../../../workflows/backup.workflow';
import type { PeriodScript } from '../../support/stub-activities';
import { withStubWorker } from '../../support/stub-worker';
import { startTimeSkippingTemporal } from '../../support/temporal';

/** The scheduled backup's workflow on the time-skipping server, with stub activities. */
describe('the scheduled backup workflow', () => {
  let env: TestWorkflowEnvironment;
  let runs = 0;

  beforeAll(async () => {
    env = await startTimeSkippingTemporal();
  });
  afterAll(() => env?.teardown());

  async function backup(script: PeriodScript) {
    runs += 1;
    return withStubWorker(env, script, async (taskQueue, stubs) => {
      const handle = await env.client.workflow.start(scheduledBackupWorkflow, {
        taskQueue,
        workflowId: `backup-${runs}`,
        args: [{ schedule: '30 1 * * *' }],
      });
      const outcome = await handle.result().then(
        (result) => ({ result, error: undefined }),
        (error: unknown) => ({ result: undefined, error: error as Error }),
      );
      return { ...outcome, stubs, startedAt: (await handle.describe()).startTime };
    });
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
