import { useMutation, useQuery } from '@apollo/client/react';
import type { ApprovalBlock } from '../graphql/schema-types.generated';
import { useLiveUpdates } from './live';
import {
  ApproveAdjustmentDocument,
  PendingAdjustmentsDocument,
  RejectAdjustmentDocument,
  WithdrawAdjustmentDocument,
  type PendingAdjustmentsQuery,
} from './approvals.generated';
import { useStepUp } from './step-up';

export type { ApprovalBlock };
export type PendingAdjustment = PendingAdjustmentsQuery['pendingAdjustments']['edges'][number]['node'];

const PAGE_SIZE = 50;

/**
 * The adjustments waiting for an approver, oldest first, each with why the signed-in user may not
 * approve it (`myBlock`, the server's own rule). Read fresh from the network on every visit, and
 * again live when an adjustment is proposed or decided (a slow poll while the socket is down).
 */
export function usePendingAdjustments() {
  const { data, loading, error, refetch, fetchMore } = useQuery(PendingAdjustmentsDocument, {
    variables: { first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const live = useLiveUpdates(['approvals'], () => refetch());
  const connection = data?.pendingAdjustments;
  return {
    live,
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

/** The server's own word: the proposer of a pending adjustment may take it back (withdraw). */
export const canWithdraw = (adjustment: Pick<PendingAdjustment, 'myBlock'>) =>
  adjustment.myBlock === 'OWN_PROPOSAL';

/**
 * Approve (comment optional), reject (comment required: the reason goes back to the clerk), or, for
 * its proposer, withdraw (comment optional).
 */
export function useAdjustmentDecisions() {
  // Above the second threshold the server asks for the second factor again (STEP_UP_REQUIRED).
  const withStepUp = useStepUp();
  const [approveMutation, approving] = useMutation(ApproveAdjustmentDocument);
  const [rejectMutation, rejecting] = useMutation(RejectAdjustmentDocument);
  const [withdrawMutation, withdrawing] = useMutation(WithdrawAdjustmentDocument);
  return {
    approve: ({ periodId, adjustmentId, comment }: AdjustmentDecision) =>
      withStepUp(() =>
        approveMutation({
          variables: { periodId, adjustmentId, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        }),
      ),
    reject: ({ periodId, adjustmentId, comment }: AdjustmentDecision) =>
      rejectMutation({ variables: { periodId, adjustmentId, comment: comment.trim() } }),
    withdraw: ({ periodId, adjustmentId, comment }: AdjustmentDecision) =>
      withdrawMutation({
        variables: { periodId, adjustmentId, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      }),
    deciding: approving.loading || rejecting.loading || withdrawing.loading,
  };
}
