import { ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { PeriodActivities } from '../activities';
import type { BackupRunResult, ScheduledBackupInput, ScheduledBackupWorkflow } from '../contract/backup';

const { runScheduledBackup } = proxyActivities<PeriodActivities>({
  startToCloseTimeout: '3 hours',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 minute', maximumInterval: '10 minutes', maximumAttempts: 3 },
});

const { reportBackupFailure } = proxyActivities<PeriodActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});

/**
 * One scheduled backup: write it (retried a few times), then apply the retention policy. When it
 * still fails, an admin task and a `backup.failed` webhook say so, and the run fails (visible in
 * Temporal's UI as a failed schedule action).
 */
export const scheduledBackupWorkflow: ScheduledBackupWorkflow = async function scheduledBackupWorkflow(
  _input: ScheduledBackupInput = {},
): Promise<BackupRunResult> {
  const info = workflowInfo();
  try {
    return await runScheduledBackup({ startedAt: info.startTime.toISOString() });
  } catch (error) {
    const reason = describe(error);
    await reportBackupFailure({
      scheduledAt: info.startTime.toISOString(),
      workflowId: info.workflowId,
      runId: info.runId,
      reason,
    });
    throw ApplicationFailure.nonRetryable(`scheduled backup failed: ${reason}`, 'BACKUP_FAILED');
  }
};

/** The innermost message of an activity failure (the activity's own error). */
function describe(error: unknown): string {
  let current = error as { message?: string; cause?: unknown } | undefined;
  let message = 'unknown error';
  for (let depth = 0; current && depth < 5; depth += 1) {
    if (current.message) message = current.message;
    current = current.cause as typeof current;
  }
  return message;
}
