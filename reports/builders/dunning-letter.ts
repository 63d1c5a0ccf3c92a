import { Money } from '../../money/decimal';
import { toChineseCapital } from '../chinese-capital';
import { label, type Label, type ReportDocument } from '../document';
import type { DunningLetterData } from '../types';
import { L, currencyWord, fileName, issuerOf } from './common';

const TONES: Record<DunningLetterData['tone'], { title: Label; ask: Label }> = {
  FRIENDLY: {
    title: label('付款提醒函', 'Payment Reminder'),
    ask: label(
      '经核对，下列款项已超过约定付款期限，可能是贵公司疏忽所致。烦请安排付款；如已付款，请忽略本函并告知付款信息。',
      'Our records show the items below as past due; this may have been an oversight. Please arrange payment; if you have already paid, please disregard this letter and send us the payment details.',
    ),
  },
  FIRM: {
    title: label('催款函', 'Overdue Payment Notice'),
    ask: label(
      '下列款项虽经提醒，至今仍未支付。请贵公司于下述日期前付清，或与我们联系说明付款安排。',
      'Although we reminded you, the items below are still unpaid. Please pay them by the date below, or contact us about your payment plan.',
    ),
  },
  FINAL: {
    title: label('最后催款通知', 'Final Notice'),
    ask: label(
      '下列款项经多次催告仍未支付。请于下述日期前全额付清；逾期本公司将暂停赊销并采取进一步措施，本函已抄送本公司信用管理负责人。',
      'Despite repeated reminders the items below remain unpaid. Please pay in full by the date below; otherwise we will suspend credit and take further steps. Our credit manager has been informed.',
    ),
  },
};

/**
 * 催款函 of one dunning level: the overdue items with their due dates and days overdue, the total
 * in figures and in capital numerals (as the 询证函 writes it), and a date to pay by.
 */
export function buildDunningLetter(data: DunningLetterData): ReportDocument {
  const tone = TONES[data.tone];
  const total = new Money(data.totalOverdue);
  return {
    title: tone.title,
    issuer: issuerOf(data.company),
    orientation: 'portrait',
    fileName: fileName(`dunning-L${data.level}`, data.customer.code, data.issueDate),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: label('函件编号', 'Letter no.'), value: data.letterNo },
          { label: label('致', 'To'), value: `${data.customer.name} (${data.customer.code})` },
          { label: label('日期', 'Date'), value: data.issueDate, kind: 'date' },
          { label: label('催款级别', 'Level'), value: data.level, kind: 'integer' },
        ],
      },
      { type: 'paragraph', text: tone.ask },
      {
        type: 'table',
        columns: [
          { title: L.docNo, kind: 'text' },
          { title: label('单据日期', 'Document date'), kind: 'date' },
          { title: label('到期日', 'Due date'), kind: 'date' },
          { title: label('逾期天数', 'Days overdue'), kind: 'integer' },
          { title: label('未付金额', 'Open amount'), kind: 'amount' },
        ],
        rows: data.items.map((item) => [
          item.docNo,
          item.documentDate,
          item.dueDate,
          item.daysOverdue,
          item.openAmount,
        ]),
        footer: [L.total, null, null, null, total.toFixed()],
      },
      {
        type: 'fields',
        fields: [
          { label: L.currency, value: data.currency },
          { label: label('逾期合计', 'Total overdue'), value: total.toFixed(), kind: 'amount' },
          {
            label: label('合计(大写)', 'Total in words'),
            value: currencyWord(data.currency) + toChineseCapital(total),
          },
          ...(data.payBy
            ? [{ label: label('请于此日前付清', 'Please pay by'), value: data.payBy, kind: 'date' as const }]
            : []),
          ...(data.contactName ? [{ label: label('联系人', 'Contact'), value: data.contactName }] : []),
          ...(data.contactPhone ? [{ label: label('电话', 'Phone'), value: data.contactPhone }] : []),
          ...(data.contactEmail ? [{ label: label('邮箱', 'Email'), value: data.contactEmail }] : []),
        ],
      },
      { type: 'signature', lines: [label('(公司盖章)', '(Company stamp)'), label('日期', 'Date')] },
    ],
  };
}
