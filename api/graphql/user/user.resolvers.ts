import { actorOf, Permission, requirePermission, requireStepUp } from '../../../auth/policy';
import { login } from '../../../users/sign-in';
import { resetTwoFactor } from '../../../users/two-factor.service';
import { setTwoFactorRequiredRoles, twoFactorRequiredRoles } from '../../../users/two-factor-policy';
import { createUser, listUsers, updateUser } from '../../../users/user.service';
import { signInSettings } from '../session/session.resolvers';
import type { MutationResolvers, QueryResolvers, UserResolvers } from '../resolvers-types.generated';
import { DEFAULT_TWO_FACTOR_ROLES } from '../../../users/two-factor-policy';

const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600;

export const userQueryResolvers: QueryResolvers = {
  users: (_, __, ctx) => {
    requirePermission(ctx.principal, Permission.ADMIN);
    return listUsers(ctx.dataSource);
  },
  twoFactorRequiredRoles: (_, __, ctx) => {
    requirePermission(ctx.principal, Permission.ADMIN);
    return twoFactorRequiredRoles(ctx.dataSource, ctx.twoFactorRoles ?? DEFAULT_TWO_FACTOR_ROLES);
  },
};

export const userFieldResolvers: UserResolvers = {
  twoFactorEnabled: (user) => Boolean(user.totpEnabledAt),
  isMe: (user, _, ctx) => ctx.principal?.kind === 'user' && ctx.principal.userId === String(user.id),
};

/**
 * Accounts and their second factor are sensitive like API keys (step-up): with an admin's token
 * whose second factor has lapsed, resetting its own two-factor sign-in skipped every later step-up,
 * and creating an admin (or promoting one) whose password the caller chose gave it a second factor
 * of its own (#17 probe).
 */
export const userMutationResolvers: MutationResolvers = {
  // The one mutation that needs no credentials.
  login: (_, args, ctx) =>
    login(
      ctx.dataSource,
      { ...signInSettings(ctx), ttlSeconds: ctx.auth.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS },
      args.email,
      args.password,
      args.code ?? undefined,
      { throttle: ctx.loginThrottle, address: ctx.clientAddress },
    ),
  createUser: (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    requireStepUp(principal);
    return createUser(ctx.dataSource, args.input, actorOf(principal));
  },
  updateUser: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    requireStepUp(principal);
    const updated = await updateUser(
      ctx.dataSource,
      args.id,
      { role: args.role ?? undefined, active: args.active ?? undefined },
      actorOf(principal),
    );
    // A deactivation or a new role counts at once here; in other API processes within AUTH_CACHE_MS.
    ctx.forgetCredentials?.();
    return updated;
  },
  resetTwoFactor: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    requireStepUp(principal);
    const reset = await resetTwoFactor(ctx.dataSource, args.id, actorOf(principal));
    ctx.forgetCredentials?.();
    return reset;
  },
  setTwoFactorRequiredRoles: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    requireStepUp(principal);
    const roles = await setTwoFactorRequiredRoles(
      ctx.dataSource,
      args.roles,
      ctx.twoFactorRoles ?? DEFAULT_TWO_FACTOR_ROLES,
      actorOf(principal),
    );
    // Standings remembered by this process carry the old requirement (mustEnrol): forget them.
    ctx.forgetCredentials?.();
    return roles;
  },
};
