import type { Messages } from '../../i18n/catalog';

export default {
  title: 'Sign in',
  subtitle: 'Customer account reconciliation',
  email: 'E-mail',
  emailRequired: 'Enter your e-mail',
  password: 'Password',
  passwordRequired: 'Enter your password',
  submit: 'Sign in',
  signInFailed:
    'The e-mail or password is wrong, or there were too many attempts. Wait a little and try again.',
  sessionEnded: 'Your session has ended. Please sign in again.',
  signedOut: 'You are signed out.',
} satisfies Messages<'session'>;
