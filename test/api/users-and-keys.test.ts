import { ApiKey } from '../../entities/api-key.entity';
import { AuditEvent } from '../../entities/audit-event.entity';
import { User } from '../../entities/user.entity';
import { codes, PASSWORD, startApiHarness, type ApiHarness } from './api-harness';

const LOGIN =
  'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt user { email role } } }';
type Login = { login: { token: string; expiresAt: string; user: { email: string; role: string } } };

describe('users, sign-in and API keys over GraphQL', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('users');
  });

  afterAll(() => h?.stop());

  it('signs a user in with email and password, and refuses every failure the same way', async () => {
    const ok = await h.call<Login>(LOGIN, { e: ' Clerk@Recon.test ', p: PASSWORD });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.login.user).toEqual({ email: 'clerk@recon.test', role: 'CLERK' });
    expect(Date.parse(ok.data!.login.expiresAt)).toBeGreaterThan(Date.now() + 7 * 3600_000);
    const me = await h.call<{ me: { kind: string; role: string } }>(
      '{ me { kind role } }',
      {},
      `Bearer ${ok.data!.login.token}`,
    );
    expect(me.data!.me).toEqual({ kind: 'user', role: 'CLERK' });

    const refusals = await Promise.all([
      h.call(LOGIN, { e: 'clerk@recon.test', p: 'wrong password!' }),
      h.call(LOGIN, { e: 'nobody@recon.test', p: PASSWORD }),
      h.call(LOGIN, { e: "' OR 1=1 --", p: "' OR 1=1 --" }),
    ]);
    for (const refused of refusals) {
      expect(refused.errors).toEqual([
        { message: 'invalid email or password', path: ['login'], extensions: { code: 'UNAUTHENTICATED' } },
      ]);
    }
    const logins = await h.db.dataSource.getRepository(AuditEvent).countBy({ action: 'user.logged_in' });
    expect(logins).toBe(1);
  });

  it('stops password guessing: after five failures even the right password is refused for a while', async () => {
    for (let i = 0; i < 5; i += 1) await h.call(LOGIN, { e: 'manager@recon.test', p: `guess ${i}` });
    expect(codes(await h.call(LOGIN, { e: 'manager@recon.test', p: PASSWORD }))).toEqual(['UNAUTHENTICATED']);
    expect((await h.call<Login>(LOGIN, { e: 'auditor@recon.test', p: PASSWORD })).data?.login.user.role).toBe(
      'AUDITOR',
    );
  });

  it('lets an admin create users (hashed password, audited without it) and deactivate them', async () => {
    const CREATE = 'mutation ($i: NewUserInput!) { createUser(input: $i) { id email role active } }';
    const input = {
      email: 'Li.Na@recon.test',
      displayName: '李娜',
      role: 'CLERK',
      password: 'a long enough secret',
    };
    const created = await h.call<{ createUser: { id: string; email: string } }>(
      CREATE,
      { i: input },
      h.bearer.ADMIN,
    );
    expect(created.data?.createUser).toMatchObject({
      email: 'li.na@recon.test',
      role: 'CLERK',
      active: true,
    });
    const id = created.data!.createUser.id;
    const stored = await h.db.dataSource.getRepository(User).findOneByOrFail({ id });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    const audit = await h.db.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'user.created', entityId: id });
    expect(JSON.stringify(audit)).not.toContain(input.password);
    expect(audit.actorId).toBe(`user:${h.userIds.ADMIN}`);

    const duplicate = await h.call(CREATE, { i: { ...input, email: 'li.na@RECON.test' } }, h.bearer.ADMIN);
    expect(duplicate.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'email' }],
    });
    const weak = await h.call(
      CREATE,
      { i: { ...input, email: 'x@recon.test', password: 'short' } },
      h.bearer.ADMIN,
    );
    expect(weak.errors?.[0].extensions).toMatchObject({ problems: [{ field: 'password' }] });

    const token = (await h.call<Login>(LOGIN, { e: 'li.na@recon.test', p: input.password })).data!.login
      .token;
    const off = await h.call(
      'mutation ($id: ID!) { updateUser(id: $id, active: false) { active } }',
      { id },
      h.bearer.ADMIN,
    );
    expect(off.data).toEqual({ updateUser: { active: false } });
    expect(codes(await h.call('{ me { kind } }', {}, `Bearer ${token}`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await h.call(LOGIN, { e: 'li.na@recon.test', p: input.password }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    const self = await h.call(
      'mutation ($id: ID!) { updateUser(id: $id, role: CLERK) { id } }',
      { id: h.userIds.ADMIN },
      h.bearer.ADMIN,
    );
    expect(codes(self)).toEqual(['WRONG_STATE']);
    const deactivateSelf = await h.call(
      'mutation ($id: ID!) { updateUser(id: $id, active: false) { id } }',
      { id: h.userIds.ADMIN },
      h.bearer.ADMIN,
    );
    expect(codes(deactivateSelf)).toEqual(['WRONG_STATE']);
    // The list says which row is the caller's own, so the admin page can say why it stays as it is.
    const listed = await h.call<{ users: Array<{ id: string; isMe: boolean; active: boolean }> }>(
      '{ users { id isMe active } }',
      {},
      h.bearer.ADMIN,
    );
    const mine = listed.data!.users.filter((user) => user.isMe).map((user) => user.id);
    expect(mine).toEqual([h.userIds.ADMIN]);
    expect(listed.data!.users.find((user) => user.id === h.userIds.ADMIN)?.active).toBe(true);
    expect(codes(await h.call('{ users { id isMe } }', {}, h.bearer.CLERK))).toEqual(['FORBIDDEN']);
  });

  it('issues scoped API keys shown once, stored as a hash, and revocable', async () => {
    const created = await h.call<{
      createApiKey: { key: string; apiKey: { id: string; prefix: string; scopes: string[] } };
    }>(
      'mutation { createApiKey(name: "erp", scopes: ["read", "ledger:write", "read"]) { key apiKey { id prefix scopes } } }',
      {},
      h.bearer.ADMIN,
    );
    const { key, apiKey } = created.data!.createApiKey;
    expect(key).toMatch(new RegExp(`^rk_${apiKey.prefix}_`));
    expect(apiKey.scopes).toEqual(['read', 'ledger:write']);
    const row = await h.db.dataSource.getRepository(ApiKey).findOneByOrFail({ id: apiKey.id });
    expect(JSON.stringify(row)).not.toContain(key.split('_').slice(2).join('_'));
    const listed = await h.call('{ apiKeys { id name prefix scopes revokedAt } }', {}, h.bearer.ADMIN);
    expect(JSON.stringify(listed)).not.toContain(key.split('_').slice(2).join('_'));

    const lastUsed = async () =>
      (
        await h.call<{ apiKeys: Array<{ id: string; lastUsedAt: string | null }> }>(
          '{ apiKeys { id lastUsedAt } }',
          {},
          h.bearer.ADMIN,
        )
      ).data!.apiKeys.find((k) => k.id === apiKey.id)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();

    const bearer = `Bearer ${key}`;
    const before = Date.now();
    expect((await h.call('{ customers { edges { cursor } } }', {}, bearer)).errors).toBeUndefined();
    const firstUse = await lastUsed();
    expect(Date.parse(firstUse!)).toBeGreaterThanOrEqual(before - 1000);
    // Within the minute a second request writes nothing: one write a minute per key, not one a request.
    expect((await h.call('{ customers { edges { cursor } } }', {}, bearer)).errors).toBeUndefined();
    expect(await lastUsed()).toBe(firstUse);
    expect(codes(await h.call('{ users { id } }', {}, bearer))).toEqual(['FORBIDDEN']);
    for (const scopes of [['admin'], ['customer:respond'], ['root'], []]) {
      const refused = await h.call(
        'mutation ($s: [String!]!) { createApiKey(name: "x", scopes: $s) { key } }',
        { s: scopes },
        h.bearer.ADMIN,
      );
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'scopes' }],
      });
    }

    const revoked = await h.call<{ revokeApiKey: { revokedAt: string } }>(
      'mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      { id: apiKey.id },
      h.bearer.ADMIN,
    );
    expect(revoked.data?.revokeApiKey.revokedAt).toBeTruthy();
    expect(codes(await h.call('{ me { kind } }', {}, bearer))).toEqual(['UNAUTHENTICATED']);
    const actions = (
      await h.db.dataSource.getRepository(AuditEvent).findBy({ entityType: 'api_key', entityId: apiKey.id })
    ).map((e) => e.action);
    expect(actions).toEqual(['api_key.created', 'api_key.revoked']);
  });
});
