// Aging (账龄) of open items, by due date or by document date, in configurable buckets. Pure.
import { dayNumber } from '../formats/date';
import { AgingBasis } from '../contract/credit/enums';
import type { FieldProblem } from '../common/domain-error';
import type { OpenItems } from './open-items';

/** Upper edges (days) of every bucket but the last: 30, 60, 90 give not due / 1–30 / 31–60 / 61–90 / 90+. */
export const DEFAULT_AGING_EDGES: readonly number[] = [30, 60, 90];
export const MAX_AGING_EDGES = 10;

export interface AgingBucketDef {
  /** NOT_DUE, D1_30, D31_60, …, D90_PLUS. */
  key: string;
  label: { zh: string; en: string };
  /** Days past the basis date, inclusive; null: open-ended. */
  fromDays: number | null;
  toDays: number | null;
}

/** Edges must be whole days, increasing, at least one and at most MAX_AGING_EDGES. */
export function validateEdges(edges: readonly number[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (edges.length === 0 || edges.length > MAX_AGING_EDGES)
    problems.push({ index: -1, field: 'buckets', reason: `between 1 and ${MAX_AGING_EDGES} edges` });
  edges.forEach((edge, i) => {
    if (!Number.isInteger(edge) || edge < 1 || edge > 3650)
      problems.push({ index: i, field: 'buckets', reason: 'whole days from 1 to 3650' });
    else if (i > 0 && edge <= edges[i - 1])
      problems.push({ index: i, field: 'buckets', reason: 'edges must increase' });
  });
  return problems;
}

/** The buckets that `edges` cut: the first holds what is not yet due (0 days or fewer). */
export function agingBuckets(edges: readonly number[], basis: AgingBasis): AgingBucketDef[] {
  const first =
    basis === AgingBasis.DUE_DATE ? { zh: '未到期', en: 'Not due' } : { zh: '当期', en: 'Current' };
  const buckets: AgingBucketDef[] = [{ key: 'NOT_DUE', label: first, fromDays: null, toDays: 0 }];
  let from = 1;
  for (const edge of edges) {
    buckets.push({
      key: `D${from}_${edge}`,
      label: { zh: `${from}-${edge}天`, en: `${from}–${edge} days` },
      fromDays: from,
      toDays: edge,
    });
    from = edge + 1;
  }
  const last = edges[edges.length - 1];
  buckets.push({
    key: `D${last}_PLUS`,
    label: { zh: `${last}天以上`, en: `${last}+ days` },
    fromDays: from,
    toDays: null,
  });
  return buckets;
}

/** Which bucket `days` past the basis date fall in (index into agingBuckets(edges)). */
export function bucketIndex(days: number, edges: readonly number[]): number {
  if (days <= 0) return 0;
  for (let i = 0; i < edges.length; i += 1) if (days <= edges[i]) return i + 1;
  return edges.length + 1;
}

export interface AgedBalance {
  currency: string;
  /** Open receivables per bucket (agingBuckets order). */
  buckets: bigint[];
  /** Credits no invoice has taken (≤ 0): a column of their own, so the buckets hold receivables only. */
  unapplied: bigint;
  /** Buckets plus unapplied: the balance. */
  total: bigint;
  /** Open receivables past their due date (by due date, whatever the basis). */
  overdue: bigint;
  /** Days past due of the oldest overdue item; 0 when nothing is overdue. */
  oldestOverdueDays: number;
}

/**
 * Ages one customer's open items at `asOf` (items dated after it are the caller's to leave out):
 * each open debit by its due date or its document date, unapplied credits in a column of their own.
 */
export function ageOpenItems(
  items: OpenItems,
  asOf: string,
  edges: readonly number[],
  basis: AgingBasis,
): AgedBalance[] {
  const today = dayNumber(asOf);
  const byCurrency = new Map<string, AgedBalance>();
  const row = (currency: string) => {
    let aged = byCurrency.get(currency);
    if (!aged) {
      aged = {
        currency,
        buckets: new Array<bigint>(edges.length + 2).fill(0n),
        unapplied: 0n,
        total: 0n,
        overdue: 0n,
        oldestOverdueDays: 0,
      };
      byCurrency.set(currency, aged);
    }
    return aged;
  };
  for (const debit of items.debits) {
    if (debit.openUnits === 0n) continue;
    const aged = row(debit.currency);
    const pastDue = today - dayNumber(debit.dueDate);
    const days = basis === AgingBasis.DUE_DATE ? pastDue : today - dayNumber(debit.date);
    aged.buckets[bucketIndex(days, edges)] += debit.openUnits;
    aged.total += debit.openUnits;
    if (pastDue > 0) {
      aged.overdue += debit.openUnits;
      if (pastDue > aged.oldestOverdueDays) aged.oldestOverdueDays = pastDue;
    }
  }
  for (const credit of items.credits) {
    if (credit.unappliedUnits === 0n) continue;
    const aged = row(credit.currency);
    aged.unapplied += credit.unappliedUnits;
    aged.total += credit.unappliedUnits;
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
