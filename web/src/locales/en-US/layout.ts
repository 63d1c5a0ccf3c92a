import type { Messages } from '../../i18n/catalog';

export default {
  menuHome: 'Home',
  menuWork: 'My work',
  menuPeriods: 'Periods',
  menuApprovals: 'Approvals',
  menuDashboard: 'Dashboard',
  menuCredit: 'Credit',
  menuCollections: 'Collections',
  menuAdminUsers: 'Users and roles',
  menuAdminApiKeys: 'API keys',
  menuAdminCustomers: 'Customer settings',
  menuAdminTemplates: 'Mapping templates',
  menuAdminWebhooks: 'Webhooks',
  signOut: 'Sign out',
  signedInAs: 'Signed in as {name}',
  mainMenu: 'Main menu',
  switchLanguage: 'Switch language',
  roleCLERK: 'Clerk',
  roleMANAGER: 'Manager',
  roleAUDITOR: 'Auditor',
  roleADMIN: 'Admin',
} satisfies Messages<'layout'>;
