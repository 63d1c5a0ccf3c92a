import type { Messages } from '../../i18n/catalog';

export default {
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at this address; the link may be wrong.',
  forbiddenTitle: 'Not allowed',
  forbiddenText: 'Your role does not open this page. Ask an administrator if you need it.',
  backHome: 'Back to the home page',
} satisfies Messages<'pages'>;
