import { useCallback, useMemo } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useLiveUpdates } from './live';
import type { TaskFilter } from '../graphql/schema-types.generated';
import { workFilterOf, type WorkChoice } from './work-choice';
import {
  ClaimNextTaskDocument,
  ClaimTaskDocument,
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
 * suggestion, an adjustment). The period page is /periods/:periodId.
 */
export function taskPagePath(
  task: Pick<WorkTask, 'periodId' | 'differenceId' | 'matchGroupId' | 'adjustmentId'>,
) {
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

const PAGE_SIZE = 50;

/**
 * My work for a choice of filters, a page at a time, kept current: live through task events (a
 * colleague's claim, a new task after a customer's dispute), a slow poll while the socket is down.
 */
export function useWork(choice: WorkChoice) {
  // The due-time window is fixed when the choice is made, so the query's variables stay put.
  const filter = useMemo(() => workFilterOf(choice), [choice]);
  const list = useQuery(WorkTasksDocument, {
    variables: { filter, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const counts = useQuery(MyTaskCountsDocument);
  const { refetch: refetchList } = list;
  const { refetch: refetchCounts } = counts;
  const refresh = useCallback(() => {
    void refetchList().catch(() => undefined);
    void refetchCounts().catch(() => undefined);
  }, [refetchList, refetchCounts]);
  const live = useLiveUpdates(['tasks'], refresh);

  // While another filter's page loads, the last one stays on screen (no empty flash).
  const connection = (list.data ?? list.previousData)?.workTasks;
  return {
    filter,
    tasks: connection?.edges.map((edge) => edge.node) ?? [],
    loading: list.loading,
    error: list.error ?? counts.error,
    counts: counts.data?.myTaskCounts,
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    refresh,
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

/** Claim next, claim, release: each answers the task as it is now (or null: nothing to claim). */
export function useWorkActions() {
  const [claimNextMutation] = useMutation(ClaimNextTaskDocument);
  const [claimMutation] = useMutation(ClaimTaskDocument);
  const [releaseMutation] = useMutation(ReleaseTaskDocument);
  return {
    // Claim next takes from the unclaimed tasks whatever the list shows ("mine" has none to claim).
    claimNext: async ({ scope: _shown, ...filter }: TaskFilter) =>
      (await claimNextMutation({ variables: { filter } })).data?.claimNextTask ?? null,
    claim: async (id: string) => (await claimMutation({ variables: { id } })).data?.claimTask ?? null,
    release: async (id: string) => (await releaseMutation({ variables: { id } })).data?.releaseTask ?? null,
  };
}
