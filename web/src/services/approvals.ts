import { useMutation, useQuery } from '@apollo/client/react';
import type { ApprovalBlock } from '../graphql/schema-types.generated';
import {
  ApproveAdjustmentDocument,
  PendingAdjustmentsDocument,
  RejectAdjustmentDocument,
  type PendingAdjustmentsQuery,
} from './approvals.generated';

export type { ApprovalBlock };
export type PendingAdjustment = PendingAdjustmentsQuery['pendingAdjustments']['edges'][number]['node'];

const PAGE_SIZE = 50;

/**
 * The adjustments waiting for an approver, oldest first, each with why the signed-in user may not
 * approve it (`myBlock`, the server's own rule). Read fresh from the network on every visit.
 */
export function usePendingAdjustments() {
  const { data, loading, error, refetch, fetchMore } = useQuery(PendingAdjustmentsDocument, {
    variables: { first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.pendingAdjustments;
  return {
    rows: connection?.edges.map((edge) => edge.node) ?? [],
    loading,
    error,
    refetch,
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    loadMore: () =>
      fetchMore({
        variables: { after: connection?.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          pendingAdjustments: {
            ...fetchMoreResult.pendingAdjustments,
            edges: [...previous.pendingAdjustments.edges, ...fetchMoreResult.pendingAdjustments.edges],
          },
        }),
      }),
  };
}

export interface AdjustmentDecision {
  periodId: string;
  adjustmentId: string;
  comment: string;
}

/** Approve (comment optional) or reject (comment required: the reason goes back to the clerk). */
export function useAdjustmentDecisions() {
  const [approveMutation, approving] = useMutation(ApproveAdjustmentDocument);
  const [rejectMutation, rejecting] = useMutation(RejectAdjustmentDocument);
  return {
    approve: ({ periodId, adjustmentId, comment }: AdjustmentDecision) =>
      approveMutation({
        variables: { periodId, adjustmentId, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      }),
    reject: ({ periodId, adjustmentId, comment }: AdjustmentDecision) =>
      rejectMutation({ variables: { periodId, adjustmentId, comment: comment.trim() } }),
    deciding: approving.loading || rejecting.loading,
  };
}
