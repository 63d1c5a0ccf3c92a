// Promises to pay on a dunning case: recorded by a clerk, settled by the workflow on the day after.
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, SYSTEM_ACTORS, type Actor } from '../contract/actor';
import { EntryKind } from '../contract/enums';
import { PromiseStatus } from '../contract/credit/enums';
import { Customer } from '../entities/customer.entity';
import { DunningPromise } from '../entities/dunning-promise.entity';
import { toUnits } from '../formats/amount';
import { Money } from '../money/decimal';
import { notFound } from '../credit/credit-error';
import { DUNNING_ENTITY } from './dunning-cases';
import { overdueOfCustomers } from './overdue';

/** What pays a promise: money that came in (a credit note is not a payment). */
const PAYMENT_KINDS = [EntryKind.RECEIPT];

export interface NewPromise {
  caseId: string;
  customerId: string;
  actor: Actor;
  promisedDate: string;
  amount: string | null;
  note: string | null;
  asOf: string;
}

/**
 * Records the promise with what was overdue that day (what "everything overdue" means when no
 * amount was promised). The workflow allows one open promise per case, so an open one found here is
 * this request's, recorded by an earlier attempt: a retry records nothing twice.
 */
export async function recordPromise(
  dataSource: DataSource,
  input: NewPromise,
): Promise<{ promiseId: string }> {
  const customer = await dataSource.getRepository(Customer).findOneBy({ id: input.customerId });
  if (!customer) throw notFound(`customer ${input.customerId}`);
  const overdue = (await overdueOfCustomers(dataSource, [customer], input.asOf)).get(customer.id)!;
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT id FROM dunning_cases WHERE id = ? FOR UPDATE', [input.caseId]);
    const promises = manager.getRepository(DunningPromise);
    const open = await promises.findOneBy({ caseId: input.caseId, status: PromiseStatus.OPEN });
    if (open) return { promiseId: open.id };
    const saved = await promises.save(
      promises.create({
        caseId: input.caseId,
        customerId: input.customerId,
        promisedDate: input.promisedDate,
        amount: input.amount === null ? null : new Money(input.amount),
        overdueThen: new Money(overdue.overdue),
        currency: overdue.currency,
        note: input.note,
        recordedOn: input.asOf,
        recordedBy: input.actor.id,
      }),
    );
    await appendAudit(manager, {
      ...auditFields(input.actor),
      action: 'dunning.promise_recorded',
      entityType: DUNNING_ENTITY,
      entityId: input.caseId,
      after: {
        promiseId: saved.id,
        promisedDate: input.promisedDate,
        amount: input.amount,
        overdue: overdue.overdue,
        currency: overdue.currency,
      },
    });
    return { promiseId: saved.id };
  });
}

/**
 * At the day after the promised date: kept when the payments booked from the day it was made to the
 * promised date reach the promised amount (or what was overdue then), or when nothing is overdue
 * any more. Settled once; a retry answers as the first settlement did.
 */
export async function settlePromise(
  dataSource: DataSource,
  input: { promiseId: string; asOf: string },
): Promise<{ kept: boolean; paid: boolean }> {
  const promise = await dataSource.getRepository(DunningPromise).findOneBy({ id: input.promiseId });
  if (!promise) throw notFound(`promise to pay ${input.promiseId}`);
  const customer = await dataSource.getRepository(Customer).findOneByOrFail({ id: promise.customerId });
  const overdue = (await overdueOfCustomers(dataSource, [customer], input.asOf)).get(customer.id)!;
  const paid = overdue.overdueUnits === 0n;
  if (promise.status !== PromiseStatus.OPEN) return { kept: promise.status === PromiseStatus.KEPT, paid };
  const [row] = (await dataSource.query(
    `SELECT CAST(COALESCE(-SUM(amount), 0) AS CHAR) AS received FROM ledger_entries
      WHERE customer_id = ? AND currency = ? AND kind IN (?) AND amount < 0 AND entry_date BETWEEN ? AND ?`,
    [promise.customerId, promise.currency, PAYMENT_KINDS, promise.recordedOn, promise.promisedDate],
  )) as Array<{ received: string }>;
  const received = toUnits(row.received);
  const wanted = toUnits((promise.amount ?? promise.overdueThen).toFixed());
  const kept = paid || received >= wanted;
  await dataSource.transaction(async (manager) => {
    const updated = (await manager.query(
      'UPDATE dunning_promises SET status = ?, received = ?, settled_on = ? WHERE id = ? AND status = ?',
      [
        kept ? PromiseStatus.KEPT : PromiseStatus.BROKEN,
        new Money(row.received).toFixed(),
        input.asOf,
        promise.id,
        PromiseStatus.OPEN,
      ],
    )) as { affectedRows: number };
    if (Number(updated.affectedRows) === 0) return;
    await appendAudit(manager, {
      ...auditFields(SYSTEM_ACTORS.dunning),
      action: kept ? 'dunning.promise_kept' : 'dunning.promise_broken',
      entityType: DUNNING_ENTITY,
      entityId: promise.caseId,
      after: {
        promiseId: promise.id,
        received: row.received,
        wanted: (promise.amount ?? promise.overdueThen).toFixed(),
      },
    });
  });
  return { kept, paid };
}
