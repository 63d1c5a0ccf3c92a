import { Money } from '../../money/decimal';
import { toChineseCapital } from '../chinese-capital';
import { label, type Field, type ReportDocument } from '../document';
import type { ConfirmationLetterData } from '../types';
import { L, SCAN_TO_CONFIRM, currencyWord, fileName, issuerOf } from './common';

/**
 * 询证函: the balance at a date from our books, in figures and in capital numerals, a request to
 * confirm or state the differences, and a reply slip under a cut line.
 */
export function buildConfirmationLetter(data: ConfirmationLetterData): ReportDocument {
  const balance = new Money(data.balance);
  const owedToUs = balance.isNegative() ? null : balance.toFixed();
  const owedByUs = balance.isNegative() ? balance.negated().toFixed() : null;
  const inWords = currencyWord(data.currency) + toChineseCapital(balance.abs());
  const direction = balance.isNegative()
    ? label('本公司欠贵公司', 'owed by us to you')
    : label('贵公司欠本公司', 'owed by you to us');
  const summary: Field[] = [
    { label: label('函证编号', 'Letter no.'), value: data.letterNo },
    { label: L.customer, value: `${data.customer.name} (${data.customer.code})` },
    { label: L.asOf, value: data.asOf, kind: 'date' },
    {
      label: label(`余额（${data.currency}）`, `Balance (${data.currency})`),
      value: balance.abs().toFixed(),
      kind: 'amount',
    },
    { label: label('余额方向', 'Direction'), value: direction },
  ];
  // Only a link the letter carries, or the one already e-mailed, is promised.
  const online = data.confirmationUrl
    ? { zh: '，或通过下方链接在线确认', en: ', or confirm online at the link below' }
    : data.sentOn
      ? {
          zh: `，或通过本公司 ${data.sentOn} 发送的对账邮件中的链接在线确认`,
          en: `, or confirm online with the link in our e-mail of ${data.sentOn}`,
        }
      : { zh: '', en: '' };
  const reply = data.replyBy
    ? { zh: `请于 ${data.replyBy} 前`, en: ` by ${data.replyBy}` }
    : { zh: '请', en: '' };

  return {
    title: label('企业询证函', 'Balance Confirmation Letter'),
    issuer: issuerOf(data.company),
    orientation: 'portrait',
    fileName: fileName('confirmation', data.customer.code, data.asOf),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: label('函证编号', 'Letter no.'), value: data.letterNo },
          { label: label('致', 'To'), value: data.customer.name },
          { label: label('日期', 'Date'), value: data.issueDate, kind: 'date' },
        ],
      },
      {
        type: 'paragraph',
        text: label(
          `本公司正在核对与贵公司的往来账项。下列数据出自本公司账簿记录，如与贵公司记录相符，请在本函下端“信息证明无误”处签章证明；如有不符，请在“信息不符”处列明不符项目及具体内容。${reply.zh}回复${online.zh}。`,
          `We are reconciling our account with you. The balance below is taken from our books. If it agrees with your records, please sign and stamp the reply slip under "Information confirmed"; if not, state the items that differ under "Information does not agree". Please reply${reply.en}${online.en}.`,
        ),
      },
      {
        type: 'table',
        columns: [
          { title: L.asOf, kind: 'date' },
          { title: label('贵公司欠本公司', 'Owed by you to us'), kind: 'amount' },
          { title: label('本公司欠贵公司', 'Owed by us to you'), kind: 'amount' },
          { title: label('备注', 'Notes'), kind: 'text' },
        ],
        rows: [[data.asOf, owedToUs, owedByUs, data.notes ?? null]],
      },
      {
        type: 'fields',
        fields: [
          { label: label('币种', 'Currency'), value: data.currency },
          { label: label('余额方向', 'Balance'), value: direction },
          { label: label('余额(大写)', 'Balance in words'), value: inWords },
          ...(data.confirmationUrl
            ? [{ label: label('在线确认', 'Confirm online'), value: data.confirmationUrl }]
            : data.sentOn
              ? [
                  {
                    label: label('已发送客户确认', 'Sent to the customer on'),
                    value: data.sentOn,
                    kind: 'date' as const,
                  },
                ]
              : []),
          ...(data.contactName ? [{ label: label('联系人', 'Contact'), value: data.contactName }] : []),
          ...(data.contactPhone ? [{ label: label('电话', 'Phone'), value: data.contactPhone }] : []),
          ...(data.contactEmail ? [{ label: label('邮箱', 'Email'), value: data.contactEmail }] : []),
        ],
      },
      ...(data.confirmationUrl
        ? [{ type: 'qr' as const, url: data.confirmationUrl, caption: SCAN_TO_CONFIRM }]
        : []),
      { type: 'signature', lines: [label('(公司盖章)', '(Company stamp)'), label('日期', 'Date')] },
      { type: 'cut', text: label('请沿此线剪下并寄回', 'Cut along this line and return') },
      { type: 'heading', text: label('回执', 'Reply slip') },
      { type: 'fields', fields: summary },
      { type: 'paragraph', text: label('1. 信息证明无误。', '1. Information confirmed.') },
      {
        type: 'signature',
        lines: [
          label('(被询证单位盖章)', '(Stamp of the confirming party)'),
          label('日期', 'Date'),
          label('经办人', 'Signed by'),
        ],
      },
      {
        type: 'paragraph',
        text: label(
          '2. 信息不符，请列明不符项目及具体内容：',
          '2. Information does not agree; the items that differ:',
        ),
      },
      { type: 'paragraph', text: '\n\n\n' },
      {
        type: 'signature',
        lines: [
          label('(被询证单位盖章)', '(Stamp of the confirming party)'),
          label('日期', 'Date'),
          label('经办人', 'Signed by'),
        ],
      },
    ],
  };
}
