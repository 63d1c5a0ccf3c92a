import { AGING_BUCKETS } from '../aging';
import { label, type ReportDocument } from '../document';
import { nameOf } from '../labels';
import type { AgingReportData } from '../types';
import { L, fileName, issuerOf } from './common';

/** 账龄分析: open receivables per customer by days past due. */
export function buildAgingReport(data: AgingReportData): ReportDocument {
  return {
    title: label('应收账款账龄分析', 'Accounts Receivable Aging'),
    issuer: issuerOf(data.company),
    orientation: 'landscape',
    fileName: fileName('aging', data.asOf),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: L.asOf, value: data.asOf, kind: 'date' },
          { label: L.currency, value: data.currency },
        ],
      },
      {
        type: 'table',
        columns: [
          { title: L.customerCode, kind: 'text', width: 0.8 },
          { title: L.customerName, kind: 'text', width: 1.6 },
          ...AGING_BUCKETS.map((bucket) => ({ title: nameOf(bucket), kind: 'amount' as const })),
          { title: L.total, kind: 'amount' },
        ],
        rows: data.rows.map((row) => [row.customerCode, row.customerName, ...row.buckets, row.total]),
        footer: [L.total, null, ...data.totals, data.total],
      },
      {
        type: 'paragraph',
        text: label(
          '账龄按到期日计算（无到期日的按单据日期）；到期日当天及之前为未到期。',
          'Age counts from the due date (the document date when there is none); items not past their due date are current.',
        ),
      },
    ],
  };
}
