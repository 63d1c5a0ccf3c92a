import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import type { UserRole } from '../../../contract/enums';
import { createUser, listUsers, login, updateUser, type NewUser } from '../../../users/user.service';
import type { ApiContext } from '../../context';

const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600;

export const userQueryResolvers = {
  users: (_: unknown, __: unknown, ctx: ApiContext) => {
    requirePermission(ctx.principal, Permission.ADMIN);
    return listUsers(ctx.dataSource);
  },
};

export const userMutationResolvers = {
  // The one mutation that needs no credentials.
  login: (_: unknown, args: { email: string; password: string }, ctx: ApiContext) =>
    login(
      ctx.dataSource,
      ctx.auth.tokenSecret,
      ctx.auth.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
      args.email,
      args.password,
    ),
  createUser: (_: unknown, args: { input: NewUser }, ctx: ApiContext) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    return createUser(ctx.dataSource, args.input, actorOf(principal));
  },
  updateUser: (
    _: unknown,
    args: { id: string; role?: UserRole | null; active?: boolean | null },
    ctx: ApiContext,
  ) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    return updateUser(
      ctx.dataSource,
      args.id,
      { role: args.role ?? undefined, active: args.active ?? undefined },
      actorOf(principal),
    );
  },
};
