import { Money } from '../../money/decimal';
import { label, type Cell, type ReportDocument } from '../document';
import { nameOf } from '../labels';
import type { BalanceBridgeData } from '../types';
import { L, SIGN_NOTE, customerField, fileName, issuerOf, periodField, sum } from './common';

export interface BridgeTotals {
  readonly adjusted: string;
  /** Customer's closing minus our adjusted balance: zero when the bridge ties. */
  readonly unexplained: string;
  readonly ties: boolean;
}

export function bridgeTotals(data: BalanceBridgeData): BridgeTotals {
  const adjusted = new Money(data.ourClosingBalance).plus(sum(data.items.map((i) => i.amount)));
  const unexplained = new Money(data.theirClosingBalance).minus(adjusted);
  return { adjusted: adjusted.toFixed(), unexplained: unexplained.toFixed(), ties: unexplained.isZero() };
}

/** 余额调节表: our closing balance, each difference added or deducted, against the customer's balance. */
export function buildBalanceBridge(data: BalanceBridgeData): ReportDocument {
  const totals = bridgeTotals(data);
  const rows: Cell[][] = [
    [label('我方期末余额', 'Our closing balance'), null, null, null, data.ourClosingBalance],
  ];
  for (const item of data.items) {
    const sign = new Money(item.amount).isNegative() ? label('减', 'Less') : label('加', 'Add');
    const kind = nameOf(item.kind);
    rows.push([
      { zh: `${sign.zh}：${kind.zh}`, en: `${sign.en}: ${kind.en}` },
      item.description,
      item.reference ?? null,
      item.amount,
      null,
    ]);
  }
  rows.push(
    [label('调节后余额', 'Adjusted balance'), null, null, null, totals.adjusted],
    [label('客户期末余额', "Customer's closing balance"), null, null, null, data.theirClosingBalance],
    [label('未解释差额', 'Unexplained difference'), null, null, null, totals.unexplained],
  );
  return {
    title: label('余额调节表', 'Balance Bridge'),
    issuer: issuerOf(data.company),
    orientation: 'portrait',
    fileName: fileName('bridge', data.customer.code, data.periodStart, data.periodEnd),
    blocks: [
      {
        type: 'fields',
        fields: [
          customerField(data.customer),
          periodField(data.periodStart, data.periodEnd),
          { label: L.currency, value: data.currency },
        ],
      },
      {
        type: 'table',
        columns: [
          { title: label('项目', 'Item'), kind: 'text', width: 1.8 },
          { title: L.description, kind: 'text', width: 1.8 },
          { title: L.reference, kind: 'text' },
          {
            title: label('调节金额（对我方余额的影响）', 'Adjustment (effect on our balance)'),
            kind: 'amount',
          },
          { title: label('余额', 'Balance'), kind: 'amount' },
        ],
        rows,
      },
      {
        type: 'paragraph',
        text: totals.ties
          ? label(
              '调节后余额与客户余额一致，差异已全部解释。',
              "The adjusted balance agrees with the customer's: every difference is explained.",
            )
          : label(
              `调节后余额与客户余额不一致，未解释差额 ${totals.unexplained}，本期不能关闭。`,
              `The adjusted balance does not agree with the customer's: ${totals.unexplained} is unexplained, and the period cannot close.`,
            ),
      },
      { type: 'paragraph', text: SIGN_NOTE },
    ],
  };
}
