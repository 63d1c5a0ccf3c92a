import { useMutation, useQuery } from '@apollo/client/react';
import type { NewUserInput, UserRole } from '../graphql/schema-types.generated';
import {
  AdminCreateUserDocument,
  AdminUpdateUserDocument,
  AdminUsersDocument,
  type AdminUsersQuery,
} from './admin.generated';

export type StaffUser = AdminUsersQuery['users'][number];
export type { NewUserInput, UserRole };

/** Every staff user (admins only: the server refuses anyone else). */
export function useStaffUsers() {
  const { data, loading, error, refetch } = useQuery(AdminUsersDocument, {
    fetchPolicy: 'cache-and-network',
  });
  return { users: data?.users ?? [], loading, error, refetch };
}

/** Create a user; change a user's role; (de)activate them. The server refuses an admin's own demotion. */
export function useStaffUserActions() {
  const [createMutation, creating] = useMutation(AdminCreateUserDocument, {
    refetchQueries: [AdminUsersDocument],
  });
  const [updateMutation, updating] = useMutation(AdminUpdateUserDocument);
  return {
    create: (input: NewUserInput) => createMutation({ variables: { input } }),
    changeRole: (id: string, role: UserRole) => updateMutation({ variables: { id, role } }),
    setActive: (id: string, active: boolean) => updateMutation({ variables: { id, active } }),
    busy: creating.loading || updating.loading,
  };
}
