import { getIntrospectionQuery } from 'graphql';
import { signUserToken } from '../../auth/user-token';
import { UserRole } from '../../contract/enums';
import { gql } from '../support/api-client';
import { startHarnessApi, TEST_SECRETS } from '../support/harness-api';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * #17 points 3, 6, 7 and 8 over HTTP on the real stack: anonymous amplification (aliases,
 * `__typename`, fields that do I/O, the anonymous budget, a cheap cached `health`), variable
 * coercion errors, invalid tokens and the standard introspection query.
 */

jest.setTimeout(120_000);

let stack: PlatformStack;
let temporalChecks = 0;

beforeAll(async () => {
  stack = await startPlatformStack('graphql-limits', {
    maxBodyBytes: 1024 * 1024,
    temporalHealthy: async () => {
      temporalChecks += 1;
      return true;
    },
  });
});

afterAll(async () => {
  await stack?.stop();
});

const aliases = (count: number, selection: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

describe('anonymous amplification (#17.3)', () => {
  test('9,999 aliases of health are refused before anything runs, and nobody waits behind them', async () => {
    const before = temporalChecks;
    const started = Date.now();
    const attacks = await Promise.all([
      // Past the token cap the document is not even parsed …
      ...Array.from({ length: 3 }, () => stack.call(aliases(9_999, 'health { __typename }'))),
      // … and below it the alias cap refuses it before any resolver runs.
      ...Array.from({ length: 3 }, () => stack.call(aliases(700, 'health { __typename }'))),
    ]);
    const me = await stack.call('{ me { kind } }', {}, stack.staff[UserRole.CLERK]);
    expect(me.data).toEqual({ me: { kind: 'user' } });
    for (const attack of attacks) {
      expect(attack.status).toBe(400);
      expect(attack.data).toBeUndefined();
    }
    expect(attacks.slice(0, 3).map(codes)).toEqual(Array(3).fill(['GRAPHQL_PARSE_FAILED']));
    expect(attacks[0].errors?.[0].message).toMatch(/5000 tokens/);
    expect(attacks.slice(3).map(codes)).toEqual(Array(3).fill(['TOO_MANY_ALIASES']));
    expect(temporalChecks).toBe(before);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('aliases up to the cap run, one more is refused naming the cap', async () => {
    const allowed = await stack.call(aliases(20, '__typename'));
    expect(allowed.status).toBe(200);
    expect(Object.keys(allowed.data ?? {})).toHaveLength(20);
    const refused = await stack.call(aliases(21, '__typename'));
    expect(codes(refused)).toEqual(['TOO_MANY_ALIASES']);
    expect(refused.errors?.[0].message).toMatch(/21 aliases.*limit of 20/);
  });

  test('__typename counts towards the cost, and a root field (its own I/O) costs more than a plain one', async () => {
    // Same-named fields merge into one, so without aliases this is about cost, not repetition.
    const spread = (count: number, selection: string) =>
      `{ ${Array.from({ length: count }, () => `... on Query { ${selection} }`).join(' ')} }`;
    expect((await stack.call(spread(60, '__typename'))).data).toEqual({ __typename: 'Query' });
    const typenames = await stack.call(spread(61, '__typename'));
    expect(typenames.status).toBe(401);
    expect(codes(typenames)).toEqual(['UNAUTHENTICATED']);
    expect(typenames.errors?.[0].message).toMatch(/query cost 61 exceeds the anonymous limit of 60/);
    const health = await stack.call(spread(6, 'health { ok }'));
    expect(health.errors?.[0].message).toMatch(/query cost 66 exceeds/);
    expect((await stack.call(spread(6, 'health { ok }'), {}, stack.staff[UserRole.CLERK])).data).toEqual({
      health: { ok: true },
    });
  });

  test('the anonymous caller has a small budget; the same query signed in runs', async () => {
    const query = '{ periods(first: 100) { edges { node { id status } } } }';
    const anonymous = await stack.call(query);
    expect(anonymous.status).toBe(401);
    expect(anonymous.data).toBeUndefined();
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.errors?.[0].message).toMatch(/exceeds the anonymous limit of 60/);
    const signedIn = await stack.call(query, {}, stack.staff[UserRole.CLERK]);
    expect(signedIn.errors).toBeUndefined();
  });

  test('health is cheap and cached: a burst of checks asks Temporal once', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // let any cached answer expire
    const before = temporalChecks;
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 40 }, () => stack.call('{ health { ok } }')));
    for (const answer of answers) expect(answer.data).toEqual({ health: { ok: true } });
    const rest = await Promise.all(
      Array.from({ length: 10 }, () => fetch(`${stack.api.url}/health`).then((r) => r.json())),
    );
    for (const answer of rest) expect(answer).toEqual({ ok: true, database: true, temporal: true });
    // One check per second of cache life at most, however many asked: 50 requests, 1 check on an
    // idle machine; a loaded one may take more than a second for the burst.
    const seconds = Math.ceil((Date.now() - started) / 1_000);
    expect(temporalChecks - before).toBeGreaterThanOrEqual(1);
    expect(temporalChecks - before).toBeLessThanOrEqual(seconds);
  });
});

describe('nesting (#17 probe, a parser that recurses)', () => {
  // graphql-js parses by recursive descent: a few thousand levels overflow its stack before the
  // token cap counts them, and the answer was "Maximum call stack size exceeded".
  const nested = (levels: number) => `{ ${'me { '.repeat(levels)}kind${' }'.repeat(levels)} }`;
  const listValue = (levels: number) =>
    `{ customers(first: ${'['.repeat(levels)}1${']'.repeat(levels)}) { edges { cursor } } }`;

  test.each([
    ['selections', nested(2_400)],
    ['a list value', listValue(2_400)],
    ['selections past the token cap', nested(20_000)],
  ])(
    'a document nesting %s thousands of levels deep is QUERY_TOO_DEEP, before it is parsed',
    async (_, query) => {
      for (const token of [undefined, stack.staff[UserRole.CLERK]]) {
        const answer = await stack.call(query, {}, token);
        expect(answer.status).toBe(400);
        expect(answer.data).toBeUndefined();
        expect(codes(answer)).toEqual(['QUERY_TOO_DEEP']);
        expect(answer.errors?.[0].message).toMatch(/nests \d+ levels deep.*limit of 128/);
      }
    },
  );

  test('braces inside strings and comments do not count, and a deep but legal document still gets its field-depth answer', async () => {
    const braces = '{['.repeat(100);
    const quoted = `{ me { kind } customer(code: "${braces}\\"") { code } } # ${braces}\n# """${braces}`;
    expect((await stack.call(quoted, {}, stack.staff[UserRole.CLERK])).data).toEqual({
      me: { kind: 'user' },
      customer: null,
    });
    const twenty = await stack.call(nested(20), {}, stack.staff[UserRole.CLERK]);
    expect(codes(twenty)).toContain('QUERY_TOO_DEEP'); // with graphql's own complaint: `me` has no `me`
    expect(twenty.errors?.[0].message).toMatch(/query depth \d+ exceeds the limit of 8/);
  });
});

describe('tokens (#17.7)', () => {
  test.each([
    ['a forged token', 'Bearer not-a-token'],
    ['an unknown API key', 'Bearer rk_0000000000000000000000000000'],
    [
      'an expired token',
      `Bearer ${signUserToken(TEST_SECRETS.tokenSecret, { sub: '1', role: UserRole.CLERK, name: 'x', exp: Date.now() / 1000 - 60 })}`,
    ],
    [
      'a token signed with another secret',
      `Bearer ${signUserToken('x'.repeat(32), { sub: '1', role: UserRole.CLERK, name: 'x', exp: Date.now() / 1000 + 60 })}`,
    ],
  ])('%s on /graphql is HTTP 401 UNAUTHENTICATED', async (_label, authorization) => {
    const answer = await stack.call('{ me { kind } }', {}, authorization);
    expect(answer.status).toBe(401);
    expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
  });

  test('the scheme is case-insensitive (RFC 7235)', async () => {
    const token = stack.staff[UserRole.CLERK].replace(/^Bearer /, 'bearer ');
    const answer = await stack.call('{ me { kind } }', {}, token);
    expect(answer.data).toEqual({ me: { kind: 'user' } });
  });
});

describe('variable coercion (#17.6)', () => {
  const clerk = () => stack.staff[UserRole.CLERK];
  test.each([
    ['a missing variable', 'query ($id: ID!) { period(id: $id) { id } }', {}, 'id'],
    [
      'a wrong type',
      'query ($first: Int) { periods(first: $first) { edges { cursor } } }',
      { first: 'x' },
      'first',
    ],
    [
      'a bad enum',
      'query ($f: PeriodFilter) { periods(filter: $f) { edges { cursor } } }',
      { f: { status: 'NOPE' } },
      'f',
    ],
    [
      'a bad Decimal',
      'query ($f: LedgerFilter) { ledgerEntries(customerCode: "X", filter: $f) { totals { count } } }',
      { f: { minAmount: 1.5 } },
      'f',
    ],
    [
      'a bad Date',
      'query ($f: PeriodFilter) { periods(filter: $f) { edges { cursor } } }',
      { f: { from: '2027-02-30' } },
      'f',
    ],
  ])('%s is BAD_USER_INPUT naming the variable', async (_label, query, variables, name) => {
    const answer = await stack.call(query, variables, clerk());
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors?.[0].message).toContain(`$${name}`);
  });
});

describe('introspection (#17.8)', () => {
  test('the standard introspection query is answered, and scalars carry their descriptions', async () => {
    const answer = await stack.call<{
      __schema: { types: Array<{ name: string; description: string | null }> };
    }>(getIntrospectionQuery(), {}, stack.staff[UserRole.CLERK]);
    expect(answer.errors).toBeUndefined();
    const types = new Map(answer.data!.__schema.types.map((type) => [type.name, type.description]));
    expect(types.get('Decimal')).toMatch(/decimal/i);
    expect(types.get('Date')).toMatch(/YYYY-MM-DD/);
    expect(types.get('DateTime')).toMatch(/ISO-8601/);
  });

  test('introspection is costed: the anonymous caller cannot run it', async () => {
    const answer = await stack.call(getIntrospectionQuery());
    expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
    expect(answer.errors?.[0].message).toMatch(/query cost 1\d{3} exceeds the anonymous limit/);
  });

  test('production can turn introspection off', async () => {
    const closed = await startHarnessApi(stack.h, { introspection: false });
    try {
      const answer = await gql(closed.graphqlUrl, getIntrospectionQuery(), {}, stack.staff[UserRole.CLERK]);
      expect(answer.status).toBe(400);
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0].message).toMatch(/introspection/i);
      expect((await gql(closed.graphqlUrl, '{ me { kind } }', {}, stack.staff[UserRole.CLERK])).data).toEqual(
        {
          me: { kind: 'user' },
        },
      );
    } finally {
      await closed.stop();
    }
  });
});
