import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, matchPath } from 'react-router';
import { PageSpinner } from '../components/PageSpinner';
import { PageErrorBoundary } from '../pages/errors/PageErrorBoundary';
import { RequireRole, RequireSignIn } from './guards';
import { lazyLoaded } from './lazy-loaded';
import { APP_PATHS } from './paths';
import { STAFF_PAGES } from './staff-pages';

// The staff frame (menu, header) is its own chunk: the sign-in and customer pages never load it.
const AppLayout = lazyLoaded(() => import('./AppLayout'));
const LoginPage = lazy(() => import('../pages/login/LoginPage'));
const NotFoundPage = lazy(() => import('../pages/errors/NotFoundPage'));
const ConfirmPage = lazy(() => import('../pages/confirm/ConfirmPage'));
const EnrolPage = lazy(() => import('../pages/security/EnrolPage'));

const loading = (page: ReactNode) => <Suspense fallback={<PageSpinner />}>{page}</Suspense>;

/**
 * The frame's and the opened page's chunks start loading with the app, alongside the session query:
 * rendered lazily, they were asked for only once the session had answered, then the page's chunk
 * only once the frame's had run (three waits in a row before the page's own queries left). A
 * failed preload is left to the lazy component, which loads again and shows the error. Settles
 * when both have loaded or failed (undefined when the address is no staff page's).
 */
function preloadOpenedPage(pathname: string): Promise<unknown> | undefined {
  const page = STAFF_PAGES.find(({ path }) => matchPath(path, pathname));
  if (!page) return undefined;
  return Promise.all([AppLayout.preload(), page.Page.preload()]).catch(() => undefined);
}

/** The opened staff page's chunks have loaded (main.tsx draws the app after them). */
export const openedPageLoaded = preloadOpenedPage(window.location.pathname);

/**
 * A page that fails (its code gone after an update, or an error while drawing) says so in words
 * with a reload; inside the frame, the menu stays.
 */
const failed = <PageErrorBoundary />;

/** Public pages (sign-in, the customer's page), the signed-in frame with its pages, and "not found". */
export const router = createBrowserRouter([
  { path: APP_PATHS.login, element: loading(<LoginPage />), errorElement: failed },
  // Signed in, but the session may only enrol: none of the frame's pages would load.
  { path: APP_PATHS.enrol, element: loading(<EnrolPage />), errorElement: failed },
  // The customer's page: no account, outside the staff frame.
  { path: APP_PATHS.confirm, element: loading(<ConfirmPage />), errorElement: failed },
  {
    errorElement: failed,
    element: (
      <RequireSignIn>
        <Suspense fallback={<PageSpinner />}>
          <AppLayout />
        </Suspense>
      </RequireSignIn>
    ),
    children: STAFF_PAGES.map(({ path, roles, Page }) => ({
      path,
      errorElement: <PageErrorBoundary inFrame />,
      element: (
        <RequireRole roles={roles}>
          <Page />
        </RequireRole>
      ),
    })),
  },
  { path: '*', element: loading(<NotFoundPage />), errorElement: failed },
]);
