import type { Messages } from '../../i18n/catalog';

export default {
  cancel: 'Cancel',
  close: 'Close',
  copy: 'Copy',
  copied: 'Copied',
  secretOnceWarning:
    'Copy it now and keep it somewhere safe. Once this window closes it cannot be shown again: the server keeps only a hash.',
  secretStored: 'I have stored it',
  refused: 'Refused by the server: {reason}',
  refusedFields: 'The server refused these fields: {list}',
  customersEmpty: 'No customer yet. Customers come from the ERP’s ledger import or the API.',
  customersNoMatch: 'No customer’s code or name matches the search.',
} satisfies Messages<'admin'>;
