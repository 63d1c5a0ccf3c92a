import { label, type ReportDocument } from '../document';
import { nameOf } from '../labels';
import type { ReconSummaryData } from '../types';
import { L, SIGN_NOTE, fileName, issuerOf, otherCurrenciesNote, sum } from './common';

/** 月度/年度对账汇总: every customer-period with balances, matching and differences. */
export function buildReconSummary(data: ReconSummaryData): ReportDocument {
  const monthly = data.scope === 'MONTHLY';
  const closed = data.rows.filter((r) => r.status === 'CLOSED').length;
  const matched = data.rows.reduce((n, r) => n + r.matchedCount, 0);
  const differences = data.rows.reduce((n, r) => n + r.differenceCount, 0);
  return {
    title: monthly
      ? label('月度对账汇总', 'Monthly Reconciliation Summary')
      : label('年度对账汇总', 'Annual Reconciliation Summary'),
    issuer: issuerOf(data.company),
    orientation: 'landscape',
    fileName: fileName(monthly ? 'summary-monthly' : 'summary-annual', data.period),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: label('期间', 'Period'), value: data.period },
          { label: L.currency, value: data.currency },
          { label: label('对账期数', 'Periods'), value: data.rows.length, kind: 'integer' },
          { label: label('已关闭', 'Closed'), value: closed, kind: 'integer' },
        ],
      },
      {
        type: 'table',
        columns: [
          { title: L.customerCode, kind: 'text', width: 0.8 },
          { title: L.customerName, kind: 'text', width: 1.5 },
          { title: label('期间', 'Period'), kind: 'text', width: 0.7 },
          { title: L.status, kind: 'text' },
          { title: label('我方余额', 'Our balance'), kind: 'amount' },
          { title: label('客户余额', "Customer's balance"), kind: 'amount' },
          { title: label('已匹配', 'Matched'), kind: 'integer', width: 0.6 },
          { title: label('差异笔数', 'Differences'), kind: 'integer', width: 0.7 },
          {
            title: label('未决差异（对我方余额的影响）', 'Open differences (effect on our balance)'),
            kind: 'amount',
          },
          { title: label('确认日期', 'Confirmed on'), kind: 'date' },
        ],
        rows: data.rows.map((r) => [
          r.customerCode,
          r.customerName,
          r.period,
          nameOf(r.status),
          r.ourClosingBalance,
          r.theirClosingBalance ?? null,
          r.matchedCount,
          r.differenceCount,
          r.openDifferenceAmount,
          r.confirmedOn ?? null,
        ]),
        footer: [
          L.total,
          null,
          null,
          null,
          sum(data.rows.map((r) => r.ourClosingBalance)).toFixed(),
          sum(data.rows.flatMap((r) => (r.theirClosingBalance ? [r.theirClosingBalance] : []))).toFixed(),
          matched,
          differences,
          sum(data.rows.map((r) => r.openDifferenceAmount)).toFixed(),
          null,
        ],
      },
      {
        type: 'paragraph',
        text: label(
          `本期共 ${data.rows.length} 个对账期，已关闭 ${closed} 个；未决差异对我方余额的影响合计 ${sum(data.rows.map((r) => r.openDifferenceAmount)).toFixed(2)} ${data.currency}。`,
          `${data.rows.length} reconciliation periods, ${closed} closed; the open differences' effect on our balance totals ${sum(data.rows.map((r) => r.openDifferenceAmount)).toFixed(2)} ${data.currency}.`,
        ),
      },
      ...otherCurrenciesNote(data.currency, data.otherCurrencies),
      { type: 'paragraph', text: SIGN_NOTE },
    ],
  };
}
