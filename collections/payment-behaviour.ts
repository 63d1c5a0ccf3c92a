// A customer's payment behaviour (付款行为): how late it pays, what it owes, what dunning it needed. Pure.
import { dayNumber } from '../formats/date';
import type { OpenDebit } from '../credit/open-items';

export interface PaidLateness {
  /** Invoice parts settled in the window. */
  paidItems: number;
  /** Of them, settled after their due date. */
  paidLate: number;
  /** Amount-weighted average days settled after (negative: before) the due date; null: none settled. */
  averageDaysToPay: string | null;
  /** Share (percent) of the amount settled that was settled late; null: none settled. */
  paidLateShare: string | null;
}

/** Over the invoice parts of `currency` cleared from `since` to `asOf`: how late they were paid. */
export function paidLateness(
  debits: readonly OpenDebit[],
  currency: string,
  since: string,
  asOf: string,
): PaidLateness {
  let units = 0n;
  let lateUnits = 0n;
  let weightedDays = 0n;
  let paidItems = 0;
  let paidLate = 0;
  for (const debit of debits) {
    if (debit.currency !== currency || debit.clearedOn === null || debit.units <= 0n) continue;
    if (debit.clearedOn < since || debit.clearedOn > asOf) continue;
    const days = dayNumber(debit.clearedOn) - dayNumber(debit.dueDate);
    paidItems += 1;
    units += debit.units;
    weightedDays += debit.units * BigInt(days);
    if (days > 0) {
      paidLate += 1;
      lateUnits += debit.units;
    }
  }
  if (units === 0n) return { paidItems, paidLate, averageDaysToPay: null, paidLateShare: null };
  // Both to two decimals, truncated: ×100 before the integer division.
  return {
    paidItems,
    paidLate,
    averageDaysToPay: centi((weightedDays * 100n) / units),
    paidLateShare: centi((lateUnits * 10_000n) / units),
  };
}

/** Hundredths as decimal text with two places ("-3.50"). */
const centi = (hundredths: bigint) => {
  const sign = hundredths < 0n ? '-' : '';
  const abs = hundredths < 0n ? -hundredths : hundredths;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};
