import { Money } from '../../money/decimal';
import { label, type ReportDocument } from '../document';
import type { CollectionKpiData } from '../types';
import { fileName, issuerOf } from './common';

/** Percent text ("80.65") as the rate a percent cell shows ("0.8065" → 80.65%); null stays empty. */
const rate = (percent: string | null) => (percent === null ? null : new Money(percent).div(100).toFixed());

/** 催收关键指标: DSO, CEI, overdue share and promises kept over a range, with the sums they come from. */
export function buildCollectionKpis(data: CollectionKpiData): ReportDocument {
  return {
    title: label('催收关键指标', 'Collection KPIs'),
    issuer: issuerOf(data.company),
    orientation: 'portrait',
    fileName: fileName('collection-kpis', data.currency, data.from, data.to),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: label('期间', 'Range'), value: `${data.from} – ${data.to}` },
          { label: label('天数', 'Days'), value: data.days, kind: 'integer' },
          { label: label('币种', 'Currency'), value: data.currency },
          { label: label('应收账款周转天数', 'DSO (days)'), value: data.dso, kind: 'number' },
          { label: label('催收效率指数', 'CEI'), value: rate(data.cei), kind: 'percent' },
          { label: label('逾期占比', 'Overdue share'), value: rate(data.overdueShare), kind: 'percent' },
          { label: label('承诺兑现率', 'Promises kept'), value: rate(data.promisesKept), kind: 'percent' },
        ],
      },
      {
        type: 'table',
        title: label('计算依据', 'What they are computed from'),
        columns: [
          { title: label('项目', 'Item'), kind: 'text', width: 2 },
          { title: label('金额/次数', 'Amount / count'), kind: 'amount' },
        ],
        rows: [
          [label('期初未清应收', 'Open at start'), data.openAtStart],
          [label('期间开票', 'Invoiced in the range'), data.invoiced],
          [label('期末未清应收', 'Open at end'), data.openAtEnd],
          [label('期末逾期', 'Overdue at end'), data.overdueAtEnd],
          [label('兑现的付款承诺', 'Promises kept'), String(data.promisesKeptCount)],
          [label('未兑现的付款承诺', 'Promises broken'), String(data.promisesBrokenCount)],
        ],
      },
    ],
  };
}
