import { startApiServer, type RunningApi } from '../../api/server';
import { UserRole } from '../../contract/enums';
import { codes, gql } from '../support/api-client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { staffTokens, TEST_SECRETS } from '../support/harness-api';

/**
 * #17 Low: invalid UTF-8, NUL and unpaired surrogates were stored silently, and DateTime took
 * 2027-02-30 (as 2 March) and "1" (as 2001). Each refused before anything runs, over HTTP.
 */

let db: TestDatabase;
let api: RunningApi;
let admin: string;

beforeAll(async () => {
  db = await createTestDatabase('sec_hostile_text');
  api = await startApiServer({
    dataSource: db.dataSource,
    periods: undefined as never,
    temporalHealthy: async () => true,
    twoFactorRoles: [], // its admin token has no second factor
    auth: TEST_SECRETS,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 64 * 1024,
  });
  admin = (await staffTokens(db.dataSource, [['admin', UserRole.ADMIN]])).admin;
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const CREATE = 'mutation ($input: NewUserInput!) { createUser(input: $input) { displayName } }';
const user = (displayName: string) => ({
  input: { displayName, email: 'text@recon.test', password: 'violet tractor lantern 42', role: 'CLERK' },
});
/** Users besides the admin the test signs in with. */
const usersWritten = async () =>
  Number(((await db.dataSource.query('SELECT COUNT(*) AS n FROM users')) as [{ n: string }])[0].n) - 1;

test('a body that is not valid UTF-8 is refused, not decoded to U+FFFD and stored', async () => {
  const json = Buffer.from(JSON.stringify({ query: CREATE, variables: user('XX') }));
  const at = json.indexOf('XX');
  json[at] = 0xff; // a byte no UTF-8 text holds
  json[at + 1] = 0xfe;
  const response = await fetch(api.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: admin },
    body: json,
  });
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ errors: [{ message: 'request body is not valid UTF-8' }] });
  expect(await usersWritten()).toBe(0);
});

test.each([
  ['NUL', 'Acme\u0000Ltd'],
  ['a lone high surrogate', 'Acme \ud800'],
  ['a lone low surrogate', '\udc00 Acme'],
])('a string with %s is refused naming the variable, nothing written', async (_, name) => {
  const response = await gql(api.graphqlUrl, CREATE, user(name), admin);
  expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.errors![0].message).toContain('$input.displayName');
  expect(await usersWritten()).toBe(0);
});

test('a string literal with an escaped NUL is refused too, and clean text (中文, emoji) passes', async () => {
  const literal = await gql(
    api.graphqlUrl,
    'mutation { createApiKey(name: "A\\u0000B", scopes: ["read"]) { key } }',
    {},
    admin,
  );
  expect(codes(literal)).toEqual(['BAD_USER_INPUT']);
  expect(literal.errors![0].message).toContain('a string literal');
  expect(
    Number(((await db.dataSource.query('SELECT COUNT(*) AS n FROM api_keys')) as [{ n: string }])[0].n),
  ).toBe(0);
  const clean = await gql<{ createUser: { displayName: string } }>(
    api.graphqlUrl,
    CREATE,
    user('华东 🙂 Ltd'),
    admin,
  );
  expect(clean.errors).toBeUndefined();
  expect(clean.data!.createUser.displayName).toBe('华东 🙂 Ltd');
});

test.each(['2027-02-30T00:00:00Z', '2026-10-31', '1', '2026-10-31T25:00:00Z', '2026-10-31T10:00:00'])(
  'DateTime %s is refused (a calendar date, a time and a zone are required)',
  async (from) => {
    const variable = await gql(
      api.graphqlUrl,
      'query ($f: AuditFilter) { auditEvents(filter: $f) { edges { cursor } } }',
      { f: { from } },
      admin,
    );
    expect(codes(variable)).toEqual(['BAD_USER_INPUT']);
    const literal = await gql(
      api.graphqlUrl,
      `{ auditEvents(filter: { from: ${JSON.stringify(from)} }) { edges { cursor } } }`,
      {},
      admin,
    );
    // A literal is part of the document: refused by validation, with the scalar's own words.
    expect(codes(literal)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(literal.errors![0].message).toContain('DateTime must be an ISO-8601 instant with its zone');
  },
);

test('a DateTime with its zone passes', async () => {
  for (const from of ['2026-10-31T16:00:00Z', '2026-10-31T16:00:00.250+08:00', '2026-10-31T16:00Z']) {
    const answer = await gql(
      api.graphqlUrl,
      'query ($f: AuditFilter) { auditEvents(filter: $f) { edges { cursor } } }',
      { f: { from } },
      admin,
    );
    expect([from, answer.errors]).toEqual([from, undefined]);
  }
});

test('a variable nested 20,000 levels deep (40 KB) is BAD_USER_INPUT naming it, not a stack overflow', async () => {
  const SAVE = 'mutation ($d: JSON!) { saveMappingTemplate(name: "deep", definition: $d) { id } }';
  const nested = (depth: number) =>
    `{"query":${JSON.stringify(SAVE)},"variables":{"d":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
  const send = async (body: string) => {
    const response = await fetch(api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: admin },
      body,
    });
    return {
      status: response.status,
      ...((await response.json()) as { errors?: Array<{ message: string }> }),
    };
  };
  const deep = await send(nested(20_000));
  expect(deep.status).toBe(400);
  expect(codes(deep as never)).toEqual(['BAD_USER_INPUT']);
  expect(deep.errors?.[0].message).toMatch(
    /^variables may nest at most 64 levels of lists and objects: \$d\[0\]/,
  );
  // Within the limit the value passes on to the resolver (this harness has no imports configured).
  const shallow = await send(nested(60));
  expect(shallow.status).toBe(200);
  expect(shallow.errors?.[0].message).not.toMatch(/nest at most/);
});
