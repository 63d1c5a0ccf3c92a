import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageSpinner } from '../components/PageSpinner';
import { RequireRole, RequireSignIn } from './guards';
import { APP_PATHS } from './paths';
import { STAFF_PAGES } from './staff-pages';

// The staff frame (menu, header) is its own chunk: the sign-in and customer pages never load it.
const AppLayout = lazy(() => import('./AppLayout'));
const LoginPage = lazy(() => import('../pages/login/LoginPage'));
const NotFoundPage = lazy(() => import('../pages/errors/NotFoundPage'));
const ConfirmPage = lazy(() => import('../pages/confirm/ConfirmPage'));

const loading = (page: ReactNode) => <Suspense fallback={<PageSpinner />}>{page}</Suspense>;

/** Public pages (sign-in, the customer's page), the signed-in frame with its pages, and "not found". */
export const router = createBrowserRouter([
  { path: APP_PATHS.login, element: loading(<LoginPage />) },
  // The customer's page: no account, outside the staff frame.
  { path: APP_PATHS.confirm, element: loading(<ConfirmPage />) },
  {
    element: (
      <RequireSignIn>
        <Suspense fallback={<PageSpinner />}>
          <AppLayout />
        </Suspense>
      </RequireSignIn>
    ),
    children: STAFF_PAGES.map(({ path, roles, Page }) => ({
      path,
      element: (
        <RequireRole roles={roles}>
          <Page />
        </RequireRole>
      ),
    })),
  },
  { path: '*', element: loading(<NotFoundPage />) },
]);
