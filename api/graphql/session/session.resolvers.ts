import { actorOf, STEP_UP_SECONDS } from '../../../auth/policy';
import { AuthError, AuthErrorCode } from '../../../auth/principal';
import { endSession, markSecondFactor, startSession, type SessionFactors } from '../../../auth/sessions';
import { signUserToken } from '../../../auth/user-token';
import type { User } from '../../../entities/user.entity';
import { passwordStep, secondFactorStep, type SignInSettings } from '../../../users/sign-in';
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  totpSealKey,
  verifySecondFactor,
} from '../../../users/two-factor.service';
import { UserError, UserErrorCode } from '../../../users/user-error';
import { ApiError, ApiErrorCode } from '../../api-error';
import { qrDataUrl } from './qr-image';
import type { ApiContext, BrowserContext } from '../../context';
import type { MutationResolvers } from '../resolvers-types.generated';
import { DEFAULT_TWO_FACTOR_ROLES } from '../../../users/two-factor-policy';

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

export const signInSettings = (ctx: ApiContext): SignInSettings => ({
  tokenSecret: ctx.auth.tokenSecret,
  defaultTwoFactorRoles: ctx.twoFactorRoles ?? DEFAULT_TWO_FACTOR_ROLES,
});

const guardOf = (ctx: ApiContext) => ({ throttle: ctx.loginThrottle, address: ctx.clientAddress });

async function openSession(ctx: ApiContext, browser: BrowserContext, user: User, factors: SessionFactors) {
  // A session id the browser held before signing in is never reused (no session fixation).
  if (browser.auth.sessionId) await endSession(ctx.dataSource, browser.auth.sessionId);
  const session = await startSession(
    ctx.dataSource,
    user.id,
    ctx.auth.tokenTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
    factors,
  );
  browser.setCookie(browser.cookie.set(session.id, session.expiresAt));
  return {
    user,
    expiresAt: session.expiresAt,
    secondFactor: null,
    mustEnrol: Boolean(factors.enrolmentOnly),
  };
}

/** The signed-in staff user (enrolment and step-up are a person's, never a key's or a customer's). */
function staffOf(ctx: ApiContext) {
  const principal = ctx.principal;
  if (!principal) throw new AuthError(AuthErrorCode.UNAUTHENTICATED, 'authentication required');
  if (principal.kind !== 'user')
    throw new AuthError(AuthErrorCode.FORBIDDEN, 'two-factor sign-in is for staff users');
  return principal;
}

export const sessionMutationResolvers: MutationResolvers = {
  signIn: async (_, args, ctx) => {
    const browser = browserOf(ctx);
    const step = await passwordStep(
      ctx.dataSource,
      args.email,
      args.password,
      guardOf(ctx),
      signInSettings(ctx),
      'session',
    );
    if (step.kind === 'secondFactor') {
      const challenge = { challenge: step.challenge, expiresAt: step.expiresAt };
      return { user: step.user, expiresAt: step.expiresAt, secondFactor: challenge, mustEnrol: false };
    }
    return openSession(ctx, browser, step.user, { enrolmentOnly: step.kind === 'enrolmentOnly' });
  },

  completeSignIn: async (_, args, ctx) => {
    const browser = browserOf(ctx);
    const user = await secondFactorStep(
      ctx.dataSource,
      args.challenge,
      args.code,
      guardOf(ctx),
      signInSettings(ctx),
    );
    return openSession(ctx, browser, user, { secondFactor: true });
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

  beginTwoFactorEnrolment: async (_, __, ctx) => {
    const enrolment = await beginTotpEnrolment(
      ctx.dataSource,
      totpSealKey(ctx.auth.tokenSecret),
      staffOf(ctx).userId,
    );
    return { ...enrolment, qrImage: await qrDataUrl(enrolment.otpauthUri) };
  },

  confirmTwoFactorEnrolment: async (_, args, ctx) => {
    const principal = staffOf(ctx);
    const codes = await confirmTotpEnrolment(
      ctx.dataSource,
      totpSealKey(ctx.auth.tokenSecret),
      principal.userId,
      args.code,
      actorOf(principal),
    );
    // The code just proved the factor: this session may do everything now.
    const sessionId = ctx.browser?.auth.via === 'session' ? ctx.browser.auth.sessionId : undefined;
    if (sessionId) await markSecondFactor(ctx.dataSource, sessionId);
    return codes;
  },

  stepUp: async (_, args, ctx) => {
    const principal = staffOf(ctx);
    if (!principal.secondFactor?.enrolled)
      throw new UserError(
        UserErrorCode.WRONG_STATE,
        'two-factor sign-in is off for this user: nothing to step up',
      );
    await verifySecondFactor(
      ctx.dataSource,
      totpSealKey(ctx.auth.tokenSecret),
      principal.userId,
      args.code,
      guardOf(ctx),
      'step-up',
    );
    const now = Date.now();
    const until = new Date(now + STEP_UP_SECONDS * 1000);
    const browser = ctx.browser;
    if (browser?.auth.via === 'session' && browser.auth.sessionId) {
      await markSecondFactor(ctx.dataSource, browser.auth.sessionId);
      return { until, token: null };
    }
    // A bearer token: a new one, as long-lived as a fresh sign-in's, that carries the step-up.
    const exp = Math.floor(now / 1000) + (ctx.auth.tokenTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS);
    const token = signUserToken(ctx.auth.tokenSecret, {
      sub: principal.userId,
      role: principal.role,
      name: principal.name,
      exp,
      mfa: Math.floor(now / 1000),
    });
    return { until, token };
  },
};
