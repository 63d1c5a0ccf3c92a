import { ScoreComponentKind } from '../../contract/credit/score';
import { SCORE_WEIGHTS } from '../../credit/score';
import { label, type Label, type ReportDocument } from '../document';
import type { CreditReviewData, CreditReviewRow } from '../types';
import { L, fileName, issuerOf } from './common';

const COMPONENT_NAMES: Record<ScoreComponentKind, Label> = {
  [ScoreComponentKind.DAYS_BEYOND_TERMS]: label('超期天数', 'Days beyond terms'),
  [ScoreComponentKind.SHARE_PAID_LATE]: label('逾期付款占比', 'Share paid late'),
  [ScoreComponentKind.DISPUTE_RATE]: label('争议率', 'Dispute rate'),
  [ScoreComponentKind.STATEMENT_RESPONSE_DAYS]: label('对账单回复天数', 'Days to answer statements'),
  [ScoreComponentKind.BALANCE_TREND]: label('余额趋势', 'Balance trend'),
};
const KINDS = Object.values(ScoreComponentKind);

/** "points (measure)" of one component, or empty when the customer has no score yet. */
function componentCell(row: CreditReviewRow, kind: ScoreComponentKind): string | null {
  const c = row.components.find((x) => x.kind === kind);
  return c ? `${c.points} (${c.measure})` : null;
}

const withWeight = (name: Label, weight: number): Label => ({
  zh: `${name.zh} ×${weight}%`,
  en: `${name.en} ×${weight}%`,
});

/** 信用评审表: limit, exposure, class, score explained by component, suggested limit, hold. */
export function buildCreditReview(data: CreditReviewData): ReportDocument {
  const yes = label('是', 'yes');
  return {
    title: label('客户信用评审表', 'Credit Review'),
    issuer: issuerOf(data.company),
    orientation: 'landscape',
    fileName: fileName('credit-review', data.asOf),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: L.asOf, value: data.asOf, kind: 'date' },
          { label: label('客户数', 'Customers'), value: data.rows.length, kind: 'integer' },
          {
            label: label('冻结客户', 'On credit hold'),
            value: data.rows.filter((r) => r.onHold).length,
            kind: 'integer',
          },
        ],
      },
      {
        type: 'table',
        title: label('额度与占用', 'Limits and exposure'),
        columns: [
          { title: L.customerCode, kind: 'text', width: 0.8 },
          { title: L.customerName, kind: 'text', width: 1.6 },
          { title: L.currency, kind: 'text', width: 0.5 },
          { title: label('信用额度', 'Limit'), kind: 'amount' },
          { title: label('信用占用', 'Exposure'), kind: 'amount' },
          { title: label('可用额度', 'Available'), kind: 'amount' },
          { title: label('风险等级', 'Class'), kind: 'text', width: 0.5 },
          { title: label('信用分', 'Score'), kind: 'integer', width: 0.5 },
          { title: label('建议额度', 'Suggested limit'), kind: 'amount' },
          { title: label('信用冻结', 'Hold'), kind: 'text', width: 1.2 },
        ],
        rows: data.rows.map((r) => [
          r.customerCode,
          r.customerName,
          r.currency,
          r.limit,
          r.exposure,
          r.available,
          r.riskClass,
          r.score,
          r.suggestedLimit,
          r.onHold ? (r.holdReason ? label(`是：${r.holdReason}`, `yes: ${r.holdReason}`) : yes) : null,
        ]),
      },
      {
        type: 'table',
        title: label('信用分构成（得分 (度量)）', 'Score by component (points (measure))'),
        columns: [
          { title: L.customerCode, kind: 'text', width: 0.8 },
          { title: label('评分日期', 'Scored on'), kind: 'date' },
          { title: label('信用分', 'Score'), kind: 'integer', width: 0.5 },
          ...KINDS.map((kind) => ({
            title: withWeight(COMPONENT_NAMES[kind], SCORE_WEIGHTS[kind]),
            kind: 'text' as const,
          })),
        ],
        rows: data.rows.map((r) => [
          r.customerCode,
          r.scoredOn,
          r.score,
          ...KINDS.map((kind) => componentCell(r, kind)),
        ]),
      },
      {
        type: 'paragraph',
        text: label(
          '信用分 = Σ 各项得分 × 权重 / 100（每项 0–100 分，无可度量时为中性 70 分）；A ≥ 80，B ≥ 60，C ≥ 40，D 以下；未评分客户按 B 级。信用占用 = 未结应收 + 争议金额 + 未结订单。',
          'Score = Σ points × weight / 100 (each component 0–100 points, a neutral 70 when there is nothing to measure); A ≥ 80, B ≥ 60, C ≥ 40, D below; unscored customers are B. Exposure = open receivables + disputed amounts + open orders.',
        ),
      },
    ],
  };
}
