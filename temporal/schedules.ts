import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
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
