import { useCallback } from 'react';
import { useQuery } from '@apollo/client/react';
import { useLiveUpdates } from './live';
import type { PeriodFilter, PeriodStatus } from '../graphql/schema-types.generated';
import { PeriodListDocument } from './periods.generated';

export type { PeriodStatus };

export const PERIOD_STATUSES: readonly PeriodStatus[] = [
  'OPEN',
  'EXTRACTING',
  'MATCHING',
  'IN_REVIEW',
  'AWAITING_CUSTOMER',
  'AWAITING_APPROVAL',
  'CLOSED',
  'FAILED',
];

const PAGE_SIZE = 50;

/** A burst of events (a month's periods opening at once) reads the list once, this long after the first. */
const LIST_SETTLE_MS = 1_000;

/**
 * Periods by status and month, a page at a time (`loadMore` appends the next), kept live: any
 * period's event (status, matches, answers) reads again the rows on screen, as many as were loaded.
 */
export function usePeriodList(filter: PeriodFilter) {
  const { data, loading, error, fetchMore, refetch } = useQuery(PeriodListDocument, {
    variables: { filter, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.periods;
  const shown = connection?.edges.length ?? 0;
  const refresh = useCallback(
    () => refetch({ first: Math.max(PAGE_SIZE, shown) }).catch(() => undefined),
    [refetch, shown],
  );
  // Tasks claimed or released change nothing a row shows.
  const live = useLiveUpdates(['period'], refresh, { ignoreActions: ['task.'], settleMs: LIST_SETTLE_MS });
  return {
    live,
    rows: connection?.edges.map((edge) => edge.node) ?? [],
    loading,
    error,
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    refetch,
    loadMore: () =>
      fetchMore({
        variables: { after: connection?.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          periods: {
            ...fetchMoreResult.periods,
            edges: [...(previous.periods?.edges ?? []), ...fetchMoreResult.periods.edges],
          },
        }),
      }),
  };
}
