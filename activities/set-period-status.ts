import type { EntityManager } from 'typeorm';
import { publishPeriodStatus } from '../webhooks/domain-events';
import type { PeriodStatus } from '../contract/enums';

/**
 * Mirrors the workflow's status onto the period row, inside the caller's transaction, so the step
 * and the status it leads to commit together. Returns the previous status when it changed.
 */
export async function setPeriodStatus(
  manager: EntityManager,
  periodId: string,
  status: PeriodStatus,
): Promise<PeriodStatus | undefined> {
  const [row] = (await manager.query('SELECT status FROM reconciliation_periods WHERE id = ? FOR UPDATE', [
    periodId,
  ])) as Array<{
    status: PeriodStatus;
  }>;
  if (!row || row.status === status) return undefined;
  await manager.query(
    'UPDATE reconciliation_periods SET status = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP(3) WHERE id = ?',
    [status, periodId],
  );
  await publishPeriodStatus(manager, periodId, row.status, status);
  return row.status;
}
