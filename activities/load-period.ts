import type { EntityManager } from 'typeorm';
import { Customer } from '../entities/customer.entity';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';

export async function loadPeriodWithCustomer(
  manager: EntityManager,
  periodId: string,
  lock = false,
): Promise<{ period: ReconciliationPeriod; customer: Customer }> {
  const query = manager
    .getRepository(ReconciliationPeriod)
    .createQueryBuilder('p')
    .where('p.id = :periodId', { periodId });
  if (lock) query.setLock('pessimistic_write');
  const period = await query.getOneOrFail();
  const customer = await manager.getRepository(Customer).findOneByOrFail({ id: period.customerId });
  return { period, customer };
}
