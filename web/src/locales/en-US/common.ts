import type { Messages } from '../../i18n/catalog';

export default {
  appName: 'Recon',
  loading: 'Loading…',
  retry: 'Try again',
  language: 'Language',
  languageName: 'English',
  yes: 'Yes',
  no: 'No',
  loadMore: 'Load more',
  all: 'All',
  empty: 'Nothing here yet',
} satisfies Messages<'common'>;
