// Collection KPIs from their sums (docs/collections.md "KPIs"). Pure: exact units in, decimal text out.
import { Money } from '../money/decimal';

export interface KpiSums {
  /** Days in the range [start, end]. */
  days: number;
  /** Units of 1/10,000 (formats/amount.ts). */
  openAtStart: bigint;
  invoiced: bigint;
  openAtEnd: bigint;
  overdueAtEnd: bigint;
  promisesKept: number;
  promisesBroken: number;
}

export interface CollectionKpiValues {
  /** Days sales outstanding = open at end ÷ invoiced × days (null: nothing invoiced). */
  dso: string | null;
  /** Collection effectiveness index, percent (null: nothing was collectable). */
  cei: string | null;
  /** Overdue at end ÷ open at end, percent (null: nothing open). */
  overdueShare: string | null;
  /** Promises kept ÷ promises settled, percent (null: none settled). */
  promisesKept: string | null;
}

const ratio = (numerator: bigint, denominator: bigint, scale: number): string | null =>
  denominator === 0n
    ? null
    : new Money(numerator.toString())
        .mul(scale)
        .div(denominator.toString())
        .toDecimalPlaces(2, Money.ROUND_HALF_UP)
        .toFixed(2);

export function collectionKpis(sums: KpiSums): CollectionKpiValues {
  const current = sums.openAtEnd - sums.overdueAtEnd;
  const collectable = sums.openAtStart + sums.invoiced - current;
  const settled = sums.promisesKept + sums.promisesBroken;
  return {
    dso: sums.invoiced > 0n ? ratio(sums.openAtEnd, sums.invoiced, sums.days) : null,
    cei: collectable > 0n ? ratio(sums.openAtStart + sums.invoiced - sums.openAtEnd, collectable, 100) : null,
    overdueShare: sums.openAtEnd > 0n ? ratio(sums.overdueAtEnd, sums.openAtEnd, 100) : null,
    promisesKept: settled ? ratio(BigInt(sums.promisesKept), BigInt(settled), 100) : null,
  };
}
