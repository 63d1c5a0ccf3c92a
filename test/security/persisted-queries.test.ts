import { createHash } from 'node:crypto';
import { API_ERRORS, ApiErrorCode } from '../../api/api-error';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * Persisted-query tricks (#17 probe). Found on the live demo: Apollo's automatic persisted queries
 * were on, though nothing of Recon's uses them, so an anonymous caller could store documents in the
 * server's memory by hash; a hash that did not match its query, or an unknown protocol version,
 * answered HTTP 400 `INTERNAL_SERVER_ERROR` and wrote an internal-error line to the log each time
 * (an anonymous way to flood the error log). Now any persisted-query extension is refused up front:
 * 400 `BAD_REQUEST`, in the one vocabulary, nothing stored and nothing logged as internal.
 */
describe('persisted queries (#17 probe)', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness('sec_persisted_queries');
  });
  afterAll(() => h?.stop());

  const QUERY = '{ health { ok } }';
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const post = async (body: unknown, authorization?: string) => {
    const response = await fetch(h.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
        data?: unknown;
      },
    };
  };

  it.each([
    ['a hash alone', { extensions: { persistedQuery: { version: 1, sha256Hash: sha(QUERY) } } }],
    [
      'a query with its hash (registering it)',
      { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: sha(QUERY) } } },
    ],
    [
      'a hash that does not match the query',
      { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } },
    ],
    [
      'an unknown version',
      { query: QUERY, extensions: { persistedQuery: { version: 2, sha256Hash: sha(QUERY) } } },
    ],
  ])('refuses %s: 400 BAD_REQUEST, never an internal error', async (_, body) => {
    for (const authorization of [undefined, h.bearer.ADMIN]) {
      const answer = await post(body, authorization);
      expect(answer.status).toBe(API_ERRORS[ApiErrorCode.BAD_REQUEST].status);
      expect(answer.body.errors?.map((e) => e.extensions.code)).toEqual([ApiErrorCode.BAD_REQUEST]);
      expect(answer.body.errors?.[0].message).toMatch(/persisted queries are not supported/);
      expect(answer.body.errors?.[0].extensions.errorId).toBeUndefined();
    }
  });

  it('refuses the extension over GET too; a plain query still answers', async () => {
    const extensions = encodeURIComponent(
      JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha(QUERY) } }),
    );
    const response = await fetch(`${h.api.graphqlUrl}?extensions=${extensions}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors.map((e) => e.extensions.code)).toEqual([ApiErrorCode.BAD_REQUEST]);
    // A plain query still answers.
    const plain = await post({ query: QUERY });
    expect(plain.status).toBe(200);
    expect(plain.body.data).toEqual({ health: { ok: true } });
  });
});
