import { useMutation, useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import type { DisputeOutcome, DunningCaseStatus, RiskClass } from '../graphql/schema-types.generated';
import {
  CollectionKpisDocument,
  CollectorWorklistDocument,
  CustomerCollectionsDocument,
  PauseDunningDocument,
  RecordPromiseToPayDocument,
  ResumeDunningDocument,
  type CollectorWorklistQuery,
  type CustomerCollectionsQuery,
} from './collections.generated';
import type { Role } from './session';

export type { DisputeOutcome, DunningCaseStatus, RiskClass };
export type WorklistRow = CollectorWorklistQuery['collectorWorklist'][number];
export type CustomerCollections = CustomerCollectionsQuery;
export type DunningCase = CustomerCollectionsQuery['dunningCases']['cases'][number];

/** The server's collections:work: who records promises and disputes (auth/policy.ts). */
export const COLLECTORS: readonly Role[] = ['CLERK', 'MANAGER', 'ADMIN'];
/** The server's report:read: who sees the collection KPIs. */
export const KPI_READERS: readonly Role[] = ['MANAGER', 'AUDITOR', 'ADMIN'];
/** The server's credit:manage: who may uphold a customer's dispute (closing the case). */
export const DISPUTE_DECIDERS: readonly Role[] = ['MANAGER', 'ADMIN'];

const WORKLIST_SIZE = 200;

/** Open dunning cases, most urgent first (amount overdue × days × risk class, the server's order). */
export function useCollectorWorklist(escalatedOnly: boolean) {
  const { data, loading, error, refetch } = useQuery(CollectorWorklistDocument, {
    variables: { first: WORKLIST_SIZE, escalatedOnly },
    fetchPolicy: 'cache-and-network',
  });
  return { rows: data?.collectorWorklist ?? [], loading, error, refetch };
}

/** DSO, CEI, overdue share and promises kept over the last 90 days, for those who read reports. */
export function useCollectionKpis(enabled: boolean, currency = 'CNY') {
  const to = dayjs().format('YYYY-MM-DD');
  const from = dayjs().subtract(89, 'day').format('YYYY-MM-DD');
  const { data, loading, error } = useQuery(CollectionKpisDocument, {
    variables: { from, to, currency },
    skip: !enabled,
    fetchPolicy: 'cache-and-network',
  });
  return { kpis: data?.collectionKpis, loading, error };
}

/** One customer's payment behaviour, its dunning cases and the running case's state. */
export function useCustomerCollections(customerCode: string) {
  const { data, loading, error, refetch } = useQuery(CustomerCollectionsDocument, {
    variables: { customerCode },
    fetchPolicy: 'cache-and-network',
  });
  return { data, loading, error, refetch };
}

export interface PromiseInput {
  promisedDate: string;
  /** Empty: everything overdue now. */
  amount: string;
  note: string;
}

export interface DisputeInput {
  reason: string;
  /** Empty: the dispute names no amount. */
  amount: string;
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);

/**
 * What a collector does on a running case: record a promise to pay, open a dispute (the case pauses),
 * resolve it (REJECTED resumes the dunning, UPHELD closes the case). Each answers the case's new
 * state; the page then reads the customer again once.
 */
export function useDunningActions(customerCode: string) {
  const [promise, promising] = useMutation(RecordPromiseToPayDocument);
  const [pause, pausing] = useMutation(PauseDunningDocument);
  const [resume, resuming] = useMutation(ResumeDunningDocument);
  return {
    recordPromise: (input: PromiseInput) =>
      promise({
        variables: {
          customerCode,
          promisedDate: input.promisedDate,
          amount: optional(input.amount),
          note: optional(input.note),
        },
      }),
    openDispute: (input: DisputeInput) =>
      pause({ variables: { customerCode, reason: input.reason.trim(), amount: optional(input.amount) } }),
    resolveDispute: (outcome: DisputeOutcome, note: string) =>
      resume({ variables: { customerCode, outcome, note: note.trim() } }),
    busy: promising.loading || pausing.loading || resuming.loading,
  };
}

/** A percent or day figure (a decimal string, not money) with one decimal; "—" when there is none. */
export function formatRatio(value: string | null | undefined, unit = ''): string {
  if (value === null || value === undefined) return '—';
  const number = Number(value);
  return Number.isFinite(number) ? `${number.toFixed(1)}${unit}` : value;
}
