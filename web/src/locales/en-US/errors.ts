import type { Messages } from '../../i18n/catalog';

export default {
  unauthenticated: 'You are not signed in, or your session has ended. Please sign in again.',
  forbidden: 'You are not allowed to do this.',
  badUserInput: 'Something in what you entered is not right. Check it and try again.',
  notFound: 'This record cannot be found; it may have been removed.',
  wrongState:
    'This record has moved on, so the action no longer applies. The page now shows its current state.',
  staleVersion:
    'Someone else changed this record a moment ago. The page shows the new state; check it and try again.',
  makerChecker: 'You cannot approve an adjustment you proposed; another manager must approve it.',
  internal:
    'Something went wrong on the server. Try again later; if it keeps happening, tell your administrator.',
  queryTooDeep: 'The request asks for data nested too deeply; the server refused it.',
  queryTooCostly: 'The request asks for too much at once. Narrow it down and try again.',
  payloadTooLarge: 'What you sent is too large.',
  tooManyUploads: 'Too many files are being sent at once: wait for one to finish, then try again.',
  tooManySubscriptions: 'Too many live views are open in this window: close one, or reload the page.',
  fileTooLarge: 'The file is too large (unpacked, or in rows). Split it and upload the parts.',
  fileRejected:
    'The file was read but not imported (nothing was written): correct the rows and columns listed and upload it again.',
  twoFactorEnrolmentRequired: 'Your role must use two-factor sign-in: set it up before doing anything else.',
  stepUpRequired:
    'This action needs a fresh check: enter the six-digit code from your authenticator app and try again.',
  unsupportedMediaType: 'The server does not accept this kind of request.',
  badRequest: 'The request is not valid.',
  invalidRequest: 'The request has an invalid parameter.',
  parseFailed: 'The request could not be read (a bug in the app).',
  validationFailed: 'The request does not fit the API (the app may be out of date: reload the page).',
  csrfRejected: 'The request was refused for security reasons. Reload the page and try again.',
  network: 'The server cannot be reached. Check your connection and try again.',
  unknown: 'The action failed ({code}).',
} satisfies Messages<'errors'>;
