import type { Catalog } from '../../i18n/catalog';
import approvals from './approvals';
import common from './common';
import confirm from './confirm';
import dashboard from './dashboard';
import errors from './errors';
import home from './home';
import layout from './layout';
import pages from './pages';
import periods from './periods';
import session from './session';
import work from './work';

export default {
  approvals,
  common,
  confirm,
  dashboard,
  errors,
  home,
  layout,
  pages,
  periods,
  session,
  work,
} satisfies Catalog;
