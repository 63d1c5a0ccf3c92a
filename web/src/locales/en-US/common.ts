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
  cancel: 'Cancel',
  textRequired: 'Please fill this in.',
  empty: 'Nothing here yet',
  liveLive: 'Live',
  liveConnecting: 'Connecting',
  liveOffline: 'Offline',
  liveLiveHint: 'This page updates as things change on the server',
  liveConnectingHint: 'Connecting to live updates…',
  liveOfflineHint:
    'Live updates are down: the page refreshes every {seconds} s and goes live again when they are back',
} satisfies Messages<'common'>;
