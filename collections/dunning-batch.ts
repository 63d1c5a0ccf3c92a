// The daily fan-out's page: a dunning case for every active customer with something overdue.
import type { DataSource } from 'typeorm';
import { CustomerStatus } from '../contract/enums';
import { DunningCaseStatus, DunningCloseReason } from '../contract/credit/enums';
import type { DunningStarter } from './dunning-starter';
import { overdueOfCustomers } from './overdue';

export const DUNNING_BATCH_SIZE = 200;
const PARALLEL_STARTS = 10;

/**
 * One page of active customers after `afterCustomerId`: each with something overdue at `asOf` gets
 * its case (cycle: the oldest overdue item's due date), unless one is running (left alone) or the
 * cycle's case closed on an upheld dispute (the customer was right: not dunned again for it).
 */
export async function startDunningBatch(
  dataSource: DataSource,
  starter: Pick<DunningStarter, 'start'>,
  input: { asOf: string; afterCustomerId: string | null },
  limit = DUNNING_BATCH_SIZE,
): Promise<{ customers: number; started: number; lastCustomerId: string | null }> {
  const customers = (await dataSource.query(
    `SELECT CAST(id AS CHAR) AS id, code, currency FROM customers
      WHERE id > ? AND status = ? ORDER BY id LIMIT ?`,
    [input.afterCustomerId ?? '0', CustomerStatus.ACTIVE, limit],
  )) as Array<{ id: string; code: string; currency: string }>;
  if (customers.length === 0) return { customers: 0, started: 0, lastCustomerId: null };
  const overdue = await overdueOfCustomers(dataSource, customers, input.asOf);
  const upheld = new Set(
    (
      (await dataSource.query(
        `SELECT CAST(customer_id AS CHAR) AS customer_id, DATE_FORMAT(cycle, '%Y-%m-%d') AS cycle
           FROM dunning_cases WHERE customer_id IN (?) AND status = ? AND close_reason = ?`,
        [customers.map((c) => c.id), DunningCaseStatus.CLOSED, DunningCloseReason.DISPUTED],
      )) as Array<{ customer_id: string; cycle: string }>
    ).map((row) => `${row.customer_id}/${row.cycle}`),
  );
  const due = customers.flatMap((customer) => {
    const cycle = overdue.get(customer.id)?.oldestDueDate ?? null;
    return cycle && !upheld.has(`${customer.id}/${cycle}`) ? [{ customer, cycle }] : [];
  });
  let started = 0;
  for (let i = 0; i < due.length; i += PARALLEL_STARTS) {
    const results = await Promise.all(
      due.slice(i, i + PARALLEL_STARTS).map(({ customer, cycle }) => starter.start(customer, cycle)),
    );
    started += results.filter(Boolean).length;
  }
  return {
    customers: customers.length,
    started,
    lastCustomerId: customers.length < limit ? null : customers[customers.length - 1].id,
  };
}
