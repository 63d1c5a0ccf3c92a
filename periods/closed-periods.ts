import type { EntityManager } from 'typeorm';
import { PeriodStatus } from '../contract/enums';
import { PeriodError, PeriodErrorCode } from './period-error';

/** A closed period as writes into its range see it. */
export interface ClosedPeriod {
  id: string;
  customerId: string;
  workflowId: string;
  start: string;
  end: string;
  closedAt: Date;
}

/**
 * The customers' closed periods whose range meets `from..to`. With `lock`, read for share: a period
 * that is closing makes the check wait for it (and the close waits for the write that checked).
 */
export async function closedPeriodsMeeting(
  manager: EntityManager,
  customerIds: readonly string[],
  from: string,
  to: string,
  lock = false,
): Promise<ClosedPeriod[]> {
  if (customerIds.length === 0) return [];
  const rows = (await manager.query(
    `SELECT CAST(id AS CHAR) AS id, CAST(customer_id AS CHAR) AS customer_id, workflow_id,
            DATE_FORMAT(period_start, '%Y-%m-%d') AS s, DATE_FORMAT(period_end, '%Y-%m-%d') AS e, closed_at
       FROM reconciliation_periods
      WHERE customer_id IN (${customerIds.map(() => '?').join(', ')})
        AND status = ? AND period_start <= ? AND period_end >= ?
      ORDER BY period_start${lock ? ' LOCK IN SHARE MODE' : ''}`,
    [...customerIds, PeriodStatus.CLOSED, to, from],
  )) as Array<{
    id: string;
    customer_id: string;
    workflow_id: string;
    s: string;
    e: string;
    closed_at: Date | null;
  }>;
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customer_id,
    workflowId: row.workflow_id,
    start: row.s,
    end: row.e,
    // A period closed before closed_at was recorded counts as closed since the epoch.
    closedAt: row.closed_at ?? new Date(0),
  }));
}

/** "period 12 (recon-C1-2026-10, 2026-10-01..2026-10-31)": how refusals and warnings name a period. */
export const describePeriod = (period: { id: string; workflowId: string; start: string; end: string }) =>
  `period ${period.id} (${period.workflowId}, ${period.start}..${period.end})`;

/** Refuses a write into a closed period's range with PERIOD_CLOSED naming the period. */
export async function refuseClosedPeriod(
  manager: EntityManager,
  customerId: string,
  from: string,
  to: string,
  what: string,
): Promise<void> {
  const [closed] = await closedPeriodsMeeting(manager, [customerId], from, to, true);
  if (closed)
    throw new PeriodError(
      PeriodErrorCode.PERIOD_CLOSED,
      `${describePeriod(closed)} is closed: ${what} for ${from}..${to} is not accepted into it (a closed period is never rewritten)`,
      [{ index: -1, field: 'periodStart', reason: `${describePeriod(closed)} is closed` }],
    );
}

/** The first period after `closed` that is not closed (where entries booked late count), or null. */
export async function nextOpenPeriod(
  manager: EntityManager,
  closed: ClosedPeriod,
): Promise<{ id: string; workflowId: string; start: string; end: string } | null> {
  const [row] = (await manager.query(
    `SELECT CAST(id AS CHAR) AS id, workflow_id, DATE_FORMAT(period_start, '%Y-%m-%d') AS s,
            DATE_FORMAT(period_end, '%Y-%m-%d') AS e
       FROM reconciliation_periods
      WHERE customer_id = ? AND period_start > ? AND status <> ?
      ORDER BY period_start LIMIT 1`,
    [closed.customerId, closed.end, PeriodStatus.CLOSED],
  )) as Array<{ id: string; workflow_id: string; s: string; e: string }>;
  return row ? { id: row.id, workflowId: row.workflow_id, start: row.s, end: row.e } : null;
}
