import path from 'node:path';
import type {
  BaseContext,
  GraphQLRequestContextExecutionDidStart,
  HeaderMap,
  ApolloServer,
} from '@apollo/server';
import type {
  GatewayGraphQLRequest,
  GatewayGraphQLRequestContext,
  GatewaySchemaHash,
} from '@apollo/server-gateway-interface';

/**
 * Apollo Server hands a gateway executor an Apollo Server 3–style request context, built for every
 * request by its internal `makeGatewayGraphQLRequestContext`. That function writes the response's
 * `status` as a getter/setter pair in an object literal, closing over the whole request context.
 * Measured, not derived from V8's source: what such per-object literal accessors reach (the
 * request, its context, the result) survives young-generation collections and is promoted, and
 * only a full collection reclaims it. Under load that was megabytes promoted per scavenge and an
 * old-generation collection every few seconds, the API's slowest answers (docs/benchmarks.md,
 * "The promotion's cause"; a 20-line script there reproduces it without Apollo).
 *
 * This builds the same object with the accessors on a class prototype (no such effect), and
 * installs it in Apollo's module (its pipeline looks the function up on the module's exports at
 * each call). A test checks that it is installed and gives what Apollo's own gives, so an Apollo
 * upgrade that moves the function fails there instead of silently losing the fix.
 */

type ApolloRequestContext = GraphQLRequestContextExecutionDidStart<BaseContext>;
type ServerParts = Pick<ApolloServer<BaseContext>, 'logger' | 'cache'>;
type InternalsParts = { includeStacktraceInErrorResponses: boolean };

/** W3C-style headers over Apollo's HeaderMap, as Apollo's own adapter: writes go straight to the map. */
class HeadersOverHeaderMap {
  constructor(private readonly map: HeaderMap) {}
  append(name: string, value: string): void {
    this.map.set(name, this.map.has(name) ? `${this.map.get(name)}, ${value}` : value);
  }
  delete(name: string): void {
    this.map.delete(name);
  }
  get(name: string): string | null {
    return this.map.get(name) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name);
  }
  set(name: string, value: string): void {
    this.map.set(name, value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/** The response's HTTP head, read and written through to Apollo's request context. */
class ResponseHttp {
  readonly headers: HeadersOverHeaderMap;
  constructor(private readonly requestContext: ApolloRequestContext) {
    this.headers = new HeadersOverHeaderMap(requestContext.response.http.headers);
  }
  get status(): number | undefined {
    return this.requestContext.response.http.status;
  }
  set status(status: number | undefined) {
    this.requestContext.response.http.status = status;
  }
}

/** What Apollo's makeGatewayGraphQLRequestContext gives, field for field, without per-request accessors. */
export function gatewayRequestContext(
  requestContext: ApolloRequestContext,
  server: ServerParts,
  internals: InternalsParts,
): GatewayGraphQLRequestContext {
  const source = requestContext.request;
  const request: GatewayGraphQLRequest = {};
  if ('query' in source) request.query = source.query;
  if ('operationName' in source) request.operationName = source.operationName;
  if ('variables' in source) request.variables = source.variables;
  if ('extensions' in source) request.extensions = source.extensions;
  if (source.http) {
    const { search } = source.http;
    const question = search !== '' && !search.startsWith('?') ? '?' : '';
    request.http = {
      method: source.http.method,
      // Apollo Server 4+ keeps only the search part of a URL; gateways get a placeholder origin.
      url: `https://unknown-url.invalid/${question}${search}`,
      headers: new HeadersOverHeaderMap(source.http.headers),
    };
  }
  return {
    request,
    response: { http: new ResponseHttp(requestContext) },
    logger: server.logger,
    schema: requestContext.schema,
    schemaHash: 'schemaHash no longer exists since Apollo Server 4' as GatewaySchemaHash,
    context: requestContext.contextValue,
    cache: server.cache,
    queryHash: requestContext.queryHash,
    document: requestContext.document,
    source: requestContext.source,
    operationName: requestContext.operationName,
    operation: requestContext.operation,
    errors: requestContext.errors,
    metrics: requestContext.metrics,
    debug: internals.includeStacktraceInErrorResponses,
    overallCachePolicy: requestContext.overallCachePolicy,
    requestIsBatched: requestContext.requestIsBatched,
  };
}

const FUNCTION_NAME = 'makeGatewayGraphQLRequestContext';

/** Apollo's module that holds the function (CommonJS build: the one `require('@apollo/server')` loads). */
export function apolloGatewayContextModule(): Record<string, unknown> | undefined {
  try {
    // require, not import: the same module instance Apollo's pipeline requires (also under jest).
    const utils = path.join(path.dirname(require.resolve('@apollo/server')), 'utils');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(utils, `${FUNCTION_NAME}.js`)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Puts gatewayRequestContext in the place of Apollo's function. Idempotent; false when Apollo's
 * module is not where it was (the API still works, only with the old tail).
 */
export function installGatewayRequestContext(): boolean {
  const apolloModule = apolloGatewayContextModule();
  if (!apolloModule || typeof apolloModule[FUNCTION_NAME] !== 'function') return false;
  apolloModule[FUNCTION_NAME] = gatewayRequestContext;
  return true;
}
