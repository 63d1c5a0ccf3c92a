import { useMutation, useQuery } from '@apollo/client/react';
import {
  ApplyReceivableDocument,
  CustomerOpenItemsDocument,
  ReverseReceivableApplicationDocument,
  type CustomerOpenItemsQuery,
} from './receivables.generated';

export type OpenItem = CustomerOpenItemsQuery['openItems']['items'][number];
export type OpenCredit = CustomerOpenItemsQuery['openItems']['credits'][number];

/** A customer's open items (and the invoices hand applications settled) with its credits, read fresh. */
export function useOpenItems(customerCode: string) {
  const { data, loading, error, refetch } = useQuery(CustomerOpenItemsDocument, {
    variables: { customerCode },
    fetchPolicy: 'cache-and-network',
  });
  return {
    items: data?.openItems.items ?? [],
    credits: data?.openItems.credits ?? [],
    asOf: data?.openItems.asOf,
    /** Settled invoices and used-up credits older than the server's most recent ones, not listed. */
    settledLeftOut: data?.openItems.settledLeftOut ?? 0,
    loading: loading && !data,
    error,
    refetch,
  };
}

/** Apply a receipt or credit note to an invoice by hand, or reverse that; the server checks the amounts. */
export function useReceivableActions(customerCode: string) {
  const [apply] = useMutation(ApplyReceivableDocument);
  const [reverse] = useMutation(ReverseReceivableApplicationDocument);
  return {
    apply: (input: { creditEntryId: string; debitEntryId: string; amount: string }) =>
      apply({ variables: { customerCode, ...input, amount: input.amount.trim() } }),
    reverse: (id: string) => reverse({ variables: { id } }),
  };
}
