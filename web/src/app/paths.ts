/**
 * Every path the app answers, in one place. The router's table (routes.tsx) uses these, and the
 * build writes them to `app-routes.json`, from which the API decides what is an app page (the app,
 * status 200) and what is not (status 404). Segments starting with ":" match any one segment.
 * A new page adds its path here first.
 */
export const APP_PATHS = {
  home: '/',
  login: '/login',
  /** A user whose role requires two-factor sign-in and who has none enrols here first (outside the frame). */
  enrol: '/enrol',
  /** The signed-in user's own account: two-factor sign-in. */
  security: '/security',
  /** The customer's confirmation page (the link in the statement e-mail). */
  confirm: '/confirm',
  periods: '/periods',
  /** The clerk's home: their task queue. */
  work: '/work',
  /** One period: its bridge, both sides' lines, differences and suggestions (the clerk's workbench). */
  period: '/periods/:periodId',
  /** Managers: adjustments waiting for approval. */
  approvals: '/approvals',
  /** Managers (and auditors): the month at a glance, aging and KPIs. */
  dashboard: '/dashboard',
  /** Credit: limits, exposure, scores, requests (managers decide; clerks ask). */
  credit: '/credit',
  /** Collectors: customers with overdue items, most urgent first, and the collection KPIs. */
  collections: '/collections',
  /** One customer's dunning: payment behaviour, the running case, promises and disputes. */
  collectionsCustomer: '/collections/:code',
  /** Admins: staff users and their roles. */
  adminUsers: '/admin/users',
  /** Admins: integrators' API keys. */
  adminApiKeys: '/admin/api-keys',
  /** Admins: customers, to reach one's settings. */
  adminCustomers: '/admin/customers',
  /** Admins: one customer's matching rules, tolerances, thresholds and reminders. */
  adminCustomerSettings: '/admin/customers/:code/settings',
  /** Clerks, managers and admins: statement mapping templates (kept under /admin for old links). */
  adminTemplates: '/admin/templates',
  /** Admins: webhook endpoints and their deliveries. */
  adminWebhooks: '/admin/webhooks',
  /** Admins: work that belongs to no period (a failed backup), to resolve. */
  adminTasks: '/admin/tasks',
} as const;

/** The address of one period's page. */
export const periodPath = (periodId: string) =>
  APP_PATHS.period.replace(':periodId', encodeURIComponent(periodId));

/** The address of one customer's collections page. */
export const collectionsCustomerPath = (code: string) =>
  APP_PATHS.collectionsCustomer.replace(':code', encodeURIComponent(code));

/** The address of one customer's settings page. */
export const customerSettingsPath = (code: string) =>
  APP_PATHS.adminCustomerSettings.replace(':code', encodeURIComponent(code));

export type AppPath = (typeof APP_PATHS)[keyof typeof APP_PATHS];

/** Where to go after signing in: only a path of this app, never another origin. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return APP_PATHS.home;
  return next;
}
