import type { EntityManager } from 'typeorm';
import { hydratorFor } from '../db/hydrate';
import { Customer } from '../entities/customer.entity';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';

/**
 * A period and its customer in one joined read (every step of a period starts here). With `lock`,
 * the period row alone is locked first, for the rest of the caller's transaction.
 */
export async function loadPeriodWithCustomer(
  manager: EntityManager,
  periodId: string,
  lock = false,
): Promise<{ period: ReconciliationPeriod; customer: Customer }> {
  if (lock) await manager.query('SELECT id FROM reconciliation_periods WHERE id = ? FOR UPDATE', [periodId]);
  const periods = hydratorFor(manager.connection, ReconciliationPeriod, 'p');
  const customers = hydratorFor(manager.connection, Customer, 'c');
  const [row] = (await manager.query(
    `SELECT ${periods.select}, ${customers.select}
       FROM reconciliation_periods p JOIN customers c ON c.id = p.customer_id
      WHERE p.id = ?`,
    [periodId],
  )) as Array<Record<string, unknown>>;
  if (!row) throw new Error(`no period ${periodId}`);
  return { period: periods.hydrate(row), customer: customers.hydrate(row) };
}
