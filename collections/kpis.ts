// Collection KPIs over a range of days, per currency: the sums from MySQL, the arithmetic in kpi-math.ts.
import type { DataSource } from 'typeorm';
import { PromiseStatus, AgingBasis } from '../contract/credit/enums';
import { EntryKind } from '../contract/enums';
import { receivablesAging } from '../credit/open-items.service';
import { badInput } from '../credit/credit-error';
import { isCurrencyCode } from '../formats/currency';
import { dateOfDay, dayNumber, isIsoDate } from '../formats/date';
import { fromUnits, toUnits } from '../formats/amount';
import { collectionKpis, type CollectionKpiValues } from './kpi-math';

/** What raises receivables in a range ("invoiced"): invoices and debit notes. */
const INVOICED_KINDS = [EntryKind.INVOICE, EntryKind.DEBIT_NOTE];
export const MAX_KPI_DAYS = 3660;

export interface CollectionKpiReport extends CollectionKpiValues {
  from: string;
  to: string;
  currency: string;
  days: number;
  openAtStart: string;
  invoiced: string;
  openAtEnd: string;
  overdueAtEnd: string;
  promisesKeptCount: number;
  promisesBrokenCount: number;
}

/** Open receivables (unapplied credits left out) and what of them is overdue, at the end of `asOf`. */
async function receivablesAt(dataSource: DataSource, asOf: string, currency: string) {
  const aging = await receivablesAging(dataSource, { asOf, currency, basis: AgingBasis.DUE_DATE });
  const open = aging.totals.reduce((sum, bucket) => sum + toUnits(bucket.toFixed()), 0n);
  return { open, overdue: toUnits(aging.overdue.toFixed()) };
}

export async function collectionKpiReport(
  dataSource: DataSource,
  input: { from: string; to: string; currency: string },
): Promise<CollectionKpiReport> {
  if (!isIsoDate(input.from)) throw badInput('from', 'a date YYYY-MM-DD');
  if (!isIsoDate(input.to)) throw badInput('to', 'a date YYYY-MM-DD');
  if (!isCurrencyCode(input.currency)) throw badInput('currency', 'a three-letter currency code');
  const days = dayNumber(input.to) - dayNumber(input.from) + 1;
  if (days < 1) throw badInput('to', 'must not be before from');
  if (days > MAX_KPI_DAYS) throw badInput('to', `at most ${MAX_KPI_DAYS} days after from`);
  const [start, end] = [
    await receivablesAt(dataSource, dateOfDay(dayNumber(input.from) - 1), input.currency),
    await receivablesAt(dataSource, input.to, input.currency),
  ];
  const [invoicedRow] = (await dataSource.query(
    `SELECT CAST(COALESCE(SUM(amount), 0) AS CHAR) AS invoiced FROM ledger_entries
      WHERE currency = ? AND kind IN (?) AND amount > 0 AND entry_date BETWEEN ? AND ?`,
    [input.currency, INVOICED_KINDS, input.from, input.to],
  )) as Array<{ invoiced: string }>;
  const promiseRows = (await dataSource.query(
    `SELECT status, COUNT(*) AS n FROM dunning_promises
      WHERE currency = ? AND settled_on BETWEEN ? AND ? AND status IN (?) GROUP BY status`,
    [input.currency, input.from, input.to, [PromiseStatus.KEPT, PromiseStatus.BROKEN]],
  )) as Array<{ status: PromiseStatus; n: string | number }>;
  const count = (status: PromiseStatus) => Number(promiseRows.find((r) => r.status === status)?.n ?? 0);
  const sums = {
    days,
    openAtStart: start.open,
    invoiced: toUnits(invoicedRow.invoiced),
    openAtEnd: end.open,
    overdueAtEnd: end.overdue,
    promisesKept: count(PromiseStatus.KEPT),
    promisesBroken: count(PromiseStatus.BROKEN),
  };
  return {
    from: input.from,
    to: input.to,
    currency: input.currency,
    days,
    openAtStart: fromUnits(sums.openAtStart),
    invoiced: fromUnits(sums.invoiced),
    openAtEnd: fromUnits(sums.openAtEnd),
    overdueAtEnd: fromUnits(sums.overdueAtEnd),
    promisesKeptCount: sums.promisesKept,
    promisesBrokenCount: sums.promisesBroken,
    ...collectionKpis(sums),
  };
}
