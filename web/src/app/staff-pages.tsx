import type { ComponentType, ReactNode } from 'react';
import {
  ApiOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  CreditCardOutlined,
  DashboardOutlined,
  FileTextOutlined,
  HomeOutlined,
  KeyOutlined,
  PhoneOutlined,
  SettingOutlined,
  TableOutlined,
  TeamOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../i18n/catalog';
import type { Role } from '../services/session';
import { QUEUE_ROLES } from '../services/work-choice';
import { lazyLoaded, type LazyLoaded } from './lazy-loaded';
import { APP_PATHS } from './paths';

/** A page loaded when first opened, whose chunks can also be fetched ahead of that (`preload`). */
type LazyPage = LazyLoaded;

function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  return lazyLoaded(load);
}

export interface StaffPage {
  path: string;
  /** Who may open it; everyone else gets the "not allowed" page (the API refuses them anyway). */
  roles: readonly Role[];
  /** Shown in the side menu of these roles, in this order. */
  menu?: { label: MessageKey; icon: ReactNode };
  /** Loaded when first opened: each page is its own chunk, so the first load stays small. */
  Page: LazyPage;
}

const EVERYONE: readonly Role[] = ['CLERK', 'MANAGER', 'AUDITOR', 'ADMIN'];
/** Who approves adjustments (the API's adjustment:approve). */
const APPROVERS: readonly Role[] = ['MANAGER', 'ADMIN'];
/** Who reads the month's reports (the API's report:read). */
const REPORT_READERS: readonly Role[] = ['MANAGER', 'AUDITOR', 'ADMIN'];
/** Who administers users, keys, customers' settings and webhooks (the API's admin). */
const ADMINS: readonly Role[] = ['ADMIN'];
/** Who maps customers' statement files (the API's template:write): those who import them, and admins. */
const TEMPLATE_EDITORS: readonly Role[] = ['CLERK', 'MANAGER', 'ADMIN'];

/**
 * The signed-in pages, in menu order. Add a page: its path in paths.ts, an entry here (roles, menu
 * label from the locales, icon), the component under pages/. Web/README.md has the details.
 */
export const STAFF_PAGES: readonly StaffPage[] = [
  {
    path: APP_PATHS.home,
    roles: EVERYONE,
    menu: { label: 'layout.menuHome', icon: <HomeOutlined /> },
    Page: lazyPage(() => import('../pages/home/HomePage')),
  },
  {
    path: APP_PATHS.work,
    roles: QUEUE_ROLES,
    menu: { label: 'layout.menuWork', icon: <CheckSquareOutlined /> },
    Page: lazyPage(() => import('../pages/work/WorkPage')),
  },
  {
    path: APP_PATHS.periods,
    roles: EVERYONE,
    menu: { label: 'layout.menuPeriods', icon: <TableOutlined /> },
    Page: lazyPage(() => import('../pages/periods/PeriodsPage')),
  },
  {
    path: APP_PATHS.period,
    roles: EVERYONE,
    Page: lazyPage(() => import('../pages/period/PeriodPage')),
  },
  {
    // Reached from the user's menu in the header, not the side menu.
    path: APP_PATHS.security,
    roles: EVERYONE,
    Page: lazyPage(() => import('../pages/security/SecurityPage')),
  },
  {
    path: APP_PATHS.approvals,
    roles: APPROVERS,
    menu: { label: 'layout.menuApprovals', icon: <AuditOutlined /> },
    Page: lazyPage(() => import('../pages/approvals/ApprovalsPage')),
  },
  {
    path: APP_PATHS.dashboard,
    roles: REPORT_READERS,
    menu: { label: 'layout.menuDashboard', icon: <DashboardOutlined /> },
    Page: lazyPage(() => import('../pages/dashboard/DashboardPage')),
  },
  {
    path: APP_PATHS.credit,
    // Everyone who reads: the API lets auditors read standings too; the request and approve buttons
    // follow credit:request and credit:manage (services/credit-rules.ts), so an auditor's page is read-only.
    roles: EVERYONE,
    menu: { label: 'layout.menuCredit', icon: <CreditCardOutlined /> },
    Page: lazyPage(() => import('../pages/credit/CreditPage')),
  },
  {
    // Everyone who reads sees the worklist; the buttons follow the server's collections:work.
    path: APP_PATHS.collections,
    roles: EVERYONE,
    menu: { label: 'layout.menuCollections', icon: <PhoneOutlined /> },
    Page: lazyPage(() => import('../pages/collections/CollectionsPage')),
  },
  {
    path: APP_PATHS.collectionsCustomer,
    roles: EVERYONE,
    Page: lazyPage(() => import('../pages/collections/CustomerCollectionsPage')),
  },
  {
    path: APP_PATHS.adminUsers,
    roles: ADMINS,
    menu: { label: 'layout.menuAdminUsers', icon: <TeamOutlined /> },
    Page: lazyPage(() => import('../pages/admin/UsersPage')),
  },
  {
    path: APP_PATHS.adminApiKeys,
    roles: ADMINS,
    menu: { label: 'layout.menuAdminApiKeys', icon: <KeyOutlined /> },
    Page: lazyPage(() => import('../pages/admin/ApiKeysPage')),
  },
  {
    path: APP_PATHS.adminCustomers,
    roles: ADMINS,
    menu: { label: 'layout.menuAdminCustomers', icon: <SettingOutlined /> },
    Page: lazyPage(() => import('../pages/admin/CustomersPage')),
  },
  {
    path: APP_PATHS.adminCustomerSettings,
    roles: ADMINS,
    Page: lazyPage(() => import('../pages/admin/CustomerSettingsPage')),
  },
  {
    path: APP_PATHS.adminTemplates,
    roles: TEMPLATE_EDITORS,
    menu: { label: 'layout.menuAdminTemplates', icon: <FileTextOutlined /> },
    Page: lazyPage(() => import('../pages/admin/TemplatesPage')),
  },
  {
    path: APP_PATHS.adminWebhooks,
    roles: ADMINS,
    menu: { label: 'layout.menuAdminWebhooks', icon: <ApiOutlined /> },
    Page: lazyPage(() => import('../pages/admin/WebhooksPage')),
  },
  {
    path: APP_PATHS.adminTasks,
    roles: ADMINS,
    menu: { label: 'layout.menuAdminTasks', icon: <ToolOutlined /> },
    Page: lazyPage(() => import('../pages/admin/AdminTasksPage')),
  },
];

export const menuPagesFor = (role: Role) =>
  STAFF_PAGES.filter((page) => page.menu && page.roles.includes(role));
