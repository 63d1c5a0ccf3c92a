import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { PeriodStatus, UserRole } from '../../../contract/enums';
import { getPeriodState, proposeAdjustment } from '../../../contract/period';
import { Difference } from '../../../entities/difference.entity';
import { PeriodService } from '../../../periods/period.service';
import type { DevServer } from '../../../temporal/dev-server';
import { userActor } from '../../support/actors';
import type { Line } from '../../support/fixtures';
import { waitFor } from './processes';

/** The fault tests' people: a clerk who proposes, a manager who approves (maker ≠ checker). */
export const CLERK = userActor('10', UserRole.CLERK, 'Clerk Li');
export const MANAGER = userActor('20', UserRole.MANAGER, 'Manager Wang');

/** An invoice on both sides, and a bank fee only the customer's statement has: one difference. */
export const INVOICE: Line = {
  id: 'inv',
  date: '2026-10-03',
  ref: 'INV-100',
  kind: 'INVOICE',
  amount: '1000.00',
};
export const FEE: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-7', kind: 'OTHER', amount: '-15.00' };

/** The fault tests' way in: periods on the test's own Temporal server, and waiting for a status. */
export async function faultPeriods(dataSource: DataSource, temporal: DevServer, taskQueue: string) {
  const connection = await Connection.connect({ address: temporal.address });
  const periods = new PeriodService(dataSource, new Client({ connection }), taskQueue);
  const statusOf = async (workflowId: string) =>
    (await periods.handle(workflowId).query(getPeriodState)).status;
  /** Waits (polling the workflow) until the period is in `status`. */
  const reach = (workflowId: string, status: PeriodStatus, timeoutMs = 90_000) =>
    waitFor(`${workflowId} ${status}`, async () => (await statusOf(workflowId)) === status, timeoutMs);
  return { connection, periods, statusOf, reach };
}

/**
 * Opens the review case's period (seeded with INVOICE on both sides and FEE on the customer's) and,
 * once it is in review with its one difference, has the clerk propose the fee as an adjustment.
 */
export async function proposeFeeAdjustment(
  dataSource: DataSource,
  { periods, reach }: Pick<Awaited<ReturnType<typeof faultPeriods>>, 'periods' | 'reach'>,
  workflowId: string,
  periodId: string,
) {
  await reach(workflowId, PeriodStatus.IN_REVIEW);
  const [difference] = await dataSource.getRepository(Difference).findBy({ periodId });
  return periods.handle(workflowId).executeUpdate(proposeAdjustment, {
    args: [
      {
        actor: CLERK,
        amount: FEE.amount,
        entryDate: '2026-10-31',
        reason: 'bank fee',
        differenceId: difference.id,
      },
    ],
  });
}
