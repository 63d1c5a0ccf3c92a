import type { Messages } from '../../i18n/catalog';

export default {
  codeTitle: 'Two-factor sign-in',
  codeIntro: 'Enter the six-digit code your authenticator app shows, or one of your recovery codes.',
  code: 'Code',
  codeRequired: 'Enter the code',
  codeSubmit: 'Verify',
  codeFailed:
    'The code is wrong or was used already, or the sign-in took too long. Try again with the code the app shows now.',
  backToPassword: 'Start again',
  menuSecurity: 'Security',
  securityTitle: 'Security',
  statusOn: 'Two-factor sign-in is on for your account.',
  statusOff: 'Two-factor sign-in is off for your account.',
  mustEnrol: 'Your role requires two-factor sign-in: set it up before you continue.',
  resetHint:
    'To move to a new phone, ask an administrator to reset your two-factor sign-in, then set it up again.',
  begin: 'Set up two-factor sign-in',
  scanStep:
    '1. Open an authenticator app on your phone (Microsoft Authenticator, Google Authenticator, …) and scan this QR code.',
  qrAlt: 'QR code for your authenticator app',
  secretStep: 'Cannot scan it? Type in this key instead:',
  confirmStep: '2. Enter the six-digit code the app shows now.',
  confirm: 'Turn on',
  confirmFailed: "This is not the code the app shows now. Check the phone's clock and enter the newest code.",
  recoveryTitle: 'Your recovery codes',
  recoveryIntro:
    'If you lose your phone, each recovery code signs you in once instead of a code. Keep them somewhere safe: they are shown only this once.',
  copy: 'Copy',
  copied: 'Recovery codes copied.',
  download: 'Download',
  recoveryDone: 'I have saved them, continue',
  enrolled: 'Two-factor sign-in is on.',
  stepUpTitle: 'Confirm it is you',
  stepUpIntro: 'This action needs the code from your authenticator app again (good for five minutes).',
  stepUpSubmit: 'Confirm',
  stepUpFailed: 'The code is wrong or was used already. Wait for the next code and try again.',
  cancel: 'Cancel',
} satisfies Messages<'twoFactor'>;
