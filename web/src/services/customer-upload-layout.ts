/** What the customer's upload takes, as the server reads it (pure: test/web compares the two). */

/** Server: CUSTOMER_UPLOAD_MAX_BYTES (contract/period/limits.ts); test/web keeps the two equal. */
export const CUSTOMER_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

/** Server: CUSTOMER_UPLOAD_HEADERS (imports/customer-upload-templates.ts); test/web keeps them equal. */
export const CUSTOMER_UPLOAD_HEADERS = {
  en: ['Date', 'Document', 'Reference', 'Description', 'Amount'],
  zh: ['日期', '单据号', '参考号', '摘要', '金额'],
} as const;
