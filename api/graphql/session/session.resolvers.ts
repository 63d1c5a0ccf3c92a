import { actorOf } from '../../../auth/policy';
import { endSession, startSession } from '../../../auth/sessions';
import { checkCredentials } from '../../../users/user.service';
import { ApiError, ApiErrorCode } from '../../api-error';
import type { ApiContext, BrowserContext } from '../../context';
import type { MutationResolvers } from '../resolvers-types.generated';

const DEFAULT_SESSION_TTL_SECONDS = 8 * 3600;

/** Signing in or out changes cookies: only from the app's own pages (see docs/security.md). */
function browserOf(ctx: ApiContext): BrowserContext {
  const browser = ctx.browser;
  if (!browser || !browser.auth.csrfSafe)
    throw new ApiError(
      ApiErrorCode.CSRF_REJECTED,
      'sign-in and sign-out need the x-recon-csrf header from a page of this origin',
    );
  return browser;
}

export const sessionMutationResolvers: MutationResolvers = {
  signIn: async (_, args, ctx) => {
    const browser = browserOf(ctx);
    const user = await checkCredentials(
      ctx.dataSource,
      args.email,
      args.password,
      { throttle: ctx.loginThrottle, address: ctx.clientAddress },
      'session',
    );
    // A session id the browser held before signing in is never reused (no session fixation).
    if (browser.auth.sessionId) await endSession(ctx.dataSource, browser.auth.sessionId);
    const session = await startSession(
      ctx.dataSource,
      user.id,
      ctx.auth.tokenTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
    );
    browser.setCookie(browser.cookie.set(session.id, session.expiresAt));
    return { user, expiresAt: session.expiresAt };
  },

  signOut: async (_, __, ctx) => {
    const browser = browserOf(ctx);
    const { sessionId, principal } = browser.auth;
    // A user signing out of their own session is audited with the deletion (auth/sessions.ts).
    const signedOut =
      principal?.kind === 'user' && browser.auth.via === 'session'
        ? { actor: actorOf(principal), userId: principal.userId }
        : undefined;
    if (sessionId) await endSession(ctx.dataSource, sessionId, signedOut);
    browser.setCookie(browser.cookie.clear());
    return true;
  },
};
