import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pageSecurityPolicy } from '../http/security-headers';

/** The page's file in the web app's build (web/graphiql.html, a second Vite entry). */
export const GRAPHIQL_PAGE = 'graphiql.html';

const NONCE_PLACEHOLDER = /__RECON_CSP_NONCE__/g;

/** GraphiQL, served for `GET /graphql` from a browser; its scripts and styles are the build's own files. */
export interface GraphiqlPage {
  /** Whether this request is a browser asking for the page (GET, HTML accepted, no operation in the URL). */
  wants(req: IncomingMessage): boolean;
  serve(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * The bundled GraphiQL page (nothing loaded from another origin), or undefined when the web app
 * was not built with it. Served with the app's strict CSP and a fresh nonce per response.
 */
export function loadGraphiqlPage(webRoot: string): GraphiqlPage | undefined {
  const location = path.join(webRoot, GRAPHIQL_PAGE);
  if (!existsSync(location)) return undefined;
  const page = readFileSync(location, 'utf8');
  return {
    wants: (req) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const query = new URL(req.url ?? '/', 'http://recon').searchParams;
      if (query.has('query')) return false;
      return (req.headers.accept ?? '').includes('text/html');
    },
    serve: (req, res) => {
      const nonce = randomBytes(16).toString('base64');
      const body = Buffer.from(page.replace(NONCE_PLACEHOLDER, nonce));
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        // GraphiQL's stylesheet embeds its fonts as data: URIs; nothing else is relaxed.
        'Content-Security-Policy': pageSecurityPolicy(nonce).replace(
          "font-src 'self'",
          "font-src 'self' data:",
        ),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}
