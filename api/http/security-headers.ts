import type { ServerResponse } from 'node:http';

/**
 * Headers on every response (GraphQL, reports, uploads, the app): no MIME sniffing, no referrer
 * leaves, no framing, nothing embeds Recon's answers from another origin. API answers get a CSP
 * that allows nothing at all; the app's pages replace it with their own (pageSecurityPolicy).
 */
export function setBaseSecurityHeaders(res: ServerResponse, https: boolean): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
}

/**
 * The app's pages: scripts, styles, images, fonts and connections from this origin only; no inline
 * script at all; inline styles only with this response's nonce (Ant Design injects its styles with
 * it); no plugins, no framing, forms post only here.
 */
export const pageSecurityPolicy = (nonce: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
