import { useMutation, useQuery } from '@apollo/client/react';
import type { NewUserInput, UserRole } from '../graphql/schema-types.generated';
import {
  AdminCreateUserDocument,
  AdminResetTwoFactorDocument,
  AdminSetTwoFactorRolesDocument,
  AdminTwoFactorRolesDocument,
  AdminUpdateUserDocument,
  AdminUsersDocument,
  type AdminUsersQuery,
} from './admin.generated';
import { useStepUp } from './step-up';

export type StaffUser = AdminUsersQuery['users'][number];
export type { NewUserInput, UserRole };

/** Every staff user (admins only: the server refuses anyone else). */
export function useStaffUsers() {
  const { data, loading, error, refetch } = useQuery(AdminUsersDocument, {
    fetchPolicy: 'cache-and-network',
  });
  return { users: data?.users ?? [], loading, error, refetch };
}

/**
 * Create a user; change a user's role; (de)activate them; reset their two-factor sign-in (a lost
 * phone: their sessions end, they enrol again). The server refuses an admin's own demotion. Each
 * asks for the second factor again (STEP_UP_REQUIRED) when it is older than five minutes.
 */
export function useStaffUserActions() {
  const withStepUp = useStepUp();
  const [createMutation, creating] = useMutation(AdminCreateUserDocument, {
    refetchQueries: [AdminUsersDocument],
  });
  const [updateMutation, updating] = useMutation(AdminUpdateUserDocument);
  const [resetMutation, resetting] = useMutation(AdminResetTwoFactorDocument);
  return {
    create: (input: NewUserInput) => withStepUp(() => createMutation({ variables: { input } })),
    changeRole: (id: string, role: UserRole) => withStepUp(() => updateMutation({ variables: { id, role } })),
    setActive: (id: string, active: boolean) =>
      withStepUp(() => updateMutation({ variables: { id, active } })),
    resetTwoFactor: (id: string) => withStepUp(() => resetMutation({ variables: { id } })),
    busy: creating.loading || updating.loading || resetting.loading,
  };
}

/** The roles that must sign in with a second factor, and setting them (admins only; audited by the API). */
export function useTwoFactorRoles() {
  const withStepUp = useStepUp();
  const { data, loading, error } = useQuery(AdminTwoFactorRolesDocument, {
    fetchPolicy: 'cache-and-network',
  });
  const [setMutation, saving] = useMutation(AdminSetTwoFactorRolesDocument, {
    refetchQueries: [AdminTwoFactorRolesDocument],
  });
  return {
    roles: data?.twoFactorRequiredRoles,
    loading,
    error,
    save: (roles: UserRole[]) => withStepUp(() => setMutation({ variables: { roles } })),
    saving: saving.loading,
  };
}
