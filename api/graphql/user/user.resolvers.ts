import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import { createUser, listUsers, login, updateUser } from '../../../users/user.service';
import type { MutationResolvers, QueryResolvers, UserResolvers } from '../resolvers-types.generated';

const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600;

export const userQueryResolvers: QueryResolvers = {
  users: (_, __, ctx) => {
    requirePermission(ctx.principal, Permission.ADMIN);
    return listUsers(ctx.dataSource);
  },
};

export const userFieldResolvers: UserResolvers = {
  isMe: (user, _, ctx) => ctx.principal?.kind === 'user' && ctx.principal.userId === String(user.id),
};

export const userMutationResolvers: MutationResolvers = {
  // The one mutation that needs no credentials.
  login: (_, args, ctx) =>
    login(
      ctx.dataSource,
      ctx.auth.tokenSecret,
      ctx.auth.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
      args.email,
      args.password,
      { throttle: ctx.loginThrottle, address: ctx.clientAddress },
    ),
  createUser: (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    return createUser(ctx.dataSource, args.input, actorOf(principal));
  },
  updateUser: (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    return updateUser(
      ctx.dataSource,
      args.id,
      { role: args.role ?? undefined, active: args.active ?? undefined },
      actorOf(principal),
    );
  },
};
