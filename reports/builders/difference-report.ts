import { label, type Cell, type ReportDocument } from '../document';
import { nameOf } from '../labels';
import type { DifferenceReportData } from '../types';
import { L, SIGN_NOTE, customerField, fileName, issuerOf, periodField, sum } from './common';

/** 差异报告: differences summed by kind, then each one with both sides, the reason and its status. */
export function buildDifferenceReport(data: DifferenceReportData): ReportDocument {
  const kinds = [...new Set(data.differences.map((d) => d.kind))];
  const byKind: Cell[][] = kinds.map((kind) => {
    const items = data.differences.filter((d) => d.kind === kind);
    return [nameOf(kind), items.length, sum(items.map((d) => d.difference)).toFixed()];
  });
  const total = sum(data.differences.map((d) => d.difference)).toFixed();
  return {
    title: label('差异报告', 'Difference Report'),
    issuer: issuerOf(data.company),
    orientation: 'landscape',
    fileName: fileName('differences', data.customer.code, data.periodStart, data.periodEnd),
    blocks: [
      {
        type: 'fields',
        fields: [
          customerField(data.customer),
          periodField(data.periodStart, data.periodEnd),
          { label: L.currency, value: data.currency },
          { label: label('生成日期', 'Generated'), value: data.generatedAt, kind: 'date' },
        ],
      },
      { type: 'paragraph', text: SIGN_NOTE },
      {
        type: 'table',
        title: label('按类型汇总', 'By kind'),
        columns: [
          { title: label('差异类型', 'Kind'), kind: 'text', width: 2 },
          { title: L.count, kind: 'integer' },
          { title: L.differenceEffect, kind: 'amount' },
        ],
        rows: byKind,
        footer: [L.total, data.differences.length, total],
      },
      {
        type: 'table',
        title: label('差异明细', 'Details'),
        columns: [
          { title: label('差异类型', 'Kind'), kind: 'text', width: 1.3 },
          { title: L.date, kind: 'date' },
          { title: label('我方单据', 'Our ref.'), kind: 'text' },
          { title: label('对方单据', 'Their ref.'), kind: 'text' },
          { title: label('我方金额', 'Our amount'), kind: 'amount' },
          { title: label('对方金额', 'Their amount'), kind: 'amount' },
          { title: L.differenceEffect, kind: 'amount' },
          { title: label('原因', 'Reason'), kind: 'text', width: 1.8 },
          { title: L.status, kind: 'text', width: 0.8 },
        ],
        rows: data.differences.map((d) => [
          nameOf(d.kind),
          d.date ?? null,
          d.ourRef ?? null,
          d.theirRef ?? null,
          d.ourAmount ?? null,
          d.theirAmount ?? null,
          d.difference,
          d.reason ?? null,
          d.status ? nameOf(d.status) : null,
        ]),
        footer: [L.total, null, null, null, null, null, total, null, null],
      },
    ],
  };
}
