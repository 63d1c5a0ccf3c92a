// Deterministic workflow ids: one customer and range is one workflow, however often it is started.
import { isMonth, monthRange } from '../../formats/date';

/** "2026-10" for a calendar month, else "2026-10-01_2026-12-31". */
export function periodKey(periodStart: string, periodEnd: string): string {
  const month = periodStart.slice(0, 7);
  if (isMonth(month) && periodStart === `${month}-01` && periodEnd === monthRange(month).end) return month;
  return `${periodStart}_${periodEnd}`;
}

export function periodWorkflowId(customerCode: string, periodStart: string, periodEnd: string): string {
  return `recon-${customerCode}-${periodKey(periodStart, periodEnd)}`;
}

/** "2026-10" -> { start: "2026-10-01", end: "2026-10-31" }: the one month rule, formats/date.ts. */
export { monthRange };

/** The calendar month before the given instant (UTC), as "YYYY-MM": a schedule on the 1st reconciles the month just ended. */
export function previousMonth(now: Date): string {
  const year = now.getUTCMonth() === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  const month = now.getUTCMonth() === 0 ? 12 : now.getUTCMonth();
  return `${year}-${String(month).padStart(2, '0')}`;
}
