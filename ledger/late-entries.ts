import type { EntityManager } from 'typeorm';
import {
  closedPeriodsMeeting,
  describePeriod,
  nextOpenPeriod,
  type ClosedPeriod,
} from '../periods/closed-periods';

/**
 * An entry dated in a closed period and booked after it closed. A closed period is never rewritten:
 * the entry is accepted and counts in the next period (periods/period-scope.ts), and the answer says so.
 */
export interface LateEntryWarning {
  index: number;
  externalId: string;
  code: 'LATE_ENTRY';
  closedPeriodId: string;
  /** The period it counts in; null when the next period is not opened yet (it counts when it is). */
  countedInPeriodId: string | null;
  message: string;
}

interface Loaded {
  index: number;
  externalId: string;
  id: string;
  customerId: string;
  entryDate: string;
}

const CHUNK = 1000;

async function createdAtOf(manager: EntityManager, ids: string[]): Promise<Map<string, Date>> {
  const byId = new Map<string, Date>();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const slice = ids.slice(start, start + CHUNK);
    const rows = (await manager.query(
      `SELECT CAST(id AS CHAR) AS id, created_at FROM ledger_entries WHERE id IN (${slice.map(() => '?').join(', ')})`,
      slice,
    )) as Array<{ id: string; created_at: Date }>;
    for (const row of rows) byId.set(row.id, row.created_at);
  }
  return byId;
}

/** Warnings for the batch's entries that are late for a closed period (re-sent ones too, alike). */
export async function lateEntryWarnings(
  manager: EntityManager,
  loaded: Loaded[],
): Promise<LateEntryWarning[]> {
  if (loaded.length === 0) return [];
  const dates = loaded.map((entry) => entry.entryDate).sort();
  const customerIds = [...new Set(loaded.map((entry) => entry.customerId))];
  const closed = await closedPeriodsMeeting(manager, customerIds, dates[0], dates[dates.length - 1]);
  if (closed.length === 0) return [];
  const periodOf = (entry: Loaded) =>
    closed.find(
      (p) => p.customerId === entry.customerId && p.start <= entry.entryDate && entry.entryDate <= p.end,
    );
  const candidates = loaded.flatMap((entry) => {
    const period = periodOf(entry);
    return period ? [{ entry, period }] : [];
  });
  if (candidates.length === 0) return [];
  const createdAt = await createdAtOf(
    manager,
    candidates.map((c) => c.entry.id),
  );
  const next = new Map<ClosedPeriod, Awaited<ReturnType<typeof nextOpenPeriod>>>();
  const warnings: LateEntryWarning[] = [];
  for (const { entry, period } of candidates) {
    // Loaded before the period closed: it is in that period, not late.
    if (!(createdAt.get(entry.id)! > period.closedAt)) continue;
    if (!next.has(period)) next.set(period, await nextOpenPeriod(manager, period));
    const countedIn = next.get(period)!;
    warnings.push({
      index: entry.index,
      externalId: entry.externalId,
      code: 'LATE_ENTRY',
      closedPeriodId: period.id,
      countedInPeriodId: countedIn?.id ?? null,
      message:
        `dated ${entry.entryDate} in ${describePeriod(period)}, which is closed: accepted, and counted in ` +
        (countedIn ? describePeriod(countedIn) : 'the next period when it is opened'),
    });
  }
  return warnings;
}
