import { Money } from '../../money/decimal';
import { label, type Block, type Field } from '../document';
import type { CompanyInfo, CustomerInfo } from '../types';

export const L = {
  customer: label('客户', 'Customer'),
  period: label('对账期间', 'Period'),
  currency: label('币种', 'Currency'),
  asOf: label('截止日期', 'As of'),
  date: label('日期', 'Date'),
  docNo: label('单据号', 'Doc no.'),
  kind: label('类型', 'Type'),
  reference: label('参考号', 'Reference'),
  description: label('摘要', 'Description'),
  amount: label('金额', 'Amount'),
  total: label('合计', 'Total'),
  count: label('笔数', 'Count'),
  status: label('状态', 'Status'),
  customerCode: label('客户编码', 'Customer code'),
  customerName: label('客户名称', 'Customer name'),
  /** The one sign convention of differences: what the bridge adds to our balance. */
  differenceEffect: label('差额（对我方余额的影响）', 'Difference (effect on our balance)'),
} as const;

/** Printed in every document that shows differences, so that no reader guesses the sign. */
export const SIGN_NOTE = label(
  '差额按对我方余额的影响列示：我方期末余额 + 各项差额 = 客户期末余额；正数表示客户账面多于我方，负数表示少于我方。',
  "Differences show their effect on our balance: our closing balance + the differences = the customer's closing balance; positive means the customer's books show more than ours, negative less.",
);

export function issuerOf(company: CompanyInfo): string {
  return company.nameEn ? `${company.name}  ${company.nameEn}` : company.name;
}

export function customerField(customer: CustomerInfo): Field {
  return { label: L.customer, value: `${customer.name} (${customer.code})` };
}

export function periodField(start: string, end: string): Field {
  return { label: L.period, value: `${start} ~ ${end}` };
}

export function companyContact(company: CompanyInfo): Field[] {
  const fields: Field[] = [];
  if (company.address) fields.push({ label: label('地址', 'Address'), value: company.address });
  if (company.phone) fields.push({ label: label('电话', 'Phone'), value: company.phone });
  if (company.email) fields.push({ label: label('邮箱', 'Email'), value: company.email });
  return fields;
}

export function sum(amounts: Iterable<string>): Money {
  let total = new Money(0);
  for (const amount of amounts) total = total.plus(amount);
  return total;
}

/** A report is of one currency: the periods of others are named, never silently dropped. */
export function otherCurrenciesNote(
  currency: string,
  others: ReadonlyArray<{ readonly currency: string; readonly periods: number }> = [],
): Block[] {
  if (others.length === 0) return [];
  const zh = others.map((o) => `${o.currency} ${o.periods} 个`).join('、');
  const en = others.map((o) => `${o.periods} in ${o.currency}`).join(', ');
  return [
    {
      type: 'paragraph',
      text: label(
        `本表只含 ${currency}；未列入的其他币种对账期：${zh}（金额不跨币种相加，请按币种分别生成）。`,
        `This report is of ${currency} only; periods of other currencies not shown: ${en} (amounts are never added across currencies: ask for each currency).`,
      ),
    },
  ];
}

/** ASCII file names: customer codes and dates only. */
export function fileName(...parts: string[]): string {
  return parts.map((part) => part.replace(/[^A-Za-z0-9_-]+/g, '-')).join('_');
}

/** Names of currencies before capital numerals (人民币壹佰元整). */
export function currencyWord(currency: string): string {
  const words: Record<string, string> = {
    CNY: '人民币',
    USD: '美元',
    HKD: '港币',
    EUR: '欧元',
    JPY: '日元',
    GBP: '英镑',
  };
  return words[currency] ?? currency;
}

/** Beside the QR code of a confirmation link. */
export const SCAN_TO_CONFIRM = label(
  '手机扫码，在线确认或提出异议',
  'Scan with a phone to confirm online, or to dispute lines',
);
