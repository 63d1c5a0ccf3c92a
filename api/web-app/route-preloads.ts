import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { appRouteMatcher } from './app-routes';

/** An entry of the build's route-preloads.json (web/build/route-preloads.ts). */
interface RoutePreload {
  path: string;
  files: string[];
}

/** Only the build's own asset URLs are ever written into the page. */
const ASSET_URL = /^\/assets\/[\w.-]+\.js$/;

/**
 * The `<link rel="modulepreload">` tags for the page served at a path: the scripts the opened page
 * loads after the entry (the staff frame's and the page's chunks), so that the browser fetches and
 * compiles them alongside the entry instead of only once the entry has run and asked for them
 * (~1 s into a fresh tab under load). Empty for a path of no staff page, or when the build wrote no
 * route-preloads.json.
 */
export function loadRoutePreloads(root: string): (pathname: string) => string {
  const location = path.join(root, 'route-preloads.json');
  if (!existsSync(location)) return () => '';
  const routes = (JSON.parse(readFileSync(location, 'utf8')) as RoutePreload[]).map((route) => ({
    matches: appRouteMatcher([route.path]),
    tags: route.files
      .filter((file) => ASSET_URL.test(file))
      .map((file) => `<link rel="modulepreload" crossorigin href="${file}">`)
      .join(''),
  }));
  return (pathname) => routes.find((route) => route.matches(pathname))?.tags ?? '';
}
