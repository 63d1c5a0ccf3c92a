import admin from './admin';
import adminKeys from './adminKeys';
import adminSettings from './adminSettings';
import adminTasks from './adminTasks';
import adminTemplates from './adminTemplates';
import adminUsers from './adminUsers';
import adminWebhooks from './adminWebhooks';
import approvals from './approvals';
import collections from './collections';
import common from './common';
import confirm from './confirm';
import credit from './credit';
import dashboard from './dashboard';
import errors from './errors';
import home from './home';
import layout from './layout';
import pages from './pages';
import period from './period';
import periods from './periods';
import session from './session';
import twoFactor from './twoFactor';
import work from './work';

/** The source catalog: every other language must have exactly these keys (i18n/catalog.ts). */
export default {
  admin,
  adminKeys,
  adminSettings,
  adminTasks,
  adminTemplates,
  adminUsers,
  adminWebhooks,
  approvals,
  collections,
  common,
  confirm,
  credit,
  dashboard,
  errors,
  home,
  layout,
  pages,
  period,
  periods,
  session,
  twoFactor,
  work,
};
