import { issueApiKey, revokeApiKey } from '../../auth/api-keys';
import { CredentialCache } from '../../auth/credential-cache';
import { UserRole } from '../../contract/enums';
import { codes, startApiHarness, type ApiHarness } from '../api/api-harness';

describe('CredentialCache', () => {
  it('remembers an answer for its TTL from the start of the read, then reads again', async () => {
    let clock = 0;
    let reads = 0;
    const cache = new CredentialCache(
      async (key: string) => `${key}#${(reads += 1)}`,
      100,
      10,
      () => clock,
    );
    expect(await cache.get('a')).toBe('a#1');
    clock = 99;
    expect(await cache.get('a')).toBe('a#1');
    clock = 100;
    expect(await cache.get('a')).toBe('a#2');
    cache.clear();
    expect(await cache.get('a')).toBe('a#3');
  });

  it('shares one read between concurrent misses, forgets failures, stays bounded, and 0 remembers nothing', async () => {
    let reads = 0;
    let fail = true;
    const cache = new CredentialCache(
      async (key: string) => {
        reads += 1;
        if (fail) throw new Error('database down');
        return key;
      },
      1_000,
      3,
    );
    await expect(Promise.all([cache.get('a'), cache.get('a')])).rejects.toThrow('database down');
    expect(reads).toBe(1);
    fail = false;
    expect(await cache.get('a')).toBe('a');
    expect(reads).toBe(2);
    for (const key of ['b', 'c', 'd', 'e']) await cache.get(key);
    expect(cache.size).toBe(3);
    const none = new CredentialCache(async () => (reads += 1), 0);
    await none.get('x');
    await none.get('x');
    expect(none.size).toBe(0);
  });
});

describe('AUTH_CACHE_MS over the real API: revocation honoured within the bound', () => {
  const TTL_MS = 3_000;
  let h: ApiHarness;
  const me = (authorization: string) =>
    h.call<{ me: { kind: string } }>('{ me { kind } }', {}, authorization);
  const sleepUntil = (at: number) =>
    new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

  beforeAll(async () => {
    h = await startApiHarness('credential_cache', { authCacheMs: TTL_MS });
  });
  afterAll(() => h?.stop());

  it('refuses a key revoked by another process once AUTH_CACHE_MS has passed, and one revoked here at once', async () => {
    const { key, record } = await issueApiKey(h.db.dataSource, 'erp', ['read']);
    expect(codes(await me(`Bearer ${key}`))).toEqual([]);
    // Revoked in the database, as another API process or the CLI would: this process still
    // remembers the key (the cache is on), but for no longer than its TTL after the revocation.
    await revokeApiKey(h.db.dataSource, record.id);
    const revokedAt = Date.now();
    expect(codes(await me(`Bearer ${key}`))).toEqual([]);
    await sleepUntil(revokedAt + TTL_MS);
    expect(codes(await me(`Bearer ${key}`))).toEqual(['UNAUTHENTICATED']);

    const second = await issueApiKey(h.db.dataSource, 'erp 2', ['read']);
    expect(codes(await me(`Bearer ${second.key}`))).toEqual([]);
    const revoked = await h.call(
      'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: second.record.id },
      h.bearer[UserRole.ADMIN],
    );
    expect(revoked.errors).toBeUndefined();
    expect(codes(await me(`Bearer ${second.key}`))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a user deactivated elsewhere once AUTH_CACHE_MS has passed, and at once when deactivated here', async () => {
    expect(codes(await me(h.bearer[UserRole.CLERK]))).toEqual([]);
    await h.db.dataSource.query('UPDATE users SET active = 0 WHERE id = ?', [h.userIds[UserRole.CLERK]]);
    const deactivatedAt = Date.now();
    expect(codes(await me(h.bearer[UserRole.CLERK]))).toEqual([]);
    await sleepUntil(deactivatedAt + TTL_MS);
    expect(codes(await me(h.bearer[UserRole.CLERK]))).toEqual(['UNAUTHENTICATED']);

    expect(codes(await me(h.bearer[UserRole.AUDITOR]))).toEqual([]);
    const updated = await h.call(
      'mutation ($id: ID!) { updateUser(id: $id, active: false) { id } }',
      { id: h.userIds[UserRole.AUDITOR] },
      h.bearer[UserRole.ADMIN],
    );
    expect(updated.errors).toBeUndefined();
    expect(codes(await me(h.bearer[UserRole.AUDITOR]))).toEqual(['UNAUTHENTICATED']);
  });
});
