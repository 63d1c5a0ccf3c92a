import type { IncomingMessage } from 'node:http';

/**
 * The header Recon's web app sends with every request it makes with its cookies. A page of another
 * origin cannot send a custom header to Recon without a CORS preflight, which Recon never grants.
 */
export const CSRF_HEADER = 'x-recon-csrf';

/** The origins Recon's own pages load from: PUBLIC_URL's, and the one the request was addressed to. */
function ownOrigins(req: IncomingMessage, publicOrigin: string | undefined): string[] {
  const host = req.headers.host;
  const origins = publicOrigin ? [publicOrigin] : [];
  if (host) origins.push(`http://${host}`, `https://${host}`);
  return origins;
}

/** Whether the browser says the request comes from another site (Origin, Sec-Fetch-Site). */
export function crossSite(req: IncomingMessage, publicOrigin: string | undefined, allowNavigation = false) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && !(allowNavigation && site === 'none')) return true;
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins(req, publicOrigin).includes(origin)) return true;
  return false;
}

/**
 * A state-changing request authenticated by a cookie passes when it carries the app's header and
 * no sign of another site. (SameSite=Strict cookies already stay home; this is the second lock.)
 */
export const csrfSafe = (req: IncomingMessage, publicOrigin: string | undefined): boolean =>
  typeof req.headers[CSRF_HEADER] === 'string' &&
  req.headers[CSRF_HEADER] !== '' &&
  !crossSite(req, publicOrigin);
