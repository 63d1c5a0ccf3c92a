import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageSpinner } from '../components/PageSpinner';
import ForbiddenPage from '../pages/errors/ForbiddenPage';
import UnreachablePage from '../pages/errors/UnreachablePage';
import { useSession, type Role } from '../services/session';
import { APP_PATHS } from './paths';

/**
 * Signed-in users only: others go to the sign-in page, which brings them back here after; a user who
 * must enrol two-factor sign-in goes to enrol first.
 */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'unreachable') return <UnreachablePage />;
  if (state.status === 'anonymous') {
    // After signing out there is nowhere to come back to; otherwise return here after signing in.
    const query = new URLSearchParams(
      state.why === 'signedOut'
        ? { signedOut: '1' }
        : {
            next: `${location.pathname}${location.search}`,
            ...(state.why === 'ended' ? { ended: '1' } : {}),
          },
    );
    return <Navigate to={`${APP_PATHS.login}?${query.toString()}`} replace />;
  }
  // The role requires two-factor sign-in and the user has none: enrol first, then come back here.
  if (state.user.mustEnrol) {
    const query = new URLSearchParams({ next: `${location.pathname}${location.search}` });
    return <Navigate to={`${APP_PATHS.enrol}?${query.toString()}`} replace />;
  }
  return children;
}

/** The page for these roles only; anyone else sees why not (the API refuses them regardless). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { state } = useSession();
  if (state.status !== 'signedIn') return <PageSpinner />;
  if (!roles.includes(state.user.role)) return <ForbiddenPage />;
  return children;
}
