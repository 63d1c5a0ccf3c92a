import { SYSTEM_ACTORS } from '../contract/actor';
import { Customer } from '../entities/customer.entity';
import { CustomerStatus, PeriodCadence } from '../contract/enums';
import { monthRange } from '../formats/date';
import type { ActivityDeps } from './activity-deps';

const QUARTER_END_MONTHS = new Set(['03', '06', '09', '12']);
const PARALLEL_STARTS = 10;

/** The range a customer's cadence closes in `month`, or null when its period does not end then. */
export function cadenceRange(cadence: PeriodCadence, month: string): { start: string; end: string } | null {
  if (cadence === PeriodCadence.MONTHLY) return monthRange(month);
  if (cadence === PeriodCadence.QUARTERLY && QUARTER_END_MONTHS.has(month.slice(5))) {
    const end = monthRange(month).end;
    const startMonth = String(Number(month.slice(5)) - 2).padStart(2, '0');
    return { start: `${month.slice(0, 4)}-${startMonth}-01`, end };
  }
  return null; // CUSTOM ranges are opened through the API
}

/**
 * Opens the periods of the next `limit` active customers after `afterCustomerId`, at most
 * PARALLEL_STARTS at a time. Idempotent: opening an existing period changes nothing.
 */
export function createOpenPeriodsBatch({ dataSource, periods }: ActivityDeps) {
  return async function openPeriodsBatch(input: { month: string; afterCustomerId: string; limit: number }) {
    if (!periods)
      throw new Error('openPeriodsBatch needs the period service (a Temporal client) in its dependencies');
    const customers = await dataSource
      .getRepository(Customer)
      .createQueryBuilder('c')
      .select(['c.id', 'c.code', 'c.cadence'])
      .where('c.id > :after AND c.status = :active', {
        after: input.afterCustomerId,
        active: CustomerStatus.ACTIVE,
      })
      .orderBy('c.id', 'ASC')
      .limit(input.limit)
      .getMany();
    let opened = 0;
    const due = customers
      .map((customer) => ({ customer, range: cadenceRange(customer.cadence, input.month) }))
      .filter((item) => item.range !== null);
    for (let i = 0; i < due.length; i += PARALLEL_STARTS) {
      const results = await Promise.all(
        due
          .slice(i, i + PARALLEL_STARTS)
          .map(({ customer, range }) =>
            periods.openPeriod(customer.code, range!.start, range!.end, SYSTEM_ACTORS.scheduler),
          ),
      );
      opened += results.filter((result) => result.created).length;
    }
    return {
      customers: customers.length,
      opened,
      lastCustomerId: customers.length < input.limit ? null : customers[customers.length - 1].id,
    };
  };
}
