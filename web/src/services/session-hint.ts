/**
 * The role of the last user this browser saw signed in, kept in local storage so that the app can
 * send the opened page's first reads before the session query answers. Not a credential (the
 * session is the http-only cookie) and never trusted: a wrong hint only costs a refused read.
 */
/** Also read by the page's first script (build/early-reads.ts), before the app has loaded. */
export const SIGNED_IN_ROLE_KEY = 'recon.signedInRole';

export function rememberSignedIn(role: string | undefined): void {
  try {
    if (role) localStorage.setItem(SIGNED_IN_ROLE_KEY, role);
    else localStorage.removeItem(SIGNED_IN_ROLE_KEY);
  } catch {
    // Storage may be off (private mode): the pages then read after the session, as before.
  }
}

export function signedInRoleHint(): string | undefined {
  try {
    return localStorage.getItem(SIGNED_IN_ROLE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
