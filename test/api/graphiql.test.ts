import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config/config';
import { startApiHarness, type ApiHarness } from './api-harness';

/** A web build with both pages, each carrying the nonce placeholder as Vite writes it. */
function fakeWebBuild(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'recon-graphiql-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
  writeFileSync(
    path.join(root, 'graphiql.html'),
    '<!doctype html><title>Recon GraphQL</title><link rel="stylesheet" href="/assets/graphiql-1.css" nonce="__RECON_CSP_NONCE__">' +
      '<script type="module" src="/assets/graphiql-1.js" nonce="__RECON_CSP_NONCE__"></script><div id="graphiql"></div>',
  );
  writeFileSync(path.join(root, 'assets', 'graphiql-1.js'), 'export {};');
  return root;
}

const html = { accept: 'text/html,application/xhtml+xml' };

describe('GET /graphql in a browser: the bundled GraphiQL, off in production unless configured', () => {
  let on: ApiHarness;
  let off: ApiHarness;

  beforeAll(async () => {
    const webRoot = fakeWebBuild();
    [on, off] = await Promise.all([
      startApiHarness('graphiql_on', { webRoot, graphiql: true }),
      startApiHarness('graphiql_off', { webRoot, graphiql: false }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([on?.stop(), off?.stop()]);
  });

  it('serves the page with a strict CSP and a fresh nonce, loading only its own files', async () => {
    const first = await fetch(on.api.graphqlUrl, { headers: html });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const csp = first.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("font-src 'self' data:");
    expect(csp).not.toMatch(/https?:\/\//);
    const body = await first.text();
    expect(body).toContain(`nonce="${nonce}"`);
    expect(body).not.toContain('__RECON_CSP_NONCE__');
    expect(body).not.toMatch(/(src|href)="https?:/);
    const second = await fetch(on.api.graphqlUrl, { headers: html });
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
    // The page is not a static file of its own.
    expect((await fetch(`${on.api.url}/graphiql.html`, { headers: html })).status).not.toBe(200);
  });

  it('leaves GraphQL as it was: GET with a query, POST, and a non-browser GET', async () => {
    const get = await fetch(`${on.api.graphqlUrl}?query=${encodeURIComponent('{ health { ok } }')}`, {
      headers: { ...html, 'apollo-require-preflight': 'true' },
    });
    expect(get.headers.get('content-type')).toMatch(/json/);
    const post = await on.call<{ health: { ok: boolean } }>('{ health { ok } }');
    expect(post.errors).toBeUndefined();
    const plain = await fetch(on.api.graphqlUrl, { headers: { accept: 'application/json' } });
    expect(plain.headers.get('content-type')).toMatch(/json/);
  });

  it('when off, a browser gets no page and nothing from the internet (no Apollo landing page)', async () => {
    const answer = await fetch(off.api.graphqlUrl, { headers: html });
    expect(answer.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
    const body = await answer.text();
    expect(body).not.toMatch(/https?:\/\/(embeddable|apollo|cdn)/i);
    expect(body).not.toContain('graphiql');
  });

  it('is on by default, off in production unless GRAPHIQL=on', () => {
    expect(loadConfig({}).http.graphiql).toBe(true);
    const production = {
      NODE_ENV: 'production',
      AUTH_TOKEN_SECRET: 'x'.repeat(40),
      CUSTOMER_LINK_SECRET: 'y'.repeat(40),
      AUDIT_CHAIN_KEY: 'z'.repeat(40),
    };
    expect(loadConfig(production).http.graphiql).toBe(false);
    expect(loadConfig({ ...production, GRAPHIQL: 'on' }).http.graphiql).toBe(true);
    expect(() => loadConfig({ GRAPHIQL: 'yes' })).toThrow(/GRAPHIQL/);
  });
});
