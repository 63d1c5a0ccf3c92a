import type { Messages } from '../../i18n/catalog';

export default {
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at this address; the link may be wrong.',
  forbiddenTitle: 'Not allowed',
  forbiddenText: 'Your role does not open this page. Ask an administrator if you need it.',
  loadFailedTitle: 'Recon has been updated',
  loadFailedText:
    'Recon was updated since this page was opened; reload it to go on. Nothing you saved is lost.',
  errorTitle: 'Something went wrong on this page',
  errorText:
    'The page ran into an unexpected problem. Reload it; if it happens again, tell your administrator.',
  reload: 'Reload',
  backHome: 'Back to the home page',
} satisfies Messages<'pages'>;
