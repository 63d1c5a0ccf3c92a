import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserSession } from '../../entities/user-session.entity';
import { AuditEvent } from '../../entities/audit-event.entity';
import { PASSWORD, startApiHarness, type ApiHarness } from './api-harness';

const SIGN_IN =
  'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { expiresAt user { email role } } }';
const CSRF = { 'x-recon-csrf': '1' };

/** A built app's shape, without building it: the page (with Vite's nonce placeholder), routes, one asset. */
function fakeWebBuild(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'recon-web-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html><head><meta property="csp-nonce" nonce="__RECON_CSP_NONCE__">' +
      '<script type="module" src="/assets/index-abc123.js" nonce="__RECON_CSP_NONCE__"></script></head>' +
      '<body><div id="root"></div></body></html>',
  );
  writeFileSync(
    path.join(root, 'app-routes.json'),
    JSON.stringify(['/', '/login', '/confirm', '/periods/:id']),
  );
  writeFileSync(
    path.join(root, 'assets', 'index-abc123.js'),
    `console.log(${JSON.stringify('x'.repeat(4000))});`,
  );
  writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> };
}

describe('browser sessions, CSRF and the web app over HTTP', () => {
  let h: ApiHarness;
  let post: (query: string, variables?: object, headers?: Record<string, string>) => Promise<Answer>;

  beforeAll(async () => {
    h = await startApiHarness('web_session', { webRoot: fakeWebBuild() });
    post = async (query, variables = {}, headers = {}) => {
      const response = await fetch(h.api.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as Answer['body'],
      };
    };
  });

  afterAll(() => h?.stop());

  const signIn = async (email = 'clerk@recon.test', extra: Record<string, string> = {}) => {
    const answer = await post(SIGN_IN, { e: email, p: PASSWORD }, { ...CSRF, ...extra });
    const setCookie = answer.headers.get('set-cookie') ?? '';
    return { answer, setCookie, cookie: setCookie.split(';')[0] };
  };
  const code = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;

  it('signs a browser in with an http-only, SameSite=Strict cookie and no token in the answer', async () => {
    const { answer, setCookie, cookie } = await signIn();
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({
      signIn: { expiresAt: expect.any(String), user: { email: 'clerk@recon.test', role: 'CLERK' } },
    });
    expect(setCookie).toMatch(
      /^recon_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
    );
    expect(JSON.stringify(answer.body)).not.toContain(cookie.split('=')[1]);
    // Only the hash is stored.
    const rows = await h.db.dataSource.getRepository(UserSession).find();
    expect(rows.map((row) => row.idHash)).not.toContain(cookie.split('=')[1]);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.idHash))).toBe(true);

    const me = await post('{ me { kind name role } }', {}, { ...CSRF, cookie });
    expect(me.body.data).toEqual({ me: { kind: 'user', name: 'CLERK', role: 'CLERK' } });
  });

  it('refuses sign-in without the app header, and cookie requests from another site', async () => {
    expect(code(await post(SIGN_IN, { e: 'clerk@recon.test', p: PASSWORD }))).toBe('CSRF_REJECTED');
    const { cookie } = await signIn();
    for (const headers of [
      { cookie },
      { cookie, ...CSRF, origin: 'https://evil.example' },
      { cookie, ...CSRF, 'sec-fetch-site': 'cross-site' },
      { cookie, ...CSRF, 'sec-fetch-site': 'same-site' },
    ]) {
      const refused = await post('{ me { kind } }', {}, headers);
      expect([refused.status, code(refused)]).toEqual([403, 'CSRF_REJECTED']);
    }
    const own = await post(
      '{ me { kind } }',
      {},
      { cookie, ...CSRF, origin: h.api.url, 'sec-fetch-site': 'same-origin' },
    );
    expect(own.body.data).toEqual({ me: { kind: 'user' } });
  });

  it('ends the session on the server at sign-out: the old cookie is anonymous afterwards', async () => {
    const { cookie } = await signIn('manager@recon.test');
    const out = await post('mutation { signOut }', {}, { ...CSRF, cookie });
    expect(out.body.data).toEqual({ signOut: true });
    expect(out.headers.get('set-cookie')).toMatch(
      /^recon_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/,
    );
    const after = await post('{ me { kind } }', {}, { ...CSRF, cookie });
    expect(code(after)).toBe('UNAUTHENTICATED');
    expect(code(await post('{ periods { edges { cursor } } }', {}, { ...CSRF, cookie }))).toBe(
      'UNAUTHENTICATED',
    );
    const audited = await h.db.dataSource.getRepository(AuditEvent).findBy({ action: 'user.signed_out' });
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      actorType: 'USER',
      actorId: `user:${h.userIds.MANAGER}`,
      entityType: 'user',
      entityId: h.userIds.MANAGER,
    });
  });

  it('forgets expired sessions and users deactivated since', async () => {
    const expired = await signIn('auditor@recon.test');
    await h.db.dataSource.query('UPDATE user_sessions SET expires_at = ? WHERE user_id = ?', [
      new Date(Date.now() - 1000),
      h.userIds.AUDITOR,
    ]);
    expect(code(await post('{ me { kind } }', {}, { ...CSRF, cookie: expired.cookie }))).toBe(
      'UNAUTHENTICATED',
    );

    const admin = await signIn('admin@recon.test');
    await h.db.dataSource.query('UPDATE users SET active = 0 WHERE id = ?', [h.userIds.ADMIN]);
    expect(code(await post('{ me { kind } }', {}, { ...CSRF, cookie: admin.cookie }))).toBe(
      'UNAUTHENTICATED',
    );
    await h.db.dataSource.query('UPDATE users SET active = 1 WHERE id = ?', [h.userIds.ADMIN]);
  });

  it('applies the login throttle to cookie sign-in', async () => {
    for (let i = 0; i < 5; i += 1) await post(SIGN_IN, { e: 'admin@recon.test', p: `guess ${i}` }, CSRF);
    const { answer, setCookie } = await signIn('admin@recon.test');
    expect(code(answer)).toBe('UNAUTHENTICATED');
    expect(setCookie).toBe('');
  });

  it('keeps bearer tokens working for integrators, with no CSRF header needed', async () => {
    const me = await post('{ me { kind role } }', {}, { authorization: h.bearer.MANAGER });
    expect(me.body.data).toEqual({ me: { kind: 'user', role: 'MANAGER' } });
  });

  it('serves the app at / with a strict CSP whose nonce the page carries, and security headers', async () => {
    const page = await fetch(`${h.api.url}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await page.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).not.toContain('__RECON_CSP_NONCE__');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const again = await fetch(`${h.api.url}/`);
    expect(again.headers.get('content-security-policy')).not.toBe(csp);

    for (const url of [`${h.api.url}/`, h.api.graphqlUrl, `${h.api.url}/health`, `${h.api.url}/nope.js`]) {
      const response = await fetch(url);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers app routes with the page, hashed assets with a long cache, and unknown files with a real 404', async () => {
    for (const route of ['/login', '/confirm?token=abc', '/periods/42']) {
      const response = await fetch(`${h.api.url}${route}`, { headers: { accept: 'text/html' } });
      expect([route, response.status, response.headers.get('content-type')]).toEqual([
        route,
        200,
        'text/html; charset=utf-8',
      ]);
    }
    const asset = await fetch(`${h.api.url}/assets/index-abc123.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await asset.text()).toContain('xxxx');

    for (const missing of ['/assets/index-old999.js', '/favicon.ico', '/app.js.map', '/assets/nothing']) {
      const response = await fetch(`${h.api.url}${missing}`);
      expect([missing, response.status]).toEqual([missing, 404]);
      expect(await response.text()).not.toContain('<div id="root">');
    }
    const unknownPage = await fetch(`${h.api.url}/no/such/page`, { headers: { accept: 'text/html' } });
    expect(unknownPage.status).toBe(404);
    expect(await unknownPage.text()).toContain('<div id="root">');
    const head = await fetch(`${h.api.url}/login`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });
});
