import { useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import type { DifferenceAge, PeriodStatus } from '../graphql/schema-types.generated';
import {
  DashboardAgingDocument,
  DashboardKpisDocument,
  MonthDashboardDocument,
  type DashboardAgingQuery,
  type DashboardKpisQuery,
} from './dashboard.generated';

export type { DifferenceAge, PeriodStatus };
export type Kpis = DashboardKpisQuery['kpis'];
export type Aging = DashboardAgingQuery['receivablesAging'];

/** A month as the API names it ("2026-10") and its first and last day. */
export function monthRange(month: string): { from: string; to: string } {
  const start = dayjs(`${month}-01`);
  return { from: start.format('YYYY-MM-DD'), to: start.endOf('month').format('YYYY-MM-DD') };
}

/**
 * Everything the dashboard shows for one month: the month's periods (by status, untied bridges,
 * statements waiting for the customer), the clerks' open work, the KPIs of the month and the
 * receivables aging at its last day. Each part loads and fails on its own.
 */
export function useDashboard(month: string) {
  const { from, to } = monthRange(month);
  const fresh = { fetchPolicy: 'cache-and-network' } as const;
  const board = useQuery(MonthDashboardDocument, { variables: { month }, ...fresh });
  const kpis = useQuery(DashboardKpisDocument, { variables: { from, to }, ...fresh });
  const aging = useQuery(DashboardAgingDocument, { variables: { asOf: to }, ...fresh });
  return {
    board: { data: board.data?.dashboard, loading: board.loading, error: board.error },
    kpis: { data: kpis.data?.kpis, loading: kpis.loading, error: kpis.error },
    aging: { data: aging.data?.receivablesAging, loading: aging.loading, error: aging.error },
  };
}

export type ReportFormat = 'pdf' | 'xlsx';

/**
 * Where to download the month's reports (`GET /reports/:kind`, authenticated by the session
 * cookie): the month's summary, the KPIs, the aging at the month's end, the collection KPIs of the
 * month and today's credit review.
 */
export function monthReportUrls(month: string, format: ReportFormat, lang: 'zh' | 'en') {
  const { from, to } = monthRange(month);
  const url = (kind: string, params: Record<string, string>) =>
    `/reports/${kind}?${new URLSearchParams({ ...params, format, lang }).toString()}`;
  return {
    summary: url('summary', { period: month }),
    kpi: url('kpi', { from, to }),
    aging: url('aging', { asOf: to, basis: 'DUE_DATE' }),
    collections: url('collections', { from, to }),
    // Exposures are read when asked, so the review is dated today (the server's default), not the month's end.
    creditReview: url('credit-review', {}),
  };
}
