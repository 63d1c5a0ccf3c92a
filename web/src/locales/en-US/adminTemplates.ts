import type { Messages } from '../../i18n/catalog';

export default {
  title: 'Mapping templates',
  intro:
    "A mapping template says how the columns of one customer's (or one ERP's) statement file map onto statement lines. Imports choose one by name.",
  customerFilter: "A customer code, to see that customer's templates",
  name: 'Name',
  customer: 'Customer',
  shared: 'Shared',
  version: 'Version',
  actions: 'Actions',
  view: 'View',
  newVersion: 'New version from this',
  viewTitle: '{name} (version {version})',
  editorTitle: 'Save a template',
  editorIntro:
    'Write the template as JSON. Saving under the same name makes a new version. The server checks it and names every problem by its JSON path.',
  nameRequired: 'Enter a name for the template.',
  customerOptional: 'Customer code (empty: shared by all)',
  definition: 'Definition (JSON)',
  definitionRequired: 'Enter the definition.',
  notJson: 'Not valid JSON: {detail}',
  save: 'Check and save',
  saved: 'Template {name} saved (version {version}).',
  empty: 'No mapping template yet. Save one to read a customer’s statement layout.',
} satisfies Messages<'adminTemplates'>;
