import { label, type ReportDocument } from '../document';
import { nameOf } from '../labels';
import type { KpiReportData } from '../types';
import { L, fileName, issuerOf, otherCurrenciesNote } from './common';

/** 对账KPI: auto-match rate, time to confirmation, dispute rate, open differences by age, per clerk. */
export function buildKpiReport(data: KpiReportData): ReportDocument {
  return {
    title: label('对账关键指标', 'Reconciliation KPIs'),
    issuer: issuerOf(data.company),
    orientation: 'portrait',
    fileName: fileName('kpi', data.period),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: label('期间', 'Period'), value: data.period },
          { label: label('对账期数', 'Periods'), value: data.periods, kind: 'integer' },
          { label: label('自动匹配率', 'Auto-match rate'), value: data.autoMatchRate, kind: 'percent' },
          {
            label: label('确认天数(中位数)', 'Days to confirmation (median)'),
            value: data.medianDaysToConfirm,
            kind: 'number',
          },
          { label: label('客户确认率', 'Confirmation rate'), value: data.confirmationRate, kind: 'percent' },
          { label: label('争议率', 'Dispute rate'), value: data.disputeRate, kind: 'percent' },
        ],
      },
      {
        type: 'table',
        title: label('未决差异账龄', 'Open differences by age'),
        columns: [
          { title: label('账龄', 'Age'), kind: 'text', width: 1.5 },
          { title: L.count, kind: 'integer' },
          { title: L.differenceEffect, kind: 'amount' },
        ],
        rows: data.openDifferencesByAge.map((a) => [nameOf(a.bucket), a.count, a.amount]),
      },
      {
        type: 'table',
        title: label('对账员', 'Per clerk'),
        columns: [
          { title: label('对账员', 'Clerk'), kind: 'text', width: 1.4 },
          { title: label('对账期数', 'Periods'), kind: 'integer' },
          { title: label('自动匹配率', 'Auto-match'), kind: 'percent' },
          { title: label('手工匹配', 'Manual matches'), kind: 'integer' },
          { title: label('已解决差异', 'Resolved'), kind: 'integer' },
          { title: label('平均解决天数', 'Avg days to resolve'), kind: 'number' },
          { title: label('待办任务', 'Open tasks'), kind: 'integer' },
        ],
        rows: data.perClerk.map((c) => [
          c.clerk,
          c.periods,
          c.autoMatchRate,
          c.manualMatches,
          c.differencesResolved,
          c.averageDaysToResolve,
          c.openTasks,
        ]),
      },
      ...otherCurrenciesNote(data.currency, data.otherCurrencies),
    ],
  };
}
