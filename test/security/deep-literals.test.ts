import { MAX_VARIABLE_DEPTH } from '../../api/clean-text';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * A JSON literal written in the document (not a variable) 2,000 levels deep, 4 KB of brackets
 * under the token cap, overflowed the stack in graphql-jit's compiled query (or in validation) and
 * answered HTTP 500 INTERNAL_SERVER_ERROR, logged with a stack (#17 probe; variables were already
 * capped at MAX_VARIABLE_DEPTH). Literals take the same cap, measured without recursion.
 */
describe('JSON literals nested deep (#17 probe)', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness('deep_literals', { uploads: true });
  });
  afterAll(() => h?.stop());

  const send = async (literal: string) => {
    const response = await fetch(h.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: h.bearer.ADMIN },
      body: JSON.stringify({
        query: `mutation { saveMappingTemplate(name: "deep", definition: ${literal}) { id } }`,
      }),
    });
    const body = (await response.json()) as {
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    return {
      status: response.status,
      code: body.errors?.[0]?.extensions?.code,
      message: body.errors?.[0]?.message,
    };
  };
  const nested = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);

  it('refuses a literal past the cap as the caller’s error, and the server answers on', async () => {
    expect(await send(nested(MAX_VARIABLE_DEPTH + 1))).toEqual({
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: `a JSON literal may nest at most ${MAX_VARIABLE_DEPTH} levels`,
    });
    // Before: 500 INTERNAL_SERVER_ERROR. Near 2,000 levels graphql's own parser overflowed first,
    // depending on the stack left: the document's nesting is now refused before it is parsed.
    for (const depth of [1_500, 2_000, 2_200]) {
      const answer = await send(nested(depth));
      expect(answer.status).toBe(400);
      expect(answer.code).toBe('QUERY_TOO_DEEP');
      expect(answer.message).toMatch(/past the limit of 128/);
    }
    // Up to the cap the literal reaches the operation, which judges it (a template is an object).
    expect(await send(nested(MAX_VARIABLE_DEPTH - 1))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await send('{ a: { b: [1, 2] } }')).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
