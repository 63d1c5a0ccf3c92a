/** Everything the API can be asked to do. API key scopes are these names. */
export enum Permission {
  READ = 'read',
  OPEN_PERIOD = 'period:open',
  REVIEW = 'period:review',
  CLOSE_BY_EXCEPTION = 'period:close-exception',
  APPROVE_ADJUSTMENT = 'adjustment:approve',
  WRITE_LEDGER = 'ledger:write',
  ADMIN = 'admin',
  RESPOND_AS_CUSTOMER = 'customer:respond',
  /** Record, in one's own name, the answer a customer gave another way (phone, paper): managers. */
  RECORD_CUSTOMER_ANSWER = 'customer:record-answer',
  IMPORT_FILES = 'import',
  MANAGE_TEMPLATES = 'template:write',
  SUBMIT_STATEMENT = 'statement:write',
  /** The audit log and its chain: auditors and admins (and keys given this scope). */
  READ_AUDIT = 'audit:read',
  /** The month's dashboard, aging and KPIs: managers, auditors and admins (and keys given this scope). */
  READ_REPORTS = 'report:read',
  /** Register and manage webhook endpoints (admins, or an integrator's key with this scope). */
  MANAGE_WEBHOOKS = 'webhook:write',
  /** Payment terms, dunning levels and the credit policy's settings (managers). */
  MANAGE_CREDIT = 'credit:manage',
  /** Ask a manager to raise a credit limit or release a hold, and place a hold (clerks, managers). */
  REQUEST_CREDIT = 'credit:request',
  /** Apply receipts and credit notes to invoices by hand (clerks, managers). */
  APPLY_RECEIVABLES = 'receivables:apply',
  /** Work dunning cases: record promises to pay, pause a case with a dispute and resume it (clerks, managers). */
  COLLECT = 'collections:work',
}
