import { ApolloServer, HeaderMap } from '@apollo/server';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse } from 'graphql';
import { compiledExecutorGateway } from '../../api/execution/compiled-executor';
import {
  apolloGatewayContextModule,
  gatewayRequestContext,
  installGatewayRequestContext,
} from '../../api/execution/gateway-request-context';

type Maker = typeof gatewayRequestContext;
const FUNCTION = 'makeGatewayGraphQLRequestContext';

/** Apollo's own function, taken before anything replaces it in this test file's module registry. */
const apollos = apolloGatewayContextModule()?.[FUNCTION] as Maker | undefined;

const schema = makeExecutableSchema({
  typeDefs: 'type Query { hello: String }',
  resolvers: { Query: { hello: () => 'world' } },
});

/** An Apollo request context as the pipeline has it when execution starts. */
function requestContext() {
  const document = parse('query Hello { hello }');
  return {
    request: {
      query: 'query Hello { hello }',
      operationName: 'Hello',
      variables: { a: 1 },
      extensions: { trace: true },
      http: {
        method: 'POST',
        headers: new HeaderMap([['authorization', 'Bearer x']]),
        search: 'debug=1',
      },
    },
    response: { http: { headers: new HeaderMap([['x-served-by', 'recon']]), status: undefined } },
    schema,
    contextValue: { principal: 'someone' },
    queryHash: 'hash',
    document,
    source: 'query Hello { hello }',
    operationName: 'Hello',
    operation: document.definitions[0],
    errors: undefined,
    metrics: { persistedQueryHit: false },
    overallCachePolicy: { maxAge: 0 },
    requestIsBatched: false,
  } as unknown as Parameters<Maker>[0];
}

/** A headers object's entries as a list (FetcherHeaders types them as a bare Iterator). */
function entries(headers: { entries(): Iterator<[string, string]> }): Array<[string, string]> {
  const list: Array<[string, string]> = [];
  const iterator = headers.entries();
  for (let next = iterator.next(); !next.done; next = iterator.next()) list.push(next.value);
  return list;
}

const server = { logger: console, cache: { get: () => undefined } } as unknown as Parameters<Maker>[1];

describe("the gateway executor's request context (built without per-request accessors)", () => {
  it('finds Apollo’s function where its pipeline looks it up', () => {
    expect(typeof apollos).toBe('function');
  });

  it('gives what Apollo’s own gives, field for field, headers and status written through', () => {
    const theirsContext = requestContext();
    const oursContext = requestContext();
    const theirs = apollos!(theirsContext, server, { includeStacktraceInErrorResponses: false });
    const ours = gatewayRequestContext(oursContext, server, { includeStacktraceInErrorResponses: false });

    // Everything but the HTTP parts: the same values (schema, logger and cache the same objects).
    const { request: theirRequestPart, response: theirResponse, ...theirRest } = theirs;
    const { request: ourRequestPart, response: ourResponse, ...ourRest } = ours;
    expect(ourRest).toEqual(theirRest);
    expect(Object.keys(ourRest).sort()).toEqual(Object.keys(theirRest).sort());
    expect(ourRest.schema).toBe(theirRest.schema);
    expect(ourRest.context).toBe(oursContext.contextValue);
    expect(Object.keys(ourResponse!)).toEqual(Object.keys(theirResponse!));

    const { http: theirHttp, ...theirRequest } = theirRequestPart;
    const { http: ourHttp, ...ourRequest } = ourRequestPart;
    expect(ourRequest).toEqual(theirRequest);
    expect(ourHttp!.method).toBe(theirHttp!.method);
    expect(ourHttp!.url).toBe('https://unknown-url.invalid/?debug=1');
    expect(ourHttp!.url).toBe(theirHttp!.url);
    expect(ourHttp!.headers.get('authorization')).toBe('Bearer x');
    expect(entries(ourHttp!.headers)).toEqual(entries(theirHttp!.headers));

    for (const [made, context] of [
      [theirs, theirsContext],
      [ours, oursContext],
    ] as const) {
      const http = made.response!.http!;
      expect(http.status).toBeUndefined();
      http.status = 418;
      expect(context.response.http.status).toBe(418);
      expect(http.status).toBe(418);
      http.headers.append('x-served-by', 'gateway');
      expect(context.response.http.headers.get('x-served-by')).toBe('recon, gateway');
      http.headers.delete('x-served-by');
      expect(http.headers.has('x-served-by')).toBe(false);
      expect(http.headers.get('x-served-by')).toBeNull();
    }
  });

  it('is installed in Apollo’s module by the compiled executor, once and for good', () => {
    compiledExecutorGateway(schema);
    expect(apolloGatewayContextModule()![FUNCTION]).toBe(gatewayRequestContext);
    expect(installGatewayRequestContext()).toBe(true);
    expect(apolloGatewayContextModule()![FUNCTION]).toBe(gatewayRequestContext);
  });

  it('is what Apollo’s pipeline hands the executor in a real operation', async () => {
    const compiled = compiledExecutorGateway(schema);
    let seen: GatewayGraphQLRequestContext | undefined;
    const apollo = new ApolloServer({
      gateway: {
        ...compiled,
        load: async (options) => {
          const { executor } = await compiled.load(options);
          return { executor: (request) => ((seen = request), executor!(request)) };
        },
      },
    });
    await apollo.start();
    try {
      const answer = await apollo.executeOperation({ query: '{ hello }' });
      expect(answer.body.kind === 'single' && answer.body.singleResult.data).toEqual({ hello: 'world' });
    } finally {
      await apollo.stop();
    }
    // Apollo's own puts `status` on each object as an accessor of its own; ours keeps it on the prototype.
    expect(seen?.response?.http).toBeDefined();
    expect(Object.getOwnPropertyDescriptor(seen!.response!.http, 'status')).toBeUndefined();
    expect('status' in seen!.response!.http!).toBe(true);
  });
});
