import { useMutation, useQuery } from '@apollo/client/react';
import {
  AcceptSuggestedLimitDocument,
  AssignPaymentTermsDocument,
  CreditStandingsDocument,
  CustomerTermsChoiceDocument,
  LowerCreditLimitDocument,
  PlaceCreditHoldDocument,
  DecideCreditRequestDocument,
  PendingCreditRequestsDocument,
  RequestCreditChangeDocument,
  type CreditStandingsQuery,
  type PendingCreditRequestsQuery,
} from './credit.generated';
import { useLiveUpdates } from './live';

export type CreditStanding = CreditStandingsQuery['creditStandings'][number];
export type PendingCreditRequest = PendingCreditRequestsQuery['creditRequests'][number];

/** Customers per read: 50 rows with their score components stay within the API's query cost budget. */
const PAGE_SIZE = 50;

/**
 * Customers' credit standing and the requests waiting for a manager, read fresh on every visit and
 * again live when a credit event arrives (a limit crossed, a hold, a request asked or decided).
 */
export function useCreditOverview(customerCode?: string) {
  const standings = useQuery(CreditStandingsDocument, {
    variables: { first: PAGE_SIZE, ...(customerCode ? { customerCode } : {}) },
    fetchPolicy: 'cache-and-network',
  });
  const rows = standings.data?.creditStandings ?? [];
  const requests = useQuery(PendingCreditRequestsDocument, { fetchPolicy: 'cache-and-network' });
  const refetch = async () => {
    await Promise.all([standings.refetch(), requests.refetch()]);
  };
  const live = useLiveUpdates(['credit'], refetch);
  return {
    live,
    standings: rows,
    /** A full page came back: there may be more customers after the last code. */
    hasMore: rows.length > 0 && rows.length % PAGE_SIZE === 0,
    loadMore: () =>
      standings.fetchMore({
        variables: { after: rows[rows.length - 1]?.customerCode },
        updateQuery: (previous, { fetchMoreResult }) => ({
          creditStandings: [...previous.creditStandings, ...fetchMoreResult.creditStandings],
        }),
      }),
    requests: requests.data?.creditRequests ?? [],
    loading: standings.loading || requests.loading,
    error: standings.error ?? requests.error,
    refetch,
  };
}

export interface LimitRequest {
  customerCode: string;
  currency: string;
  amount: string;
  reason: string;
}

/** Ask for a limit change or a hold's release; approve or reject someone else's request. */
export function useCreditActions() {
  const [requestMutation, requesting] = useMutation(RequestCreditChangeDocument);
  const [decideMutation, deciding] = useMutation(DecideCreditRequestDocument);
  return {
    requestLimit: ({ customerCode, currency, amount, reason }: LimitRequest) =>
      requestMutation({
        variables: {
          input: {
            customerCode,
            kind: 'LIMIT_CHANGE',
            currency,
            amount: amount.trim(),
            reason: reason.trim(),
          },
        },
      }),
    requestRelease: (customerCode: string, reason: string) =>
      requestMutation({
        variables: { input: { customerCode, kind: 'HOLD_RELEASE', reason: reason.trim() } },
      }),
    decide: (id: string, approve: boolean, note: string) =>
      decideMutation({ variables: { id, approve, ...(note.trim() ? { note: note.trim() } : {}) } }),
    busy: requesting.loading || deciding.loading,
  };
}

/**
 * What applies at once, without a request: a hold (credit:request), a lower limit, the score's
 * suggested limit (lower: at once; higher: a request another manager decides) and a customer's
 * payment terms (credit:manage). The server checks each; a refusal comes back as the error.
 */
export function useCreditDirectActions() {
  const [hold, holding] = useMutation(PlaceCreditHoldDocument);
  const [lower, lowering] = useMutation(LowerCreditLimitDocument);
  const [accept, accepting] = useMutation(AcceptSuggestedLimitDocument);
  const [assign, assigning] = useMutation(AssignPaymentTermsDocument);
  return {
    placeHold: (customerCode: string, reason: string) =>
      hold({ variables: { customerCode, reason: reason.trim() } }),
    lowerLimit: ({ customerCode, currency, amount, reason }: LimitRequest) =>
      lower({ variables: { customerCode, currency, amount: amount.trim(), reason: reason.trim() } }),
    acceptSuggested: (customerCode: string) => accept({ variables: { customerCode } }),
    assignTerms: (customerCode: string, termsCode: string, effectiveFrom: string) =>
      assign({ variables: { customerCode, termsCode, effectiveFrom } }),
    busy: holding.loading || lowering.loading || accepting.loading || assigning.loading,
  };
}

/** A customer's terms in force today and the catalogue to choose new ones from. */
export function useTermsChoice(customerCode: string) {
  const { data, loading, error } = useQuery(CustomerTermsChoiceDocument, {
    variables: { customerCode },
    fetchPolicy: 'network-only',
  });
  return {
    current: data?.customer?.paymentTerms,
    catalogue: data?.paymentTerms ?? [],
    loading,
    error,
  };
}
