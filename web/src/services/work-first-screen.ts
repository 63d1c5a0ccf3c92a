import { EARLY_READ_FRESH_MS, earlyReadKey, peekEarlyRead } from './early-reads';
import type { MyTaskCountsQuery, WorkTasksQuery, WorkTasksQueryVariables } from './work.generated';

/**
 * My work's first screen drawn straight from the answers of the page's first script
 * (build/early-reads.ts). Apollo Client's first look at the two documents, then writing the 50
 * tasks into its cache and reading them back, was ~60–95 ms of the main thread before the first
 * paint in My work's profile. The page hands the reads to Apollo after that paint (useWork): its
 * link takes these very answers then (early-reads-link.ts), so nothing is sent twice and the
 * cache ends as before. Pure bookkeeping: no Apollo, no React.
 */

export interface WorkFirstScreen {
  list: WorkTasksQuery;
  counts: MyTaskCountsQuery;
}

interface Watched {
  key: string;
  at: number;
  /** Settles once both answers are in (or one failed). */
  answered: Promise<void>;
  /** Both answers, once in, when each has its data and no error. */
  screen?: WorkFirstScreen;
}

let watched: Watched | undefined;

/** A GraphQL answer's data when it came whole: any error (a refusal, a field that failed) and the page reads as before. */
function wholeData<T>(answer: unknown): T | undefined {
  const { data, errors } = (answer ?? {}) as { data?: T | null; errors?: unknown };
  return data && !errors ? data : undefined;
}

/**
 * Follows the first script's answers to My work's list (with these variables) and counts; false
 * when it sent either of them not (the app then reads as before). Called once, as the app starts.
 */
export function watchWorkFirstScreen(variables: WorkTasksQueryVariables, now = Date.now()): boolean {
  const list = peekEarlyRead('WorkTasks', variables);
  const counts = peekEarlyRead('MyTaskCounts', {});
  if (!list || !counts) return false;
  const entry: Watched = {
    key: earlyReadKey('WorkTasks', variables),
    at: now,
    answered: Promise.all([list, counts]).then(
      ([listAnswer, countsAnswer]) => {
        const listData = wholeData<WorkTasksQuery>(listAnswer);
        const countsData = wholeData<MyTaskCountsQuery>(countsAnswer);
        if (listData && countsData) entry.screen = { list: listData, counts: countsData };
      },
      () => undefined,
    ),
  };
  watched = entry;
  return true;
}

/** Settles once the followed answers are in (or failed); undefined when none are followed. */
export const workFirstScreenAnswered = (): Promise<void> | undefined => watched?.answered;

/**
 * The first screen for these variables, once, when its answers are already in, whole and fresh;
 * otherwise undefined (the page reads through Apollo from the start, as before).
 */
export function takeWorkFirstScreen(
  variables: WorkTasksQueryVariables,
  now = Date.now(),
): WorkFirstScreen | undefined {
  const entry = watched;
  watched = undefined;
  if (!entry || entry.key !== earlyReadKey('WorkTasks', variables)) return undefined;
  return now - entry.at < EARLY_READ_FRESH_MS ? entry.screen : undefined;
}
