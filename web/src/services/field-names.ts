import type { MessageKey } from '../i18n/catalog';

/**
 * The fields the server names in a refusal's `problems` that a user reads on a page, and their
 * names in the user's language. A field not listed is shown as the API names it.
 */
export const FIELD_NAMES: Readonly<Record<string, MessageKey>> = {
  amount: 'errors.fieldAmount',
  creditEntryId: 'errors.fieldCredit',
  debitEntryId: 'errors.fieldInvoice',
  currency: 'errors.fieldCurrency',
  customerCode: 'errors.fieldCustomer',
  comment: 'errors.fieldComment',
  reason: 'errors.fieldReason',
  name: 'errors.fieldName',
  email: 'errors.fieldEmail',
  contactEmail: 'errors.fieldEmail',
  from: 'errors.fieldFrom',
  to: 'errors.fieldTo',
  asOf: 'errors.fieldAsOf',
  file: 'errors.fieldFile',
};
