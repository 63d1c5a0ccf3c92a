import type { MappingTemplate } from './template';

/**
 * How a customer's own statement file (uploaded with their confirmation link) is read. Customers
 * write no templates: staff may save one named CUSTOMER_UPLOAD_TEMPLATE for a customer (or shared)
 * when its files have their own layout; otherwise the file has the columns of the blank template the
 * customer's page offers, headed in English or in Chinese. Amounts are signed as on our statement:
 * positive raises what the customer owes us.
 */
export const CUSTOMER_UPLOAD_TEMPLATE = 'customer-upload';

/** The headers of the blank template, per language, in the order the downloaded file has them. */
export const CUSTOMER_UPLOAD_HEADERS = {
  en: ['Date', 'Document', 'Reference', 'Description', 'Amount'],
  zh: ['日期', '单据号', '参考号', '摘要', '金额'],
} as const;

const layout = ([date, docNo, reference, description, amount]: readonly string[]): MappingTemplate => ({
  columns: { date, docNo, reference, description },
  amount: { column: amount, positiveMeans: 'INCREASE' },
  dateFormat: 'AUTO',
});

/** The built-in layouts, tried in this order when no saved template applies. */
export const CUSTOMER_UPLOAD_LAYOUTS: readonly MappingTemplate[] = [
  layout(CUSTOMER_UPLOAD_HEADERS.en),
  layout(CUSTOMER_UPLOAD_HEADERS.zh),
];
