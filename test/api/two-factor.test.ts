import { base32Decode, totp } from '../../auth/totp';
import { signUserToken } from '../../auth/user-token';
import { SYSTEM_ACTORS } from '../../contract/actor';
import { UserRole } from '../../contract/enums';
import { User } from '../../entities/user.entity';
import { enrolKnownSecret, totpSealKey } from '../../users/two-factor.service';
import { PASSWORD, SECRETS, startApiHarness, type ApiHarness } from './api-harness';

/**
 * Two-factor sign-in over HTTP against a real API and database (#20): enrolment, the sign-in's
 * second step, recovery codes, step-up, the per-role requirement and an admin's reset, each audited.
 * TOTP codes are computed here from the secret the API hands out, as an authenticator would.
 */
const CSRF = { 'content-type': 'application/json', 'x-recon-csrf': '1' };

interface Answer {
  // GraphQL answers are walked by path in assertions; a schema type per query would only restate them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: Record<string, any>;
  errors?: Array<{ message: string; extensions?: { code?: string; problems?: Array<{ field: string }> } }>;
}

describe('two-factor sign-in (TOTP) over HTTP', () => {
  let h: ApiHarness;
  /**
   * The admin who resets and sets the rules: enrolled, with a token proved just now. (The harness's
   * admin has no second factor, and its role requires one: its token may only enrol.)
   */
  let opsAdmin: { id: string; bearer: string };

  beforeAll(async () => {
    h = await startApiHarness('two_factor', { twoFactorRoles: [UserRole.MANAGER, UserRole.ADMIN] });
    const user = await h.db.dataSource
      .getRepository(User)
      .save({ email: 'ops.admin@recon.test', displayName: 'ops', role: UserRole.ADMIN, passwordHash: 'x' });
    const sealKey = totpSealKey(SECRETS.tokenSecret);
    await enrolKnownSecret(
      h.db.dataSource,
      sealKey,
      user.id,
      Buffer.from('ops-admin-seed-20byte'),
      SYSTEM_ACTORS.demo,
    );
    await h.db.dataSource.query(
      'UPDATE users SET totp_enabled_at = totp_enabled_at - INTERVAL 1 DAY WHERE id = ?',
      [user.id],
    );
    const now = Math.floor(Date.now() / 1000);
    const token = signUserToken(SECRETS.tokenSecret, {
      sub: user.id,
      role: UserRole.ADMIN,
      name: 'ops',
      exp: now + 3600,
      mfa: now,
    });
    opsAdmin = { id: user.id, bearer: `Bearer ${token}` };
  });
  afterAll(() => h?.stop());

  /** A browser: keeps the session cookie the API sets. */
  function browser() {
    let cookie = '';
    const post = async (query: string, variables: object = {}): Promise<Answer> => {
      const response = await fetch(h.api.graphqlUrl, {
        method: 'POST',
        headers: { ...CSRF, ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const set = response.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0];
      return (await response.json()) as Answer;
    };
    return { post, cookie: () => cookie };
  }
  const code = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
  const codeAt = (secret: string, offsetSeconds = 0) =>
    totp(base32Decode(secret), Date.now() / 1000 + offsetSeconds);
  const actions = async (userId: string) =>
    (
      (await h.db.dataSource.query(
        'SELECT action FROM audit_events WHERE entity_type = ? AND entity_id = ? ORDER BY id',
        ['user', userId],
      )) as Array<{ action: string }>
    ).map((row) => row.action);

  const SIGN_IN = `mutation ($e: String!, $p: String!) {
    signIn(email: $e, password: $p) { mustEnrol expiresAt user { email } secondFactor { challenge expiresAt } } }`;
  const COMPLETE = `mutation ($c: String!, $k: String!) {
    completeSignIn(challenge: $c, code: $k) { mustEnrol user { email twoFactorEnabled } } }`;
  const BEGIN = 'mutation { beginTwoFactorEnrolment { secret otpauthUri } }';
  const CONFIRM = 'mutation ($k: String!) { confirmTwoFactorEnrolment(code: $k) }';
  const ME = '{ me { kind role twoFactorEnabled mustEnrol } }';
  const NEW_KEY = 'mutation { createApiKey(name: "ci", scopes: ["read"]) { key } }';

  /** Signs the manager in and enrols them; answers the browser, the secret and the recovery codes. */
  async function enrolledManager() {
    const b = browser();
    const first = await b.post(SIGN_IN, { e: 'manager@recon.test', p: PASSWORD });
    expect(first.errors).toBeUndefined();
    const enrolment = (await b.post(BEGIN)).data!.beginTwoFactorEnrolment as { secret: string };
    const used = codeAt(enrolment.secret);
    const codes = (await b.post(CONFIRM, { k: used })).data!.confirmTwoFactorEnrolment as string[];
    return { b, secret: enrolment.secret, codes, used };
  }

  it('a role that requires it signs in to a session that may only enrol; enrolling opens it up', async () => {
    const b = browser();
    const signIn = await b.post(SIGN_IN, { e: 'manager@recon.test', p: PASSWORD });
    expect(signIn.errors).toBeUndefined();
    expect(signIn.data!.signIn).toMatchObject({ mustEnrol: true, secondFactor: null });
    expect(b.cookie()).toMatch(/^recon_session=/);
    expect((await b.post(ME)).data!.me).toEqual({
      kind: 'user',
      role: 'MANAGER',
      twoFactorEnabled: false,
      mustEnrol: true,
    });
    const refused = await b.post('{ customers(first: 5) { edges { node { code } } } }');
    expect(code(refused)).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');

    const begun = await b.post('mutation { beginTwoFactorEnrolment { secret otpauthUri qrImage } }');
    const enrolment = begun.data!.beginTwoFactorEnrolment as {
      secret: string;
      otpauthUri: string;
      qrImage: string;
    };
    // The QR code is an image the page draws from a data: URL (its CSP loads nothing from elsewhere).
    const [, svg] = /^data:image\/svg\+xml;base64,(.+)$/.exec(enrolment.qrImage)!;
    expect(Buffer.from(svg, 'base64').toString('utf8')).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUri).toBe(
      `otpauth://totp/Recon:manager%40recon.test?secret=${enrolment.secret}&issuer=Recon&algorithm=SHA1&digits=6&period=30`,
    );
    // The seed is stored sealed, never as the secret itself.
    const [row] = (await h.db.dataSource.query('SELECT totp_secret FROM users WHERE id = ?', [
      h.userIds.MANAGER,
    ])) as Array<{ totp_secret: string }>;
    expect(row.totp_secret).toMatch(/^v1\./);
    expect(row.totp_secret).not.toContain(enrolment.secret);

    const wrong = await b.post(CONFIRM, { k: codeAt(enrolment.secret, 300) });
    expect(code(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors![0].extensions!.problems![0].field).toBe('code');

    const confirmed = await b.post(CONFIRM, { k: codeAt(enrolment.secret) });
    const codes = confirmed.data!.confirmTwoFactorEnrolment as string[];
    expect(codes).toHaveLength(10);
    for (const recovery of codes) expect(recovery).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(new Set(codes).size).toBe(10);
    const stored = (await h.db.dataSource.query(
      'SELECT code_hash FROM user_recovery_codes WHERE user_id = ?',
      [h.userIds.MANAGER],
    )) as Array<{ code_hash: string }>;
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0].slice(0, 4) + codes[0].slice(5, 9));

    expect((await b.post(ME)).data!.me).toMatchObject({ twoFactorEnabled: true, mustEnrol: false });
    expect((await b.post('{ customers(first: 5) { edges { node { code } } } }')).errors).toBeUndefined();
    // Enrolling again is refused: an admin resets it first.
    expect(code(await b.post(BEGIN))).toBe('WRONG_STATE');
    expect(await actions(h.userIds.MANAGER)).toContain('user.two_factor_enrolled');
    await resetManager();
  });

  async function resetManager() {
    const reset = await h.call(
      'mutation ($id: ID!) { resetTwoFactor(id: $id) { twoFactorEnabled } }',
      { id: h.userIds.MANAGER },
      opsAdmin.bearer,
    );
    expect(reset.errors).toBeUndefined();
    expect(reset.data).toEqual({ resetTwoFactor: { twoFactorEnabled: false } });
  }

  it('an enrolled user signs in in two steps: a code (once) or a recovery code (once)', async () => {
    const { secret, codes, used } = await enrolledManager();
    const b = browser();
    const first = await b.post(SIGN_IN, { e: 'manager@recon.test', p: PASSWORD });
    const challenge = first.data!.signIn.secondFactor.challenge as string;
    expect(first.data!.signIn.mustEnrol).toBe(false);
    expect(b.cookie()).toBe(''); // no session before the second factor
    expect(code(await b.post(ME))).toBe('UNAUTHENTICATED');

    // The code that confirmed the enrolment was spent: its time step is refused.
    expect(code(await b.post(COMPLETE, { c: challenge, k: used }))).toBe('UNAUTHENTICATED');
    expect(code(await b.post(COMPLETE, { c: `${challenge}x`, k: codes[0] }))).toBe('UNAUTHENTICATED');
    const next = codeAt(secret, 30);
    const done = await b.post(COMPLETE, { c: challenge, k: next });
    expect(done.errors).toBeUndefined();
    expect(done.data!.completeSignIn).toEqual({
      mustEnrol: false,
      user: { email: 'manager@recon.test', twoFactorEnabled: true },
    });
    expect(b.cookie()).toMatch(/^recon_session=/);
    expect((await b.post(ME)).data!.me.role).toBe('MANAGER');
    // The same code again (a replay) is refused.
    const again = browser();
    const second = await again.post(SIGN_IN, { e: 'manager@recon.test', p: PASSWORD });
    const challenge2 = second.data!.signIn.secondFactor.challenge as string;
    expect(code(await again.post(COMPLETE, { c: challenge2, k: next }))).toBe('UNAUTHENTICATED');
    // A recovery code works once.
    expect((await again.post(COMPLETE, { c: challenge2, k: codes[1].toLowerCase() })).errors).toBeUndefined();
    const third = browser();
    const challenge3 = (await third.post(SIGN_IN, { e: 'manager@recon.test', p: PASSWORD })).data!.signIn
      .secondFactor.challenge as string;
    expect(code(await third.post(COMPLETE, { c: challenge3, k: codes[1] }))).toBe('UNAUTHENTICATED');

    const trail = await actions(h.userIds.MANAGER);
    expect(trail.filter((a) => a === 'user.second_factor_failed')).toHaveLength(3);
    expect(trail.filter((a) => a === 'user.second_factor_verified')).toHaveLength(2);

    // `login` (a bearer token) wants the code too.
    const LOGIN =
      'mutation ($k: String) { login(email: "manager@recon.test", password: "' +
      PASSWORD +
      '", code: $k) { token } }';
    expect(code(await h.call(LOGIN, {}))).toBe('UNAUTHENTICATED');
    const token = ((await h.call(LOGIN, { k: codes[2] })) as Answer).data!.login.token as string;
    expect(((await h.call(ME, {}, `Bearer ${token}`)) as Answer).data!.me.twoFactorEnabled).toBe(true);
    await resetManager();
  });

  it('an admin reset is audited, ends the sessions, and the user must enrol again', async () => {
    const { b } = await enrolledManager();
    const users = await h.call('{ users { email twoFactorEnabled } }', {}, opsAdmin.bearer);
    expect(users.data!.users).toContainEqual({ email: 'manager@recon.test', twoFactorEnabled: true });
    expect(
      code(
        await h.call(
          'mutation ($id: ID!) { resetTwoFactor(id: $id) { id } }',
          { id: h.userIds.MANAGER },
          h.bearer.CLERK,
        ),
      ),
    ).toBe('FORBIDDEN');
    await resetManager();
    expect(code(await b.post(ME))).toBe('UNAUTHENTICATED');
    const [event] = (await h.db.dataSource.query(
      "SELECT actor_id FROM audit_events WHERE action = 'user.two_factor_reset' ORDER BY id DESC LIMIT 1",
    )) as Array<{ actor_id: string }>;
    expect(event.actor_id).toBe(`user:${opsAdmin.id}`);
    const again = await browser().post(SIGN_IN, { e: 'manager@recon.test', p: PASSWORD });
    expect(again.data!.signIn.mustEnrol).toBe(true);
    // `login` for a role that requires two-factor sign-in, without it: enrol in the web app first.
    const LOGIN = `mutation { login(email: "manager@recon.test", password: "${PASSWORD}") { token } }`;
    expect(code(await h.call(LOGIN, {}))).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
  });

  it('creating an API key needs the second factor proved in the last five minutes (step-up)', async () => {
    const b = browser();
    await b.post(SIGN_IN, { e: 'admin@recon.test', p: PASSWORD });
    const { secret } = (await b.post(BEGIN)).data!.beginTwoFactorEnrolment as { secret: string };
    const codes = (await b.post(CONFIRM, { k: codeAt(secret) })).data!.confirmTwoFactorEnrolment as string[];
    // Enrolment proved the factor just now.
    expect((await b.post(NEW_KEY)).errors).toBeUndefined();
    // Ten minutes later the session needs the code again.
    await h.db.dataSource.query(
      'UPDATE user_sessions SET second_factor_at = second_factor_at - INTERVAL 10 MINUTE WHERE user_id = ?',
      [h.userIds.ADMIN],
    );
    const refused = await b.post(NEW_KEY);
    expect(code(refused)).toBe('STEP_UP_REQUIRED');
    expect(code(await b.post('mutation ($k: String!) { stepUp(code: $k) { until } }', { k: '000000' }))).toBe(
      'UNAUTHENTICATED',
    );
    const stepped = await b.post('mutation ($k: String!) { stepUp(code: $k) { until token } }', {
      k: codes[0],
    });
    expect(stepped.errors).toBeUndefined();
    expect(stepped.data!.stepUp.token).toBeNull();
    expect(new Date(stepped.data!.stepUp.until as string).getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
    expect((await b.post(NEW_KEY)).errors).toBeUndefined();

    // A bearer token without a proved factor gets STEP_UP_REQUIRED; stepUp answers a token that carries it.
    expect(code(await h.call(NEW_KEY, {}, h.bearer.ADMIN))).toBe('STEP_UP_REQUIRED');
    const fresh = await h.call(
      'mutation ($k: String!) { stepUp(code: $k) { token } }',
      { k: codes[1] },
      h.bearer.ADMIN,
    );
    const token = (fresh as Answer).data!.stepUp.token as string;
    expect((await h.call(NEW_KEY, {}, `Bearer ${token}`)).errors).toBeUndefined();
    await h.call(
      'mutation ($id: ID!) { resetTwoFactor(id: $id) { id } }',
      { id: h.userIds.ADMIN },
      `Bearer ${token}`,
    );
  });

  it('the roles that must enrol are an admin setting, audited', async () => {
    const ROLES = '{ twoFactorRequiredRoles }';
    expect((await h.call(ROLES, {}, opsAdmin.bearer)).data).toEqual({
      twoFactorRequiredRoles: ['MANAGER', 'ADMIN'],
    });
    const SET = 'mutation ($r: [UserRole!]!) { setTwoFactorRequiredRoles(roles: $r) }';
    expect(code(await h.call(SET, { r: [] }, h.bearer.CLERK))).toBe('FORBIDDEN');
    expect((await h.call(SET, { r: ['CLERK', 'ADMIN'] }, opsAdmin.bearer)).data).toEqual({
      setTwoFactorRequiredRoles: ['CLERK', 'ADMIN'],
    });
    expect(
      (await browser().post(SIGN_IN, { e: 'manager@recon.test', p: PASSWORD })).data!.signIn.mustEnrol,
    ).toBe(false);
    expect(
      (await browser().post(SIGN_IN, { e: 'clerk@recon.test', p: PASSWORD })).data!.signIn.mustEnrol,
    ).toBe(true);
    const [event] = (await h.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'security.two_factor_roles_set'",
    )) as Array<{ n: string }>;
    expect(Number(event.n)).toBe(1);
  });
});
