import { SYSTEM_ACTORS } from '../../contract/actor';
import { UserRole } from '../../contract/enums';
import { setTwoFactorRequiredRoles } from '../../users/two-factor-policy';
import { liveClient } from '../support/live-client';
import { PASSWORD, startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * A credential issued before an admin made its user's role require two-factor sign-in (#17 probe):
 * the requirement was decided once, at sign-in, so a clerk's token or browser session kept every
 * permission, and (having no authenticator) passed every step-up. Now the requirement is read with
 * the user's standing at every request: such a credential may only enrol, as a new sign-in may.
 */
describe('a role made to require two-factor sign-in after its users signed in (#17 probe)', () => {
  let h: ApiHarness;
  const CSRF = { 'x-recon-csrf': '1' };
  const post = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const response = await fetch(h.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return {
      cookie: (response.headers.get('set-cookie') ?? '').split(';')[0],
      body: (await response.json()) as {
        data?: Record<string, unknown> | null;
        errors?: Array<{ extensions?: { code?: string } }>;
      },
    };
  };
  const codes = (body: { errors?: Array<{ extensions?: { code?: string } }> }) =>
    (body.errors ?? []).map((e) => e.extensions?.code);
  const PERIODS = '{ periods(first: 1) { edges { node { id } } } }';
  const ME = '{ me { kind mustEnrol } }';

  beforeAll(async () => {
    h = await startApiHarness('two_factor_roles');
  });
  afterAll(() => h?.stop());

  it('holds a token and a session to enrolment once their role requires it, and releases them when it no longer does', async () => {
    const signIn = await post(
      'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { expiresAt } }',
      { e: 'clerk@recon.test', p: PASSWORD },
      CSRF,
    );
    expect(codes(signIn.body)).toEqual([]);
    const session = { ...CSRF, cookie: signIn.cookie };
    const token = { authorization: h.bearer.CLERK };
    for (const credential of [token, session])
      expect(codes((await post(PERIODS, {}, credential)).body)).toEqual([]);

    await setTwoFactorRequiredRoles(h.db.dataSource, [UserRole.CLERK], [], SYSTEM_ACTORS.operator);

    // Before: both went on reading (and acting) as if nothing had changed.
    for (const credential of [token, session]) {
      expect(codes((await post(PERIODS, {}, credential)).body)).toEqual(['TWO_FACTOR_ENROLMENT_REQUIRED']);
      const me = await post(ME, {}, credential);
      expect(me.body.data).toEqual({ me: { kind: 'user', mustEnrol: true } });
    }
    // Live events re-check at subscribe time too.
    const live = liveClient(h.api.graphqlUrl, { authorization: h.bearer.CLERK });
    try {
      await live.connected;
      const next = await live.subscribe('subscription { taskEvents { id } }').next();
      expect(codes(next as never)).toEqual(['TWO_FACTOR_ENROLMENT_REQUIRED']);
    } finally {
      await live.dispose();
    }
    // Other roles are untouched.
    expect(codes((await post(PERIODS, {}, { authorization: h.bearer.AUDITOR })).body)).toEqual([]);

    await setTwoFactorRequiredRoles(h.db.dataSource, [], [], SYSTEM_ACTORS.operator);
    for (const credential of [token, session])
      expect(codes((await post(PERIODS, {}, credential)).body)).toEqual([]);
  });
});
