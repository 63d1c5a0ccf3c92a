import { useMutation, useQuery } from '@apollo/client/react';
import {
  AdminApiKeysDocument,
  AdminCreateApiKeyDocument,
  AdminRevokeApiKeyDocument,
  type AdminApiKeysQuery,
} from './admin.generated';
import { useStepUp } from './step-up';

export type ApiKeyRow = AdminApiKeysQuery['apiKeys'][number];

/** Every integrator key (revoked ones too) and the scopes a key can be given, as the server lists them. */
export function useApiKeys() {
  const { data, loading, error, refetch } = useQuery(AdminApiKeysDocument, {
    fetchPolicy: 'cache-and-network',
  });
  return { keys: data?.apiKeys ?? [], scopes: data?.apiKeyScopes ?? [], loading, error, refetch };
}

/**
 * Create a key (the answer carries the full key once: the caller shows it and lets it go; it is
 * never kept in the cache) and revoke one.
 */
export function useApiKeyActions() {
  // Creating a key asks for the second factor again (STEP_UP_REQUIRED) when it is older than five minutes.
  const withStepUp = useStepUp();
  const [createMutation, creating] = useMutation(AdminCreateApiKeyDocument, {
    refetchQueries: [AdminApiKeysDocument],
    fetchPolicy: 'no-cache',
  });
  const [revokeMutation, revoking] = useMutation(AdminRevokeApiKeyDocument);
  return {
    create: async (name: string, scopes: string[]) => {
      const { data } = await withStepUp(() => createMutation({ variables: { name: name.trim(), scopes } }));
      if (!data) throw new Error('createApiKey answered without data');
      return { key: data.createApiKey.key, name: data.createApiKey.apiKey.name };
    },
    revoke: (id: string) => revokeMutation({ variables: { id } }),
    busy: creating.loading || revoking.loading,
  };
}
