import type { Messages } from '../../i18n/catalog';

export default {
  title: 'API keys',
  intro:
    'Keys that integrators (ERP, bank feeds) call the API with. A key holds exactly the scopes chosen; a revoked key stops working at once.',
  create: 'New key',
  createTitle: 'New API key',
  createSubmit: 'Create',
  created: 'Key {name} created.',
  name: 'Name',
  nameHint: 'To tell keys apart, e.g. the system that uses it.',
  nameRequired: 'Enter a name.',
  prefix: 'Prefix',
  scopes: 'Scopes',
  scopesHint: 'Choose only what this integration needs.',
  scopesRequired: 'Choose at least one scope.',
  createdAt: 'Created',
  lastUsedAt: 'Last used',
  neverUsed: 'Never',
  status: 'Status',
  active: 'Active',
  revokedAt: 'Revoked on {at}',
  actions: 'Actions',
  revoke: 'Revoke',
  revokeConfirm: 'Revoke key {name}? The systems using it lose access at once.',
  revoked: 'Key {name} revoked.',
  secretTitle: 'New key {name}',
} satisfies Messages<'adminKeys'>;
