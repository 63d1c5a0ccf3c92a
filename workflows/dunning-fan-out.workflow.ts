import { continueAsNew, patched, proxyActivities } from '@temporalio/workflow';
import type { DunningActivities, DunningFanOutWorkflow } from '../contract/collections/dunning';
import { dateOfDay } from '../formats/date';

const { startDunningBatch, refreshCollectionTasks } = proxyActivities<DunningActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

const BATCHES_PER_RUN = 200;

/**
 * The daily schedule's run: a dunning case for every customer with something overdue, a page of
 * customers at a time. Each case is one workflow per customer (a running one is left alone), so a
 * repeated or restarted run starts nothing twice.
 */
export const dunningFanOutWorkflow: DunningFanOutWorkflow = async function dunningFanOutWorkflow(input = {}) {
  const asOf = input.asOf ?? dateOfDay(Math.floor(Date.now() / 86_400_000));
  let after = input.afterCustomerId ?? null;
  let customers = 0;
  let started = 0;
  // The collectors' tasks take the day's order first (a run continued as new did it already).
  if (!input.afterCustomerId && patched('collection-tasks-refresh')) await refreshCollectionTasks({ asOf });
  for (let batch = 0; batch < BATCHES_PER_RUN; batch += 1) {
    const result = await startDunningBatch({ asOf, afterCustomerId: after });
    customers += result.customers;
    started += result.started;
    if (result.lastCustomerId === null) return { customers, started };
    after = result.lastCustomerId;
  }
  return continueAsNew<DunningFanOutWorkflow>({ asOf, afterCustomerId: after });
};
