// The demo's dunning: one customer with overdue invoices gets its case, and its 催款函 lands in the outbox.
import type { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import { DunningStarter } from '../collections/dunning-starter';
import { overdueOfCustomers } from '../collections/overdue';
import { DunningLetterStatus } from '../contract/credit/enums';
import { Customer } from '../entities/customer.entity';
import { DunningLetter } from '../entities/dunning-letter.entity';
import { isoDateOf } from '../formats/date';

/** Tried in this order: C001 (over its credit limit) first. */
const CANDIDATES = ['C001', 'C002', 'C004', 'C003'];

export interface DemoDunning {
  customerCode: string;
  overdue: string;
  currency: string;
  level: number;
  messageId: string;
}

/**
 * Starts the dunning case of the first demo customer with something overdue today (the daily
 * schedule would, at 02:30 UTC) and waits for its letter. Null when nothing is overdue (a demo run
 * before the October invoices fall due). Safe to run again: a running case is left alone, and a
 * level is never sent twice.
 */
export async function startDemoDunning(
  dataSource: DataSource,
  temporal: { client: Client; taskQueue: string },
): Promise<DemoDunning | null> {
  const asOf = isoDateOf(new Date());
  const customers = await dataSource.getRepository(Customer).findBy(CANDIDATES.map((code) => ({ code })));
  const overdue = await overdueOfCustomers(dataSource, customers, asOf);
  const chosen = CANDIDATES.map((code) => customers.find((c) => c.code === code)).find(
    (c) => c && overdue.get(c.id)?.oldestDueDate,
  );
  if (!chosen) return null;
  const owed = overdue.get(chosen.id)!;
  await new DunningStarter(temporal.client, temporal.taskQueue).start(chosen, owed.oldestDueDate!);
  for (let i = 0; i < 300; i += 1) {
    const letter = await dataSource
      .getRepository(DunningLetter)
      .findOne({ where: { customerId: chosen.id, status: DunningLetterStatus.SENT }, order: { id: 'DESC' } });
    if (letter)
      return {
        customerCode: chosen.code,
        overdue: owed.overdue,
        currency: owed.currency,
        level: letter.level,
        messageId: letter.messageId,
      };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the demo's dunning letter for ${chosen.code} did not go out within 30 s`);
}
