import { parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { buildASTSchema } from 'graphql';
import { estimateCost, MAX_QUERY_COST } from '../../api/cost-limit';
import { loadTypeDefs } from '../../api/type-defs';
import { Customer } from '../../entities/customer.entity';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { codes, startApiHarness, type ApiHarness } from './api-harness';

const schema = buildASTSchema(loadTypeDefs());
function cost(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  )!;
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition',
  );
  return estimateCost(schema, operation, fragments, variables);
}

const QUEUE =
  '{ myTasks(first: 50) { edges { node { id title dueAt period { key customer { code name } } } } } }';

describe('request limits: cost, page size, body size, malformed requests, hidden internals', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('limits', { maxBodyBytes: 16 * 1024 });
    await h.db.dataSource.getRepository(Customer).save({ code: 'LM1', name: '客户 LM1', currency: 'CNY' });
  });

  afterAll(() => h?.stop());

  it('estimates cost by page sizes: the work queue is cheap, a page of pages of pages is not', () => {
    // 50 × (edges 1 + node 1 + 4 fields + period 1 + key 1 + customer 1 + 2 fields) + the root field 10
    expect(cost(QUEUE)).toBe(10 + 50 * (1 + 1 + 3 + 1 + 1 + 1 + 2));
    expect(cost('query ($n: Int) { customers(first: $n) { edges { node { code } } } }', { n: 10 })).toBe(
      10 + 10 * 3,
    );
    // Fragments count like the fields they spread; pages above the cap are counted at the cap.
    expect(
      cost(
        '{ customers(first: 100000) { ...c } } fragment c on CustomerConnection { edges { node { code } } }',
      ),
    ).toBe(10 + 200 * 3);
    expect(
      cost(
        '{ customers(first: 200) { edges { node { openPeriods { differences { edges { node { id } } } } } } } }',
      ),
    ).toBeGreaterThan(MAX_QUERY_COST);
  });

  it('refuses a too costly query before running it, with a stable code and HTTP 400', async () => {
    const heavy =
      'query ($n: Int) { customers(first: $n) { edges { node { code openPeriods { key differences(first: 5) { edges { node { id amount } } } tasks(first: 5) { edges { node { id } } } } } } } }';
    const res = await fetch(h.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: h.bearer.CLERK },
      body: JSON.stringify({ query: heavy, variables: { n: 200 } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
    expect(body.data).toBeUndefined();
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['QUERY_TOO_COSTLY']);
    expect((await h.call(heavy, { n: 2 }, h.bearer.CLERK)).errors).toBeUndefined();
    // Without variables an operation's cost is computed once per parsed document: asked again, it
    // is refused (or run) the same way.
    const fixedHeavy = heavy.replace('query ($n: Int)', 'query').replace('first: $n', 'first: 200');
    const fixedLight = heavy.replace('query ($n: Int)', 'query').replace('first: $n', 'first: 2');
    for (let round = 0; round < 2; round++) {
      expect(codes(await h.call(fixedHeavy, {}, h.bearer.CLERK))).toEqual(['QUERY_TOO_COSTLY']);
      expect((await h.call(fixedLight, {}, h.bearer.CLERK)).errors).toBeUndefined();
    }
  });

  it('caps page sizes on every connection', async () => {
    for (const query of [
      '{ ledgerEntries(customerCode: "LM1", first: 0) { totals { count } } }',
      '{ ledgerEntries(customerCode: "LM1", first: 201) { totals { count } } }',
      '{ auditEvents(first: 500) { edges { cursor } } }',
      '{ webhookDeliveries(first: -1) { edges { cursor } } }',
      '{ myTasks(first: 1000) { edges { cursor } } }',
    ]) {
      expect([query, codes(await h.call(query, {}, h.bearer.ADMIN))]).toEqual([query, ['BAD_USER_INPUT']]);
    }
  });

  it('refuses an oversized or malformed body cleanly, writing nothing', async () => {
    const before = await h.auditCount();
    const entries = Array.from({ length: 200 }, (_, i) => ({
      customerCode: 'LM1',
      source: 'erp',
      externalId: `big-${i}`,
      entryDate: '2026-10-01',
      kind: 'INVOICE',
      amount: '1.00',
      currency: 'CNY',
    }));
    const post = (body: string, type = 'application/json') =>
      fetch(h.api.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': type, authorization: h.bearer.ADMIN },
        body,
      });
    const big = await post(
      JSON.stringify({
        query: 'mutation ($e: [LedgerEntryInput!]!) { upsertLedgerEntries(entries: $e) { created } }',
        variables: { e: entries },
      }),
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      errors: [{ message: 'request body too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    for (const body of ['{"query": "{ me { kind } }"', 'null', '\u0000\u0001']) {
      const bad = await post(body);
      expect(bad.status).toBe(400);
      const text = await bad.text();
      expect(text).not.toMatch(/at |node_modules|SyntaxError|<html/i);
      expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    }
    const zipped = await fetch(h.api.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: h.bearer.ADMIN,
      },
      body: '{}',
    });
    expect(zipped.status).toBe(415);
    expect(await zipped.json()).toEqual({
      errors: [
        { message: 'request body encoding not supported', extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } },
      ],
    });
    const notJson = await post('{"query": "{ __typename }"}', 'text/plain');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    expect(await h.db.dataSource.getRepository(LedgerEntry).count()).toBe(0);
    expect(await h.auditCount()).toBe(before);
  });

  it('never shows SQL, stacks or messages of unexpected failures', async () => {
    await h.db.dataSource.query('RENAME TABLE api_keys TO api_keys_away');
    try {
      const res = await h.call('{ apiKeys { id } }', {}, h.bearer.ADMIN);
      // Only the code and the id the server logged the error under (#17.17).
      expect(res.errors).toEqual([
        {
          message: 'internal error',
          extensions: {
            code: 'INTERNAL_SERVER_ERROR',
            errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
            requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          },
        },
      ]);
    } finally {
      await h.db.dataSource.query('RENAME TABLE api_keys_away TO api_keys');
    }
  });

  it('answers with the exact UTF-8 length of non-Latin text (the body is encoded once, not counted then written)', async () => {
    const res = await fetch(h.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: h.bearer.CLERK },
      body: JSON.stringify({ query: '{ customers(first: 5) { edges { node { code name } } } }' }),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    const body = JSON.parse(bytes.toString('utf8')) as {
      data: { customers: { edges: Array<{ node: { code: string; name: string } }> } };
    };
    expect(body.data.customers.edges).toEqual([{ node: { code: 'LM1', name: '客户 LM1' } }]);
  });
});
