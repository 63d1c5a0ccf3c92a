import type { LedgerEntryRow, LedgerFilter } from '../../../ledger/ledger-query';

/**
 * A page of a customer's ledger as its resolvers pass it on (LedgerEntryConnection's mapper): the
 * totals are summed from customerId and filter only when a query selects them.
 */
export interface LedgerConnectionSource {
  edges: Array<{ cursor: string; node: LedgerEntryRow }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  customerId: string;
  filter: LedgerFilter;
}
