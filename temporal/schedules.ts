import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
} from '@temporalio/client';
import { SCHEDULED_BACKUP_WORKFLOW, type ScheduledBackupInput } from '../contract/backup';
import { DUNNING_FAN_OUT_WORKFLOW, type DunningFanOutInput } from '../contract/collections/dunning';
import { CREDIT_SCORING_WORKFLOW, type CreditScoringInput } from '../contract/credit/scoring';
import { OPEN_PERIODS_WORKFLOW, type OpenPeriodsInput } from '../contract/period';

export const MONTHLY_SCHEDULE_ID = 'recon-open-periods-monthly';

/**
 * The monthly schedule: at 02:00 UTC on the 1st, open the month just ended for every active customer.
 * Created once; an existing schedule is left as its operators configured it.
 */
export async function ensureMonthlySchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: MONTHLY_SCHEDULE_ID,
      spec: { calendars: [{ dayOfMonth: 1, hour: 2, minute: 0 }] },
      action: {
        type: 'startWorkflow',
        workflowType: OPEN_PERIODS_WORKFLOW,
        workflowId: 'recon-open-periods',
        taskQueue,
        args: [{} satisfies OpenPeriodsInput],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}

export const BACKUP_SCHEDULE_ID = 'recon-backup';

/**
 * The backup schedule (BACKUP_SCHEDULE, a UTC cron expression): created when missing, its spec
 * brought in line with the configuration when it changed, and
 * deleted when backups are switched off (the cron text rides in the action's input, to compare). Overlap SKIP: a slow backup is never run twice at once.
 */
export async function ensureBackupSchedule(
  client: Client,
  taskQueue: string,
  cron: string | null,
): Promise<void> {
  const handle = client.schedule.getHandle(BACKUP_SCHEDULE_ID);
  if (cron === null) {
    await handle.delete().catch((error: unknown) => {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    });
    return;
  }
  try {
    await client.schedule.create({
      scheduleId: BACKUP_SCHEDULE_ID,
      spec: { cronExpressions: [cron] },
      action: {
        type: 'startWorkflow',
        workflowType: SCHEDULED_BACKUP_WORKFLOW,
        workflowId: 'recon-backup-run',
        taskQueue,
        args: [{ schedule: cron } satisfies ScheduledBackupInput],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    const described = await handle.describe();
    const action = described.action as { args?: ScheduledBackupInput[] };
    if (action.args?.[0]?.schedule === cron) return;
    await handle.update((previous) => ({
      ...previous,
      spec: { cronExpressions: [cron] },
      action: { ...previous.action, args: [{ schedule: cron } satisfies ScheduledBackupInput] },
    }));
  }
}

export const CREDIT_SCORING_SCHEDULE_ID = 'recon-credit-scoring-nightly';

/**
 * The nightly credit scoring: at 01:30 UTC every day, score every active customer (docs/credit.md).
 * Created once; an existing schedule is left as its operators configured it. Overlap SKIP.
 */
export async function ensureCreditScoringSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: CREDIT_SCORING_SCHEDULE_ID,
      spec: { calendars: [{ hour: 1, minute: 30 }] },
      action: {
        type: 'startWorkflow',
        workflowType: CREDIT_SCORING_WORKFLOW,
        workflowId: 'recon-credit-scoring',
        taskQueue,
        args: [{} satisfies CreditScoringInput],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}

export const DUNNING_SCHEDULE_ID = 'recon-dunning-daily';

/**
 * The daily dunning fan-out: at 02:30 UTC every day (after the nightly scoring), a case for every
 * customer with something overdue (docs/collections.md). Created once; an existing schedule is left
 * as its operators configured it, so a restarted worker changes nothing. Overlap SKIP.
 */
export async function ensureDunningSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: DUNNING_SCHEDULE_ID,
      spec: { calendars: [{ hour: 2, minute: 30 }] },
      action: {
        type: 'startWorkflow',
        workflowType: DUNNING_FAN_OUT_WORKFLOW,
        workflowId: 'recon-dunning-fan-out',
        taskQueue,
        args: [{} satisfies DunningFanOutInput],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
