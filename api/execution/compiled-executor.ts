import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { getVariableValues } from 'graphql/execution/values';
import {
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { ApiErrorCode } from '../error-codes';
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

/**
 * The variables that did not coerce (missing, wrong type, bad enum, Decimal or Date), as
 * BAD_USER_INPUT. graphql-js words them better than graphql-jit (the variable, then the path inside
 * it: `Variable "$f" got invalid value "NOPE" at "f.status"`), so on this error path only they are
 * coerced again by graphql-js for the message.
 */
function variableErrors(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  jitErrors: readonly GraphQLError[],
): GraphQLError[] {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, {
    maxErrors: 10,
  });
  const errors = coerced.errors?.length ? coerced.errors : jitErrors;
  return errors.map(
    (error) =>
      new GraphQLError(error.message, {
        extensions: { code: ApiErrorCode.BAD_USER_INPUT, http: { status: 400 } },
      }),
  );
}

/**
 * Each distinct document's compiled form, and running it: shared by Apollo's gateway executor and
 * the prepared path (prepared-path.ts), so both execute, and answer bad variables, the same way.
 */
export class CompiledOperations {
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

  constructor(readonly schema: GraphQLSchema) {}

  private compiledFor(document: DocumentNode, operationName: string | null): CompiledQuery | ExecutionResult {
    let byOperation = this.compiled.get(document);
    if (!byOperation) this.compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    let query = byOperation.get(key);
    if (!query) {
      // Leaf values are still serialised by their scalars (Decimal, DateTime…), as graphql-js does.
      query = compileQuery(this.schema, document, operationName ?? undefined, {
        disablingCapturingStackErrors: true,
      });
      byOperation.set(key, query);
    }
    return query;
  }

  /** The operation's result, as the gateway executor gives it to Apollo. */
  async execute(
    request: Pick<Parameters<GatewayExecutor>[0], 'document' | 'operationName' | 'operation' | 'context'> & {
      variables: Record<string, unknown> | undefined;
    },
  ): Promise<ExecutionResult> {
    const query = this.compiledFor(request.document, request.operationName);
    // A document that validated but cannot be compiled (e.g. an unknown operation name) answers with its errors.
    if (!isCompiledQuery(query)) return query;
    const result = await query.query(undefined, request.context, request.variables ?? {});
    if (!result.errors) return result;
    // No data at all: nothing ran, the variables did not coerce (graphql-jit checks them first).
    // Those are the caller's input, and the message names the variable.
    if (!('data' in result))
      return { errors: variableErrors(this.schema, request.operation, request.variables, result.errors) };
    return { ...result, errors: result.errors.map(asGraphQLError) };
  }
}

export function compiledExecutorGateway(
  schema: GraphQLSchema,
  operations = new CompiledOperations(schema),
): GatewayInterface {
  // The request context Apollo builds for a gateway executor, without what V8 promotes (see there).
  installGatewayRequestContext();

  const executor: GatewayExecutor = (request) =>
    operations.execute({
      document: request.document,
      operationName: request.operationName,
      operation: request.operation,
      context: request.context,
      variables: request.request.variables,
    });

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({ executor }),
    stop: async () => undefined,
  };
}
