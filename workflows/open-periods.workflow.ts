import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { PeriodActivities } from '../activities';
import {
  monthRange,
  previousMonth,
  type OpenPeriodsInput,
  type OpenPeriodsResult,
  type OpenPeriodsWorkflow,
} from '../contract/period';

const { openPeriodsBatch } = proxyActivities<PeriodActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

const BATCHES_PER_RUN = 200;

/**
 * The scheduled fan-out: opens the period of every active customer whose cadence ends this month,
 * a bounded batch at a time (each period is one workflow with a deterministic id, so a restarted
 * or repeated fan-out opens nothing twice). Long customer lists continue as new to keep history small.
 */
export const openPeriodsWorkflow: OpenPeriodsWorkflow = async function openPeriodsWorkflow(
  input: OpenPeriodsInput = {},
): Promise<OpenPeriodsResult> {
  const month = input.month ?? previousMonth(new Date(Date.now()));
  monthRange(month); // validates the month before any work
  const batchSize = Math.min(Math.max(input.batchSize ?? 50, 1), 500);
  let after = input.afterCustomerId ?? '0';
  let opened = input.opened ?? 0;
  let seen = 0;
  for (let batch = 0; batch < BATCHES_PER_RUN; batch += 1) {
    const result = await openPeriodsBatch({ month, afterCustomerId: after, limit: batchSize });
    opened += result.opened;
    seen += result.customers;
    if (result.lastCustomerId === null) return { month, customersSeen: seen, opened };
    after = result.lastCustomerId;
  }
  return continueAsNew<OpenPeriodsWorkflow>({ month, batchSize, afterCustomerId: after, opened });
};
