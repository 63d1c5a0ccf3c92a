import { useQuery } from '@apollo/client/react';
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

/** Periods by status and month, a page at a time (`loadMore` appends the next). */
export function usePeriodList(filter: PeriodFilter) {
  const { data, loading, error, fetchMore, refetch } = useQuery(PeriodListDocument, {
    variables: { filter, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.periods;
  return {
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
