import { Money } from '../../money/decimal';
import { toChineseCapital } from '../chinese-capital';
import { label, type Cell, type ReportDocument } from '../document';
import { nameOf } from '../labels';
import type { StatementOfAccountData } from '../types';
import {
  L,
  SCAN_TO_CONFIRM,
  companyContact,
  currencyWord,
  customerField,
  fileName,
  issuerOf,
  periodField,
} from './common';

/** 对账单: opening balance, every line with a running balance, closing balance, and how to confirm. */
export function buildStatementOfAccount(data: StatementOfAccountData): ReportDocument {
  let balance = new Money(data.openingBalance);
  let increases = new Money(0);
  let decreases = new Money(0);
  const rows: Cell[][] = [
    [data.periodStart, null, null, null, label('期初余额', 'Opening balance'), null, null, balance.toFixed()],
  ];
  for (const line of data.lines) {
    const amount = new Money(line.amount);
    balance = balance.plus(amount);
    if (amount.isNegative()) decreases = decreases.plus(amount.negated());
    else increases = increases.plus(amount);
    rows.push([
      line.date,
      line.docNo,
      nameOf(line.kind),
      line.reference ?? null,
      line.description ?? null,
      amount.isNegative() ? null : amount.toFixed(),
      amount.isNegative() ? amount.negated().toFixed() : null,
      balance.toFixed(),
    ]);
  }
  const closing = balance.toFixed();
  return {
    title: label('对账单', 'Statement of Account'),
    issuer: issuerOf(data.company),
    orientation: 'landscape',
    fileName: fileName('statement', data.customer.code, data.periodStart, data.periodEnd),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: label('对账单号', 'Statement no.'), value: data.statementNo },
          { label: label('出具日期', 'Issue date'), value: data.issueDate, kind: 'date' },
          customerField(data.customer),
          periodField(data.periodStart, data.periodEnd),
          { label: L.currency, value: data.currency },
        ],
      },
      {
        type: 'table',
        title: label('往来明细', 'Transactions'),
        columns: [
          { title: L.date, kind: 'date' },
          { title: L.docNo, kind: 'text' },
          { title: L.kind, kind: 'text', width: 0.8 },
          { title: L.reference, kind: 'text' },
          { title: L.description, kind: 'text', width: 1.6 },
          { title: label('借方(增加)', 'Debit (increase)'), kind: 'amount' },
          { title: label('贷方(减少)', 'Credit (decrease)'), kind: 'amount' },
          { title: label('余额', 'Balance'), kind: 'amount' },
        ],
        rows,
        footer: [
          label('本期合计', 'Period total'),
          null,
          null,
          null,
          null,
          increases.toFixed(),
          decreases.toFixed(),
          closing,
        ],
      },
      {
        type: 'fields',
        fields: [
          { label: label('期初余额', 'Opening balance'), value: data.openingBalance, kind: 'amount' },
          { label: label('本期增加', 'Increases'), value: increases.toFixed(), kind: 'amount' },
          { label: label('本期减少', 'Decreases'), value: decreases.toFixed(), kind: 'amount' },
          { label: label('期末余额', 'Closing balance'), value: closing, kind: 'amount' },
          {
            label: label('期末余额(大写)', 'Closing balance in words'),
            value: currencyWord(data.currency) + toChineseCapital(closing),
          },
        ],
      },
      {
        type: 'paragraph',
        text: label(
          `请核对上述账目。如无误，请${data.replyBy ? `于 ${data.replyBy} 前` : ''}在线确认；如有不符，请在确认页面逐笔说明。`,
          `Please check the account above and confirm it online${data.replyBy ? ` by ${data.replyBy}` : ''}; if anything differs, dispute the lines concerned on the confirmation page.`,
        ),
      },
      ...(data.confirmationUrl
        ? [
            {
              type: 'fields' as const,
              fields: [{ label: label('在线确认', 'Confirm online'), value: data.confirmationUrl }],
            },
            { type: 'qr' as const, url: data.confirmationUrl, caption: SCAN_TO_CONFIRM },
          ]
        : data.sentOn
          ? [
              {
                type: 'fields' as const,
                fields: [
                  {
                    label: label('已发送客户确认', 'Sent to the customer on'),
                    value: data.sentOn,
                    kind: 'date' as const,
                  },
                ],
              },
            ]
          : []),
      ...(data.notes ? [{ type: 'paragraph' as const, text: data.notes }] : []),
      { type: 'fields', fields: companyContact(data.company) },
    ],
  };
}
