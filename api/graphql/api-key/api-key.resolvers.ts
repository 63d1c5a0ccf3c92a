import { actorOf, API_KEY_SCOPES, Permission, requirePermission, requireStepUp } from '../../../auth/policy';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../users/api-key.service';
import type { MutationResolvers, QueryResolvers } from '../resolvers-types.generated';

export const apiKeyQueryResolvers: QueryResolvers = {
  apiKeys: (_, __, ctx) => {
    requirePermission(ctx.principal, Permission.ADMIN);
    return listApiKeys(ctx.dataSource);
  },
  apiKeyScopes: (_, __, ctx) => {
    requirePermission(ctx.principal, Permission.ADMIN);
    return [...API_KEY_SCOPES];
  },
};

export const apiKeyMutationResolvers: MutationResolvers = {
  createApiKey: (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    requireStepUp(principal);
    const userId = principal.kind === 'user' ? principal.userId : null;
    return createApiKey(ctx.dataSource, args.name, args.scopes, { ...actorOf(principal), userId });
  },
  revokeApiKey: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    const revoked = await revokeApiKey(ctx.dataSource, args.id, actorOf(principal));
    // Refused at once by this process; other API processes within AUTH_CACHE_MS.
    ctx.forgetCredentials?.();
    return revoked;
  },
};
