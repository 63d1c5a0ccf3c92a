// One customer's invoices cleared oldest first (FIFO) and measured for the score, pure: its ledger in
// date order in, the score's ledger measures out. Exact integers (amounts in 1/10,000, days as day
// numbers), so a million entries stream through in a second or two without decimal objects.

/** Amounts are DECIMAL(20,4): held as integer ten-thousandths. */
export const AMOUNT_SCALE = 4;

/** A ledger entry in the customer's own currency; `day` and `monthEndDay` are day numbers (MySQL TO_DAYS). */
export interface LedgerPoint {
  day: number;
  /** The last day of the entry's month (for month-end terms). */
  monthEndDay: number;
  /** Signed, in ten-thousandths: positive is owed (an invoice), negative a receipt or credit. */
  amount: bigint;
}

/** Payment terms in force from `from` until the day before `until` (null: still in force). */
export interface TermsRange {
  from: number;
  until: number | null;
  kind: string;
  /** Net days, month-end days, or an instalment schedule's percent-weighted days; null: none given. */
  days: number | null;
}

export interface LedgerMeasures {
  invoiced: bigint;
  invoices: number;
  dueAmount: bigint;
  lateAmount: bigint;
  /** Σ amount × days beyond the due date, in ten-thousandths × days. */
  lateAmountDays: bigint;
  balanceNow: bigint;
  balanceBefore: bigint;
}

export interface MeasureWindow {
  asOfDay: number;
  windowDays: number;
  trendDays: number;
  /** Days to the due date without terms. */
  defaultNetDays: number;
}

/** The due day of an invoice of `point` under the terms in force on its day (null: none can be given). */
export function dueDay(
  point: LedgerPoint,
  terms: readonly TermsRange[],
  defaultNetDays: number,
): number | null {
  const range = terms.find((t) => point.day >= t.from && (t.until === null || point.day < t.until));
  if (range?.kind === 'MONTH_END') return range.days === null ? null : point.monthEndDay + range.days;
  return point.day + (range?.days ?? defaultNetDays);
}

/**
 * `entries`: the customer's entries up to the as-of day, ordered by (date, id). Each invoice's running
 * total of debits meets the running total of credits; the first credit whose running total reaches
 * it clears it (a credit dated before the invoice, a prepayment, clears it on the invoice's day); none:
 * still open. Only invoices in the window count; the balances take every entry.
 */
export function measureLedger(
  entries: readonly LedgerPoint[],
  terms: readonly TermsRange[],
  w: MeasureWindow,
): LedgerMeasures {
  const m: LedgerMeasures = {
    invoiced: 0n,
    invoices: 0,
    dueAmount: 0n,
    lateAmount: 0n,
    lateAmountDays: 0n,
    balanceNow: 0n,
    balanceBefore: 0n,
  };
  const trendDay = w.asOfDay - w.trendDays;
  const windowStart = w.asOfDay - w.windowDays;
  // Credits in order with their running totals, for the two-pointer merge below.
  const creditTotals: bigint[] = [];
  const creditDays: number[] = [];
  let credited = 0n;
  for (const e of entries) {
    m.balanceNow += e.amount;
    if (e.day <= trendDay) m.balanceBefore += e.amount;
    if (e.amount < 0n) {
      credited -= e.amount;
      creditTotals.push(credited);
      creditDays.push(e.day);
    }
  }
  let debited = 0n;
  let next = 0;
  for (const e of entries) {
    if (e.amount <= 0n) continue;
    debited += e.amount;
    while (next < creditTotals.length && creditTotals[next] < debited) next += 1;
    if (e.day <= windowStart) continue;
    const cleared = next < creditTotals.length ? Math.max(creditDays[next], e.day) : null;
    m.invoiced += e.amount;
    m.invoices += 1;
    const due = dueDay(e, terms, w.defaultNetDays);
    if (due === null || due > w.asOfDay) continue;
    m.dueAmount += e.amount;
    if (cleared === null || cleared > due) m.lateAmount += e.amount;
    const late = Math.max(0, (cleared ?? w.asOfDay) - due);
    m.lateAmountDays += e.amount * BigInt(late);
  }
  return m;
}

/** '123.45' or '-0.5' (at most AMOUNT_SCALE decimals, as the column holds) to ten-thousandths. */
export function parseAmount(text: string): bigint {
  const dot = text.indexOf('.');
  if (dot < 0) return BigInt(text) * 10n ** BigInt(AMOUNT_SCALE);
  const fraction = text.slice(dot + 1);
  if (fraction.length > AMOUNT_SCALE)
    throw new RangeError(`amount ${text} has more than ${AMOUNT_SCALE} decimals`);
  return BigInt(text.slice(0, dot) + fraction.padEnd(AMOUNT_SCALE, '0'));
}

/** Ten-thousandths back to a decimal string. */
export function formatAmount(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(AMOUNT_SCALE + 1, '0');
  const text = `${digits.slice(0, -AMOUNT_SCALE)}.${digits.slice(-AMOUNT_SCALE)}`;
  return negative ? `-${text}` : text;
}
