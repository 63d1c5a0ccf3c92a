import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { skipToken, useMutation, useQuery } from '@apollo/client/react';
import { firstReadPolicy } from './first-reads';
import { useLiveUpdates, type LiveEventSeen } from './live';
import { useAfterFirstPaint } from './use-after-first-paint';
import { takeWorkFirstScreen } from './work-first-screen';
import { OwnTaskEvents, type OwnTaskAction } from './own-task-events';
import type { TaskFilter } from '../graphql/schema-types.generated';
import { WORK_PAGE_SIZE, workFilterOf, type WorkChoice } from './work-choice';
import {
  ClaimNextTaskDocument,
  ClaimTaskDocument,
  CompleteTaskDocument,
  MyTaskCountsDocument,
  ReleaseTaskDocument,
  WorkTasksDocument,
  type WorkTaskRowFragment,
} from './work.generated';

export type WorkTask = WorkTaskRowFragment;
export {
  DUE_CHOICES,
  TASK_KINDS,
  TASK_SCOPES,
  WORK_PAGE_SIZE,
  isFilteredChoice,
  workChoiceOf,
  workChoiceParams,
  workFilterOf,
  type DueChoice,
  type TaskKind,
  type TaskScope,
  type WorkChoice,
} from './work-choice';

/**
 * Where a task is worked: its period's page, opened at what the task is about (a difference, a
 * suggestion, an adjustment). The period page is /periods/:periodId. A dunning case's task (no
 * period) is worked on the customer's collections page, /collections/:code.
 */
export function taskPagePath(
  task: Pick<WorkTask, 'periodId' | 'differenceId' | 'matchGroupId' | 'adjustmentId'> & {
    customer: Pick<WorkTask['customer'], 'code'>;
  },
) {
  if (!task.periodId) return `/collections/${encodeURIComponent(task.customer.code)}`;
  const at = task.differenceId
    ? `?difference=${encodeURIComponent(task.differenceId)}`
    : task.matchGroupId
      ? `?suggestion=${encodeURIComponent(task.matchGroupId)}`
      : task.adjustmentId
        ? `?adjustment=${encodeURIComponent(task.adjustmentId)}`
        : '';
  return `/periods/${encodeURIComponent(task.periodId)}${at}`;
}

/** An open task can be claimed; only my own claimed task can be released. */
export const canClaim = (task: Pick<WorkTask, 'status'>) => task.status === 'OPEN';
export const canRelease = (task: Pick<WorkTask, 'status' | 'mine'>) => task.status === 'CLAIMED' && task.mine;
/** Only my own claimed task can be marked done (the server refuses any other: WRONG_STATE). */
export const canComplete = canRelease;

const PAGE_SIZE = WORK_PAGE_SIZE;

/**
 * My work for a choice of filters, a page at a time, kept current: live through task events (a
 * colleague's claim, a new task after a customer's dispute), a slow poll while the socket is down.
 */
export function useWork(choice: WorkChoice) {
  // The due-time window is fixed when the choice is made, so the query's variables stay put.
  const filter = useMemo(() => workFilterOf(choice), [choice]);
  // The first screen from the page's first script's answers, when they are in: Apollo reads (the
  // same answers, through its link) only once that screen has been painted.
  const [firstScreen] = useState(() => takeWorkFirstScreen({ filter, first: PAGE_SIZE }));
  const apolloReads = useAfterFirstPaint(firstScreen !== undefined);
  // Read from the cache when the app already sent these reads as it started (then taken once).
  const [firstPolicies] = useState(() => ({
    list: firstReadPolicy('WorkTasks', { filter, first: PAGE_SIZE }),
    counts: firstReadPolicy('MyTaskCounts', {}),
  }));
  const list = useQuery(
    WorkTasksDocument,
    apolloReads
      ? {
          variables: { filter, first: PAGE_SIZE },
          notifyOnNetworkStatusChange: true,
          ...(firstPolicies.list
            ? { fetchPolicy: firstPolicies.list, nextFetchPolicy: 'cache-and-network' as const }
            : {}),
        }
      : skipToken,
  );
  const counts = useQuery(
    MyTaskCountsDocument,
    apolloReads
      ? firstPolicies.counts
        ? { fetchPolicy: firstPolicies.counts, nextFetchPolicy: 'cache-and-network' }
        : {}
      : skipToken,
  );
  const { refetch: refetchList } = list;
  const { refetch: refetchCounts } = counts;
  /** A read asked for before Apollo reads (a live event in the first frames): made once it does. */
  const refreshWhenReading = useRef(false);
  const refresh = useCallback(() => {
    if (!apolloReads) {
      refreshWhenReading.current = true;
      return;
    }
    void refetchList().catch(() => undefined);
    void refetchCounts().catch(() => undefined);
  }, [apolloReads, refetchList, refetchCounts]);
  useEffect(() => {
    if (!apolloReads || !refreshWhenReading.current) return;
    refreshWhenReading.current = false;
    refresh();
  }, [apolloReads, refresh]);
  // The user's own claim or release reads the list once: its answer, not also its live event.
  const own = useRef(new OwnTaskEvents());
  /** While an action runs, the events that arrive: the read after it shows them. */
  const during = useRef<LiveEventSeen[] | undefined | null>(null);
  const onLive = useCallback(
    (events?: readonly LiveEventSeen[]) => {
      if (during.current !== null) {
        during.current = events && during.current ? [...during.current, ...events] : undefined;
        return;
      }
      if (own.current.othersIn(events)) refresh();
    },
    [refresh],
  );
  const live = useLiveUpdates(['tasks'], onLive);
  /**
   * Runs one of the user's actions, then reads the list once. `expect` names the task event the
   * action causes (known before, or from its answer), which is then not read a second time.
   */
  const act = useCallback(
    async <T>(run: (expect: (action: OwnTaskAction, taskId: string) => void) => Promise<T>) => {
      during.current = [];
      const expected: Array<[OwnTaskAction, string]> = [];
      try {
        const answer = await run((action, taskId) => expected.push([action, taskId]));
        // Done: its event is ours (a refused action caused none: a colleague's event stays theirs).
        for (const [action, taskId] of expected) own.current.expect(action, taskId);
        return answer;
      } finally {
        const arrived = during.current;
        during.current = null;
        // The read below starts after these arrived, so it shows them: only the expectations are spent.
        own.current.othersIn(arrived ?? []);
        refresh();
      }
    },
    [refresh],
  );

  // While another filter's page loads, the last one stays on screen (no empty flash); until Apollo
  // has answered for the first time, the first screen does.
  const firstScreenShown = (read: { data?: unknown; previousData?: unknown; loading: boolean }) =>
    firstScreen !== undefined && (!apolloReads || (read.loading && !read.data && !read.previousData));
  const handingOver = firstScreenShown(list);
  const connection = (list.data ?? list.previousData ?? (handingOver ? firstScreen?.list : undefined))
    ?.workTasks;
  return {
    filter,
    tasks: connection?.edges.map((edge) => edge.node) ?? [],
    loading: list.loading && !handingOver,
    error: list.error ?? counts.error,
    counts: (counts.data ?? (firstScreenShown(counts) ? firstScreen?.counts : undefined))?.myTaskCounts,
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    refresh,
    act,
    live,
    loadMore: () =>
      list.fetchMore({
        variables: { after: connection?.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          workTasks: {
            ...fetchMoreResult.workTasks,
            edges: [...(previous.workTasks?.edges ?? []), ...fetchMoreResult.workTasks.edges],
          },
        }),
      }),
  };
}

/** Claim next, claim, release, done: each answers the task as it is now (or null: nothing to claim). */
export function useWorkActions() {
  const [claimNextMutation] = useMutation(ClaimNextTaskDocument);
  const [claimMutation] = useMutation(ClaimTaskDocument);
  const [releaseMutation] = useMutation(ReleaseTaskDocument);
  const [completeMutation] = useMutation(CompleteTaskDocument);
  return {
    // Claim next takes from the unclaimed tasks whatever the list shows ("mine" has none to claim).
    claimNext: async ({ scope: _shown, ...filter }: TaskFilter) =>
      (await claimNextMutation({ variables: { filter } })).data?.claimNextTask ?? null,
    claim: async (id: string) => (await claimMutation({ variables: { id } })).data?.claimTask ?? null,
    release: async (id: string) => (await releaseMutation({ variables: { id } })).data?.releaseTask ?? null,
    /** Done, saying what was done (a dispute answered, a customer's file checked, an escalation handled). */
    complete: async (id: string, outcome: string) =>
      (await completeMutation({ variables: { id, outcome } })).data?.completeTask ?? null,
  };
}
