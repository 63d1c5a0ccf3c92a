import { actorOf, API_KEY_SCOPES, Permission, requirePermission } from '../../../auth/policy';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../users/api-key.service';
import type { ApiContext } from '../../context';

export const apiKeyQueryResolvers = {
  apiKeys: (_: unknown, __: unknown, ctx: ApiContext) => {
    requirePermission(ctx.principal, Permission.ADMIN);
    return listApiKeys(ctx.dataSource);
  },
  apiKeyScopes: (_: unknown, __: unknown, ctx: ApiContext) => {
    requirePermission(ctx.principal, Permission.ADMIN);
    return API_KEY_SCOPES;
  },
};

export const apiKeyMutationResolvers = {
  createApiKey: (_: unknown, args: { name: string; scopes: string[] }, ctx: ApiContext) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    const userId = principal.kind === 'user' ? principal.userId : null;
    return createApiKey(ctx.dataSource, args.name, args.scopes, { ...actorOf(principal), userId });
  },
  revokeApiKey: (_: unknown, args: { id: string }, ctx: ApiContext) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    return revokeApiKey(ctx.dataSource, args.id, actorOf(principal));
  },
};
