import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';
import { useT } from '../../i18n/I18nProvider';

/**
 * A page's code could not be fetched: the browser names it this way (Chromium, Firefox, Safari).
 * Typically Recon was updated since this tab opened, and the old page's files are gone.
 */
const CHUNK_LOAD_FAILED =
  /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed/;

/** Whether the route failed because a page's code could not be loaded (then reloading fixes it). */
export const isPageLoadFailure = (error: unknown) =>
  error instanceof Error && CHUNK_LOAD_FAILED.test(error.message);

/**
 * What a route shows when its page fails (the router's errorElement): in the user's language, with
 * a reload, never React Router's developer page. Part of the first chunk: it must show when the
 * page's own chunk is what failed to load.
 */
export function PageErrorBoundary({ inFrame = false }: { inFrame?: boolean }) {
  const t = useT();
  const error = useRouteError();
  const loadFailed = isPageLoadFailure(error);
  // Inside the staff frame the page's place is already the frame's <main>.
  const Place = inFrame ? 'div' : 'main';
  return (
    <Place>
      <Result
        status={loadFailed ? 'info' : 'error'}
        title={t(loadFailed ? 'pages.loadFailedTitle' : 'pages.errorTitle')}
        subTitle={t(loadFailed ? 'pages.loadFailedText' : 'pages.errorText')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('pages.reload')}
          </Button>
        }
      />
    </Place>
  );
}
