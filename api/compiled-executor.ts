import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { ApiErrorCode } from './error-codes';
import { installGatewayRequestContext } from './gateway-request-context';

/**
 * Executes operations through graphql-jit instead of graphql-js: each distinct document is compiled
 * once into a plain function that resolves and serialises its selection set, which takes a
 * fraction of graphql-js's per-field cost (a queue page is ~900 fields). Apollo Server 5 keeps
 * everything else — parsing, validation rules, plugins, error formatting — and takes the executor
 * through its `gateway` option, the place its migration guide names for custom executors.
 *
 * One difference from graphql-js to keep in mind: a field without a resolver reads the property of
 * its name as a plain value; graphql-js's default resolver would call a function found there.
 * Lazy fields get a resolver of their own (e.g. LedgerEntryConnection.totals).
 *
 * Compiled queries are cached per parsed document. Apollo's document store hands the same
 * DocumentNode back for the same query text, so a WeakMap keyed by it is bounded by that store.
 */
/**
 * graphql-jit's errors are GraphQLError look-alikes whose `extensions` may be undefined, which
 * Apollo's error formatting does not expect: rebuild them as graphql-js errors (path, locations,
 * the resolver's original error and its extensions kept).
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  // graphql-js computes locations from AST nodes, which jit errors do not carry; copy them over.
  if (error.locations) Object.assign(rebuilt, { locations: error.locations });
  return rebuilt;
}

/** A variable graphql-jit could not coerce: BAD_USER_INPUT, its message naming the variable and field. */
const asBadVariable = (error: GraphQLError) =>
  new GraphQLError(error.message, { extensions: { ...error.extensions, code: ApiErrorCode.BAD_USER_INPUT } });

export function compiledExecutorGateway(schema: GraphQLSchema): GatewayInterface {
  // The request context Apollo builds for a gateway executor, without what V8 promotes (see there).
  installGatewayRequestContext();
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

  const compiledFor = (document: DocumentNode, operationName: string | null) => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    let query = byOperation.get(key);
    if (!query) {
      // Leaf values are still serialised by their scalars (Decimal, DateTime…), as graphql-js does.
      query = compileQuery(schema, document, operationName ?? undefined, {
        disablingCapturingStackErrors: true,
      });
      byOperation.set(key, query);
    }
    return query;
  };

  const executor: GatewayExecutor = async (request) => {
    const query = compiledFor(request.document, request.operationName);
    // A document that validated but cannot be compiled (e.g. an unknown operation name) answers with its errors.
    if (!isCompiledQuery(query)) return query;
    const result = await query.query(undefined, request.context, request.request.variables ?? {});
    if (!result.errors) return result;
    // Without data, the variables were refused before anything ran ("Variable "$filter" got invalid
    // value … at "filter.kind""): bad input, as graphql-js reports it, not an internal error.
    if (!('data' in result)) return { errors: result.errors.map(asBadVariable) };
    return { ...result, errors: result.errors.map(asGraphQLError) };
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({ executor }),
    stop: async () => undefined,
  };
}
