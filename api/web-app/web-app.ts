import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { pageSecurityPolicy } from '../http/security-headers';
import { appRouteMatcher } from './app-routes';
import { GRAPHIQL_PAGE } from './graphiql-page';
import { loadRoutePreloads } from './route-preloads';

/** Vite writes this where each response's Content-Security-Policy nonce goes (web/vite.config.ts). */
const NONCE_PLACEHOLDER = /__RECON_CSP_NONCE__/g;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.json', '.svg', '.txt', '.wasm']);
/** The build's compressed copies of each file (web/build/precompress.ts), beside it. */
const PRECOMPRESSED = { gzip: '.gz', brotli: '.br' } as const;
const isPrecompressedCopy = (relative: string) =>
  relative.endsWith(PRECOMPRESSED.gzip) || relative.endsWith(PRECOMPRESSED.brotli);

interface StaticFile {
  contentType: string;
  cacheControl: string;
  body: Buffer;
  gzip?: Buffer;
  brotli?: Buffer;
}

/** The built web app (web/dist), served by the API at `/`. */
export interface WebApp {
  /** Answers GET/HEAD of the app's pages and files; false when the path is none of its (e.g. /graphql). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/**
 * The app, or undefined when it was not built (`npm run build` builds it). Everything under the
 * build folder is listed once at start; a request can reach only a listed file (no path from the
 * URL ever touches the file system). Hashed files under /assets/ are cached for a year; the page
 * itself is never cached (it carries a fresh CSP nonce each time). A file's compressed copies that
 * the build wrote beside it (NAME.gz, NAME.br) are sent in its place as they are. App routes answer
 * with the page (the client-side router shows them), naming the opened staff page's scripts as
 * module preloads (route-preloads.ts); unknown files are a plain 404; other paths get
 * the page with status 404, where the app says "not found".
 */
export function loadWebApp(root: string): WebApp | undefined {
  const indexPath = path.join(root, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const page = readFileSync(indexPath, 'utf8');
  const preloadsFor = loadRoutePreloads(root);
  const routesPath = path.join(root, 'app-routes.json');
  const isAppRoute = appRouteMatcher(
    existsSync(routesPath) ? (JSON.parse(readFileSync(routesPath, 'utf8')) as string[]) : ['/'],
  );
  const files = new Map<string, string>();
  const listed = new Set(listFiles(root));
  const copies = new Set([...listed].filter(isPrecompressedCopy));
  for (const relative of listed) {
    // Pages are served with a fresh CSP nonce, not as files (GraphiQL's at GET /graphql).
    if (relative === 'index.html' || relative === GRAPHIQL_PAGE) continue;
    // A compressed copy is sent in place of its file, never under a URL of its own.
    if (copies.has(relative) && listed.has(relative.slice(0, relative.lastIndexOf('.')))) continue;
    files.set(`/${relative.split(path.sep).join('/')}`, path.join(root, relative));
  }
  const loaded = new Map<string, StaticFile>();

  const fileAt = (urlPath: string): StaticFile | undefined => {
    const known = loaded.get(urlPath);
    if (known) return known;
    const location = files.get(urlPath);
    if (!location) return undefined;
    const body = readListedFile(location);
    if (!body) {
      // Rebuilt while running: an open tab's old chunk is gone, and a 404 (not a 500) says so.
      files.delete(urlPath);
      return undefined;
    }
    const extension = path.extname(location);
    const file: StaticFile = {
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      // Vite names everything under assets/ by its content hash: the name changes when it does.
      cacheControl: urlPath.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=3600',
      body,
    };
    if (COMPRESSIBLE.has(extension) && file.body.length > 1024) {
      // The build's copies when it wrote them (`npm run build`); compressing here, on the event
      // loop, is the fallback (~100 ms for the largest asset).
      const relative = path.relative(root, location);
      const copy = (suffix: string) =>
        copies.has(relative + suffix) ? readListedFile(location + suffix) : undefined;
      file.gzip = copy(PRECOMPRESSED.gzip) ?? gzipSync(file.body, { level: 9 });
      file.brotli =
        copy(PRECOMPRESSED.brotli) ??
        brotliCompressSync(file.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } });
    }
    loaded.set(urlPath, file);
    return file;
  };

  const servePage = (res: ServerResponse, status: number, head: boolean, pathname = '') => {
    const nonce = randomBytes(16).toString('base64');
    const preloads = status === 200 ? preloadsFor(pathname) : '';
    const html = preloads ? page.replace('</head>', `${preloads}</head>`) : page;
    const body = Buffer.from(html.replace(NONCE_PLACEHOLDER, nonce));
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': pageSecurityPolicy(nonce),
    });
    res.end(head ? undefined : body);
  };

  return {
    handle(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const head = req.method === 'HEAD';
      const pathname = decodePath(req.url ?? '/');
      if (pathname === undefined) return false;
      const file = fileAt(pathname);
      if (file) {
        serveFile(req, res, file, head);
        return true;
      }
      if (pathname === '/index.html' || isAppRoute(pathname)) {
        servePage(res, 200, head, pathname);
        return true;
      }
      // A missing file (a stale hashed asset, a typo) is a real 404, never the page.
      if (pathname.startsWith('/assets/') || path.posix.extname(pathname) !== '') return false;
      if (!acceptsHtml(req)) return false;
      servePage(res, 404, head);
      return true;
    },
  };
}

function readListedFile(location: string): Buffer | undefined {
  try {
    return readFileSync(location);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function serveFile(req: IncomingMessage, res: ServerResponse, file: StaticFile, head: boolean): void {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  const [body, encoding] =
    file.brotli && /\bbr\b/.test(accepted)
      ? [file.brotli, 'br']
      : file.gzip && /\bgzip\b/.test(accepted)
        ? [file.gzip, 'gzip']
        : [file.body, undefined];
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': body.length,
    'Cache-Control': file.cacheControl,
    ...(file.gzip ? { Vary: 'Accept-Encoding' } : {}),
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
  });
  res.end(head ? undefined : body);
}

function decodePath(url: string): string | undefined {
  const query = url.indexOf('?');
  try {
    return decodeURIComponent(query >= 0 ? url.slice(0, query) : url);
  } catch {
    return undefined;
  }
}

const acceptsHtml = (req: IncomingMessage) => {
  const accept = req.headers.accept;
  return accept === undefined || accept.includes('text/html') || accept.includes('*/*');
};

/** Every file under `root`, as paths relative to it. */
function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}
