import { startApiServer, type RunningApi } from '../../api/server';
import { gql } from '../support/api-client';
import { PASSWORD, SECRETS, startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * #17 point 13: at most N password guesses are evaluated per window, per account and per source
 * address, however they are sent: concurrently, through two API processes sharing the database, as
 * aliases in one request. A right guess in a burst does not reset the count for the others. Every
 * evaluated wrong guess is audited (`user.login_failed`), which is how this test counts evaluations.
 */
const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const SETTINGS = { maxPerAccount: 5, maxPerAddress: 8, windowSeconds: 900 };

describe('the login throttle (#17.13)', () => {
  let h: ApiHarness;
  let second: RunningApi;
  let nextAddress = 1;
  /** A fresh source address per scenario (X-Forwarded-For, trusted one hop). */
  const address = () => `203.0.113.${nextAddress++}`;

  beforeAll(async () => {
    h = await startApiHarness('login-throttle', { loginThrottleSettings: SETTINGS, trustProxyHops: 1 });
    // A second API process on the same database: the count is shared.
    second = await startApiServer({
      dataSource: h.db.dataSource,
      periods: undefined as never,
      temporalHealthy: async () => true,
      auth: SECRETS,
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 256 * 1024,
      webhooks: false,
      webRoot: false,
      loginThrottleSettings: SETTINGS,
      trustProxyHops: 1,
    });
  });

  afterAll(async () => {
    await second?.stop();
    await h?.stop();
  });

  const login = async (email: string, password: string, from: string, viaSecond = false) => {
    const response = await fetch(viaSecond ? second.graphqlUrl : h.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ query: LOGIN, variables: { e: email, p: password } }),
    });
    const body = (await response.json()) as {
      data?: { login: { token: string } | null };
      errors?: unknown[];
    };
    return body.data?.login?.token ? 'ok' : 'refused';
  };
  const evaluatedFailures = async (userEmail: string) => {
    const [row] = (await h.db.dataSource.query(
      `SELECT COUNT(*) AS n FROM audit_events a JOIN users u ON a.entity_id = CAST(u.id AS CHAR)
        WHERE a.action = 'user.login_failed' AND u.email = ?`,
      [userEmail],
    )) as Array<{ n: string }>;
    return Number(row.n);
  };

  it('19 concurrent wrong guesses through two processes: exactly 5 evaluated, then even the right password waits', async () => {
    const email = 'clerk@recon.test';
    const answers = await Promise.all(
      Array.from({ length: 19 }, (_, i) => login(email, `wrong-${i}`, address(), i % 2 === 1)),
    );
    expect(answers.every((answer) => answer === 'refused')).toBe(true);
    expect(await evaluatedFailures(email)).toBe(5);
    expect(await login(email, PASSWORD, address())).toBe('refused');
    expect(await evaluatedFailures(email)).toBe(5);
  });

  it('a right guess in a burst does not reset the count for the others', async () => {
    const email = 'manager@recon.test';
    for (let i = 0; i < 4; i++) expect(await login(email, `wrong-${i}`, address())).toBe('refused');
    expect(await evaluatedFailures(email)).toBe(4);
    // One allowance left: of the right guess and ten wrong ones sent at once, one takes it. If that
    // is the right one, it gives its number back, and at most one late wrong guess takes that.
    const burst = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => login(email, `burst-${i}`, address(), i % 2 === 0)),
      login(email, PASSWORD, address(), true),
    ]);
    const succeeded = burst.filter((a) => a === 'ok').length;
    expect(succeeded).toBeLessThanOrEqual(1);
    expect(await evaluatedFailures(email)).toBeLessThanOrEqual(5);
    expect((await evaluatedFailures(email)) - 4 + succeeded).toBeGreaterThanOrEqual(1);
    // Whichever it was, the ten wrong ones still count: the right password is refused for the window.
    expect(await login(email, PASSWORD, address())).toBe('refused');
  });

  it('guesses sent as aliases count like any other (eight anonymous requests of five aliases at once)', async () => {
    const email = 'auditor@recon.test';
    const request = (r: number) =>
      gql(
        h.api.graphqlUrl,
        `mutation { ${Array.from(
          { length: 5 },
          (_, i) => `g${i}: login(email: "${email}", password: "alias-${r}-${i}") { token }`,
        ).join(' ')} }`,
      );
    // A failed login (non-null) ends its request's serial execution: each request is one guess or more.
    const answers = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(request));
    expect(answers.every((answer) => (answer.errors?.length ?? 0) >= 1 && !answer.data)).toBe(true);
    expect(await evaluatedFailures(email)).toBe(5);
  });

  it('per source address: guesses spread over many accounts stop at the address limit', async () => {
    const from = address();
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) => login(`nobody-${i}@recon.test`, 'guess', from, i % 2 === 0)),
    );
    expect(answers.every((a) => a === 'refused')).toBe(true);
    const [row] = (await h.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'user.login_failed' AND JSON_EXTRACT(after_state, '$.address') = ?",
      [from],
    )) as Array<{ n: string }>;
    expect(Number(row.n)).toBe(SETTINGS.maxPerAddress);
    // Another address still signs in (the admin's account was not guessed at).
    expect(await login('admin@recon.test', PASSWORD, address())).toBe('ok');
    expect(await login('admin@recon.test', PASSWORD, from)).toBe('refused');
  });

  it('a right password does not use up the allowance, and the table holds no e-mail or address', async () => {
    const from = address();
    for (let i = 0; i < 8; i++) expect(await login('admin@recon.test', PASSWORD, from)).toBe('ok');
    const rows = (await h.db.dataSource.query('SELECT key_hash FROM login_throttle')) as Array<{
      key_hash: string;
    }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.key_hash))).toBe(true);
  });
});

describe('the login throttle window', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('login-window', {
      loginThrottleSettings: { maxPerAccount: 2, maxPerAddress: 100, windowSeconds: 4 },
    });
  });

  afterAll(() => h?.stop());

  it('opens again when the window has passed', async () => {
    const call = (password: string) => gql(h.api.graphqlUrl, LOGIN, { e: 'clerk@recon.test', p: password });
    for (const password of ['a', 'b', PASSWORD])
      expect((await call(password)).data?.login ?? null).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 4_200));
    expect((await call(PASSWORD)).data?.login).toMatchObject({ token: expect.any(String) as unknown });
  });
});
