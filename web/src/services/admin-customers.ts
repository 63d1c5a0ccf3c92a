import { useMutation, useQuery } from '@apollo/client/react';
import {
  AdminCustomerSettingsDocument,
  AdminCustomersDocument,
  AdminUpdateCustomerSettingsDocument,
  type AdminCustomersQuery,
} from './admin.generated';
import type { SettingsChange } from './customer-settings-form';
import { useStepUp } from './step-up';

export type AdminCustomer = AdminCustomersQuery['customers']['edges'][number]['node'];

const PAGE_SIZE = 50;

/** Customers (code or name containing `search`), a page at a time. */
export function useAdminCustomers(search: string) {
  const { data, loading, error, fetchMore } = useQuery(AdminCustomersDocument, {
    variables: { first: PAGE_SIZE, ...(search.trim() ? { search: search.trim() } : {}) },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.customers;
  return {
    customers: connection?.edges.map((edge) => edge.node) ?? [],
    loading,
    error,
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    loadMore: () =>
      fetchMore({
        variables: { after: connection?.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          customers: {
            ...fetchMoreResult.customers,
            edges: [...previous.customers.edges, ...fetchMoreResult.customers.edges],
          },
        }),
      }),
  };
}

/** One customer's settings as stored and in effect, with their version; read fresh on every visit. */
export function useCustomerSettings(code: string) {
  const { data, loading, error, refetch } = useQuery(AdminCustomerSettingsDocument, {
    variables: { code },
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: true,
  });
  return { customer: data?.customer ?? undefined, loading, error, refetch };
}

/** Saves a change made against `expectedVersion` (STALE_VERSION when someone else saved first). */
export function useSaveCustomerSettings(code: string) {
  const withStepUp = useStepUp();
  const [mutate, { loading }] = useMutation(AdminUpdateCustomerSettingsDocument);
  return {
    // A new contact address asks for the second factor again (STEP_UP_REQUIRED) when it is older than five minutes.
    save: (change: SettingsChange) => withStepUp(() => mutate({ variables: { code, ...change } })),
    saving: loading,
  };
}
