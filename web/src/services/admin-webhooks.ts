import { useMutation, useQuery } from '@apollo/client/react';
import {
  AdminCreateWebhookDocument,
  AdminRedeliverWebhookDocument,
  AdminSetWebhookActiveDocument,
  AdminWebhookDeliveriesDocument,
  AdminWebhooksDocument,
  type AdminWebhookDeliveriesQuery,
  type AdminWebhooksQuery,
} from './admin.generated';
import { useStepUp } from './step-up';

export type WebhookRow = AdminWebhooksQuery['webhookSubscriptions'][number];
export type DeliveryRow = AdminWebhookDeliveriesQuery['webhookDeliveries']['edges'][number]['node'];

const PAGE_SIZE = 50;

/** The endpoints and the event types one can subscribe to. */
export function useWebhooks() {
  const { data, loading, error, refetch } = useQuery(AdminWebhooksDocument, {
    fetchPolicy: 'cache-and-network',
  });
  return {
    subscriptions: data?.webhookSubscriptions ?? [],
    eventTypes: data?.webhookEventTypes ?? [],
    loading,
    error,
    refetch,
  };
}

/** The delivery log, newest first; of one endpoint when `subscriptionId` is given. */
export function useWebhookDeliveries(subscriptionId: string | undefined) {
  const { data, loading, error, refetch, fetchMore } = useQuery(AdminWebhookDeliveriesDocument, {
    variables: { first: PAGE_SIZE, ...(subscriptionId ? { subscriptionId } : {}) },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.webhookDeliveries;
  return {
    deliveries: connection?.edges.map((edge) => edge.node) ?? [],
    loading,
    error,
    refetch,
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    loadMore: () =>
      fetchMore({
        variables: { after: connection?.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          webhookDeliveries: {
            ...fetchMoreResult.webhookDeliveries,
            edges: [...previous.webhookDeliveries.edges, ...fetchMoreResult.webhookDeliveries.edges],
          },
        }),
      }),
  };
}

/** A delivery that may be sent again (the server refuses one still pending). */
export const canRedeliver = (delivery: DeliveryRow) => delivery.status !== 'PENDING';

/** Create (the signing secret comes back once, never cached), pause/resume, redeliver. */
export function useWebhookActions() {
  const withStepUp = useStepUp();
  const [createMutation, creating] = useMutation(AdminCreateWebhookDocument, {
    refetchQueries: [AdminWebhooksDocument],
    fetchPolicy: 'no-cache',
  });
  const [activeMutation, switching] = useMutation(AdminSetWebhookActiveDocument);
  const [redeliverMutation, redelivering] = useMutation(AdminRedeliverWebhookDocument, {
    refetchQueries: [AdminWebhookDeliveriesDocument],
  });
  return {
    // Creating asks for the second factor again (STEP_UP_REQUIRED) when it is older than five minutes.
    create: async (input: { name: string; url: string; eventTypes: string[] }) => {
      const { data } = await withStepUp(() =>
        createMutation({
          variables: { name: input.name.trim(), url: input.url.trim(), eventTypes: input.eventTypes },
        }),
      );
      if (!data) throw new Error('createWebhookSubscription answered without data');
      return {
        secret: data.createWebhookSubscription.secret,
        name: data.createWebhookSubscription.subscription.name,
      };
    },
    setActive: (id: string, active: boolean) => activeMutation({ variables: { id, active } }),
    redeliver: (id: string) => redeliverMutation({ variables: { id } }),
    busy: creating.loading || switching.loading || redelivering.loading,
  };
}
