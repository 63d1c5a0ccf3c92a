/**
 * The app's header on every request: a page of another origin cannot send it without a CORS
 * preflight, which the API never grants (see docs/security.md, "Browser sessions").
 */
export const CSRF_HEADERS = { 'x-recon-csrf': '1' } as const;
