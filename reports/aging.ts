import { Money } from '../money/decimal';
import type { AgingBucket, AgingItem, AgingReportData, AgingRow } from './types';

/** The buckets in order: not yet due, then days past due. */
export const AGING_BUCKETS: readonly AgingBucket[] = ['CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D90_PLUS'];

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (YYYY-MM-DD), calendar days, no time zones involved. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 0 or fewer days past due is current; 1-30, 31-60, 61-90; 91 and more is 90+. */
export function bucketOf(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'CURRENT';
  if (daysPastDue <= 30) return 'D1_30';
  if (daysPastDue <= 60) return 'D31_60';
  if (daysPastDue <= 90) return 'D61_90';
  return 'D90_PLUS';
}

/**
 * Age open receivables as of a date: each item by its due date (its document date when it has none),
 * summed per customer and in total, exactly. Unapplied credits (negative amounts) age the same way.
 */
export function computeAging(
  items: readonly AgingItem[],
  asOf: string,
  header: Pick<AgingReportData, 'company' | 'currency'>,
): AgingReportData {
  const byCustomer = new Map<string, { name: string; buckets: Money[] }>();
  const totals = AGING_BUCKETS.map(() => new Money(0));
  const aged = items.map((item) => {
    const days = daysBetween(item.dueDate ?? item.docDate, asOf);
    const bucket = bucketOf(days);
    const index = AGING_BUCKETS.indexOf(bucket);
    const customer = byCustomer.get(item.customerCode) ?? {
      name: item.customerName,
      buckets: AGING_BUCKETS.map(() => new Money(0)),
    };
    customer.buckets[index] = (customer.buckets[index] ?? new Money(0)).plus(item.amount);
    totals[index] = (totals[index] ?? new Money(0)).plus(item.amount);
    byCustomer.set(item.customerCode, customer);
    return { ...item, daysPastDue: days, bucket };
  });
  const rows: AgingRow[] = [...byCustomer.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([customerCode, { name, buckets }]) => ({
      customerCode,
      customerName: name,
      buckets: buckets.map((b) => b.toFixed()),
      total: buckets.reduce((sum, b) => sum.plus(b), new Money(0)).toFixed(),
    }));
  return {
    ...header,
    asOf,
    rows,
    totals: totals.map((t) => t.toFixed()),
    total: totals.reduce((sum, t) => sum.plus(t), new Money(0)).toFixed(),
    items: aged,
  };
}
