// What a customer has overdue on a day, in its own currency: the dunning case's one measure.
import type { DataSource } from 'typeorm';
import { computeOpenItems } from '../credit/open-items.service';
import { fromUnits } from '../formats/amount';
import { dayNumber } from '../formats/date';
import type { OpenDebit } from '../credit/open-items';

export interface OverdueItem {
  ledgerEntryId: string;
  docNo: string;
  documentDate: string;
  dueDate: string;
  daysOverdue: number;
  /** Decimal text. */
  openAmount: string;
  openUnits: bigint;
}

export interface CustomerOverdue {
  customerId: string;
  currency: string;
  /** Exact units of 1/10,000 (formats/amount.ts). */
  overdueUnits: bigint;
  overdue: string;
  /** Days past due of the oldest overdue item; 0 when nothing is overdue. */
  oldestDays: number;
  /** The due date of the oldest overdue item (a new case's cycle); null when nothing is overdue. */
  oldestDueDate: string | null;
  /** Oldest due first. */
  items: OverdueItem[];
}

/** Overdue = open invoice parts of the customer's currency whose due date is before `asOf`. */
export function overdueOfItems(
  customerId: string,
  currency: string,
  debits: readonly OpenDebit[],
  asOf: string,
): CustomerOverdue {
  const today = dayNumber(asOf);
  const items = debits
    .filter((d) => d.currency === currency && d.openUnits > 0n && dayNumber(d.dueDate) < today)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.entryId.localeCompare(b.entryId))
    .map((d) => ({
      ledgerEntryId: d.entryId,
      docNo: d.docNo ?? `#${d.entryId}${d.parts > 1 ? `/${d.part}` : ''}`,
      documentDate: d.date,
      dueDate: d.dueDate,
      daysOverdue: today - dayNumber(d.dueDate),
      openAmount: fromUnits(d.openUnits),
      openUnits: d.openUnits,
    }));
  const overdueUnits = items.reduce((sum, item) => sum + item.openUnits, 0n);
  return {
    customerId,
    currency,
    overdueUnits,
    overdue: fromUnits(overdueUnits),
    oldestDays: items.length ? items[0].daysOverdue : 0,
    oldestDueDate: items.length ? items[0].dueDate : null,
    items,
  };
}

/** Several customers' overdue at `asOf`, from one read of their open items. */
export async function overdueOfCustomers(
  dataSource: Pick<DataSource, 'query'>,
  customers: ReadonlyArray<{ id: string; currency: string }>,
  asOf: string,
): Promise<Map<string, CustomerOverdue>> {
  const openItems = await computeOpenItems(
    dataSource,
    customers.map((c) => c.id),
    asOf,
  );
  const result = new Map<string, CustomerOverdue>();
  for (const customer of customers)
    result.set(
      customer.id,
      overdueOfItems(customer.id, customer.currency, openItems.get(customer.id)?.debits ?? [], asOf),
    );
  return result;
}
