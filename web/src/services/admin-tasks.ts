import { useMutation, useQuery } from '@apollo/client/react';
import { AdminResolveTaskDocument, AdminTasksDocument, type AdminTaskRowFragment } from './admin.generated';

export type AdminTaskRow = AdminTaskRowFragment;

/** The administrators' tasks (e.g. a failed backup), open ones first, as the server lists them. */
export function useAdminTasks() {
  const { data, loading, error, refetch } = useQuery(AdminTasksDocument, {
    fetchPolicy: 'cache-and-network',
  });
  return { tasks: data?.adminTasks ?? [], loading, error, refetch };
}

/** Resolve an open task, saying what was done (resolving one already resolved: WRONG_STATE). */
export function useResolveAdminTask() {
  const [resolveMutation, resolving] = useMutation(AdminResolveTaskDocument);
  return {
    resolve: (id: string, outcome: string) => resolveMutation({ variables: { id, outcome } }),
    busy: resolving.loading,
  };
}
