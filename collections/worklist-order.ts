// The collector's worklist order (#21): pure, so the ordering is tested without a database.
import { RiskClass } from '../contract/credit/enums';
import { toUnits } from '../formats/amount';

/** How much a risk class weighs in the order: a D customer's euro counts four times an A's. */
export const RISK_WEIGHTS: Readonly<Record<RiskClass, bigint>> = Object.freeze({
  [RiskClass.A]: 1n,
  [RiskClass.B]: 2n,
  [RiskClass.C]: 3n,
  [RiskClass.D]: 4n,
});

export interface WorklistCandidate {
  customerId: string;
  /** Decimal text: what is overdue. */
  overdue: string;
  /** Days the oldest overdue item is past due. */
  daysOverdue: number;
  riskClass: RiskClass;
}

/** Amount overdue × days × risk weight, exact (units of 1/10,000); nothing overdue is 0. */
export function worklistPriority(candidate: WorklistCandidate): bigint {
  const units = toUnits(candidate.overdue);
  if (units <= 0n || candidate.daysOverdue <= 0) return 0n;
  return units * BigInt(Math.trunc(candidate.daysOverdue)) * RISK_WEIGHTS[candidate.riskClass];
}

/** Most urgent first; ties by customer id, so the order is stable. */
export function orderWorklist<T extends WorklistCandidate>(candidates: readonly T[]): T[] {
  const scored = candidates.map((candidate) => ({ candidate, priority: worklistPriority(candidate) }));
  scored.sort(
    (a, b) =>
      (a.priority < b.priority ? 1 : a.priority > b.priority ? -1 : 0) ||
      a.candidate.customerId.length - b.candidate.customerId.length ||
      (a.candidate.customerId < b.candidate.customerId
        ? -1
        : a.candidate.customerId > b.candidate.customerId
          ? 1
          : 0),
  );
  return scored.map((entry) => entry.candidate);
}

/** The largest priority a task stores (tasks.priority is a SMALLINT). */
export const MAX_TASK_PRIORITY = 32_767;

/**
 * The worklist priority as a collection task's stored priority: 1,000 × log10(1 + amount × days ×
 * weight), the amount in currency units, so a SMALLINT holds it (10^12 is 12,000) and the queue's
 * order (priority DESC among tasks due the same day) is the worklist's, to 0.23 %. Monotone: a
 * larger worklist priority never gets a smaller task priority.
 */
export function taskPriorityOf(candidate: WorklistCandidate): number {
  const product = Number(worklistPriority(candidate)) / 10_000;
  return Math.min(MAX_TASK_PRIORITY, Math.round(1000 * Math.log10(1 + product)));
}
