import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import {
  HeaderMap,
  type ApolloServerPlugin,
  type BaseContext,
  type GraphQLRequestContextDidResolveOperation,
} from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import {
  getOperationAST,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { CompiledOperations } from './compiled-executor';

/**
 * The prepared path: a POST whose query text Apollo has already parsed and validated is answered
 * without Apollo's request pipeline — no SHA-256 of the text, no document-store lookup, no media
 * negotiation per request, no round of promises per plugin hook, no per-request context clone —
 * with the same checks, execution and answer (test/perf/prepared-path.test.ts compares both
 * answers byte for byte). Under the credit check's load that pipeline was a third of the API's CPU
 * per GraphQL request (docs/benchmarks.md, "credit").
 *
 * What it keeps, and how:
 * - **Only what Apollo accepted.** A document is remembered (by its exact text) when Apollo's own
 *   pipeline resolved an operation from it, that is after parsing (with its token limit) and every
 *   validation rule passed. Anything else — a new text, a GET, a batch, a malformed field, a
 *   mutation or a subscription, an Accept header Apollo would refuse, a context that failed — goes
 *   to Apollo.
 * - **The same checks.** `checkOperation` is what the API's plugins do in `didResolveOperation`
 *   (api/operation-checks.ts: the customer-link gate, canonical ids, clean text, the cost limit).
 *   When it refuses, the request goes down Apollo's path, which refuses it in its own words (the
 *   checks are pure, so they refuse again).
 * - **No other plugin is skipped.** `preparedPathAllowed` turns the path off when Apollo holds any
 *   per-request plugin other than the two it knows (the checks and the metrics).
 * - **The same answer.** Execution through the same compiled operations; errors formatted by
 *   Apollo's own normaliser with the server's formatError, the HTTP status from the errors' `http`
 *   extensions, 400 when variables did not coerce, the content type Apollo chooses for the Accept
 *   header, and the body as Apollo writes it (`{errors, data}` in that order, a newline after).
 */

type Head = { status?: number; headers: HeaderMap };
type Formatted = { formattedErrors: GraphQLFormattedError[]; httpFromErrors: Head };
type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** Apollo's CommonJS modules that hold what its pipeline does to an answer (pinned by the test). */
function apolloModule<T>(file: string): T {
  const root = path.dirname(require.resolve('@apollo/server'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(root, file)) as T;
}
const apolloErrors = apolloModule<{
  normalizeAndFormatErrors(
    errors: readonly GraphQLError[],
    options: { formatError?: FormatError; includeStacktraceInErrorResponses?: boolean },
  ): Formatted;
}>('errorNormalize.js');
const apolloServer = apolloModule<{
  chooseContentTypeForSingleResultResponse(head: { headers: HeaderMap }): string | null;
}>('ApolloServer.js');
const apolloHttp = apolloModule<{ mergeHTTPGraphQLHead(target: Head, source: Head): void }>(
  'runHttpQuery.js',
);

/** The operation as the checks see it (what Apollo's didResolveOperation hands a plugin). */
export interface PreparedOperation<TContext> {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  contextValue: TContext;
}

export interface PreparedPathOptions<TContext extends BaseContext> {
  operations: CompiledOperations;
  /** Throws to refuse, as the plugins' didResolveOperation does. */
  checkOperation(operation: PreparedOperation<TContext>): void;
  /** After the answer is built, as the metrics plugin's willSendResponse. */
  answered(
    operation: OperationDefinitionNode,
    errors: readonly GraphQLFormattedError[],
    seconds: number,
  ): void;
  formatError: FormatError;
  /** Most query texts remembered (the oldest is forgotten first); default 500. */
  maxDocuments?: number;
  /** Most characters of query text remembered in all; default 2,000,000. */
  maxChars?: number;
}

export interface PreparedAnswer {
  status: number;
  headers: HeaderMap;
  body: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class PreparedPath<TContext extends BaseContext> {
  private readonly documents = new Map<string, DocumentNode>();
  private chars = 0;
  private readonly contentTypes = new Map<string, string | null>();
  /** False when Apollo holds a per-request plugin this path would skip (see preparedPathAllowed). */
  enabled = true;

  constructor(private readonly options: PreparedPathOptions<TContext>) {}

  /** The plugin that remembers each query text Apollo resolved an operation from. */
  plugin(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async (requestContext: GraphQLRequestContextDidResolveOperation<TContext>) => {
          this.remember(requestContext.source, requestContext.document);
        },
      }),
    };
  }

  remember(source: string, document: DocumentNode): void {
    if (this.documents.has(source)) return;
    const maxDocuments = this.options.maxDocuments ?? 500;
    const maxChars = this.options.maxChars ?? 2_000_000;
    if (source.length > maxChars) return;
    this.documents.set(source, document);
    this.chars += source.length;
    for (const [oldest] of this.documents) {
      if (this.documents.size <= maxDocuments && this.chars <= maxChars) break;
      this.documents.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  /** The content type Apollo answers for this Accept header (null: it would refuse, 406). */
  private contentTypeFor(accept: string | undefined): string | null {
    const key = accept ?? '';
    let type = this.contentTypes.get(key);
    if (type === undefined) {
      const headers = new HeaderMap();
      if (accept !== undefined) headers.set('accept', accept);
      type = apolloServer.chooseContentTypeForSingleResultResponse({ headers });
      if (this.contentTypes.size >= 100) this.contentTypes.clear();
      this.contentTypes.set(key, type);
    }
    return type;
  }

  /** The answer, or undefined: the request goes to Apollo. */
  async answer(
    method: string | undefined,
    headers: IncomingHttpHeaders,
    body: unknown,
    context: Promise<TContext>,
  ): Promise<PreparedAnswer | undefined> {
    if (!this.enabled || method !== 'POST' || !isRecord(body)) return undefined;
    const { query, operationName, variables, extensions } = body;
    // Extensions other than persisted queries (refused before) mean nothing to Recon; Apollo Client
    // sends its name and version in them. One that is not an object is Apollo's to refuse (400).
    if (extensions !== undefined && extensions !== null && !isRecord(extensions)) return undefined;
    if (typeof query !== 'string') return undefined;
    const document = this.documents.get(query);
    if (!document) return undefined;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
      return undefined;
    if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
    const contentType = this.contentTypeFor(headers.accept);
    if (contentType === null) return undefined;
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation || operation.operation !== 'query') return undefined;
    const started = process.hrtime.bigint();
    let contextValue: TContext;
    try {
      contextValue = await context;
    } catch {
      return undefined;
    }
    const schema = this.options.operations.schema;
    try {
      this.options.checkOperation({ schema, document, operation, variables: variables ?? {}, contextValue });
    } catch {
      return undefined;
    }
    const result = await this.options.operations.execute({
      document,
      operationName: operation.name?.value ?? null,
      operation,
      context: contextValue,
      variables: variables ?? undefined,
    });
    // As Apollo's pipeline: any errors array (even empty) is formatted and written.
    const head: Head = { status: undefined, headers: new HeaderMap() };
    let errors: GraphQLFormattedError[] | undefined;
    if (result.errors) {
      const formatted = apolloErrors.normalizeAndFormatErrors(result.errors, {
        formatError: this.options.formatError,
        includeStacktraceInErrorResponses: false,
      });
      errors = formatted.formattedErrors;
      // Variables that did not coerce (no data at all) are the caller's: 400, as Apollo 5 answers.
      if (result.errors.length && result.data === undefined && !formatted.httpFromErrors.status)
        formatted.httpFromErrors.status = 400;
      apolloHttp.mergeHTTPGraphQLHead(head, formatted.httpFromErrors);
    }
    head.headers.set('content-type', contentType);
    const text = `${JSON.stringify({ errors, data: result.data, extensions: result.extensions })}\n`;
    this.options.answered(operation, errors ?? [], Number(process.hrtime.bigint() - started) / 1e9);
    return { status: head.status ?? 200, headers: head.headers, body: text };
  }
}

/**
 * Whether every per-request plugin Apollo runs is one the prepared path does the work of: `known`
 * (the checks, the metrics, the recorder). `plugins` is Apollo's list after its start (its own
 * defaults included); a plugin without requestDidStart does nothing per request.
 */
export function preparedPathAllowed(
  plugins: ReadonlyArray<ApolloServerPlugin<BaseContext>> | undefined,
  known: ReadonlyArray<ApolloServerPlugin<never>>,
): boolean {
  if (!plugins) return false;
  return plugins.every((plugin) => !plugin.requestDidStart || known.includes(plugin as never));
}

/** Apollo's plugin list once started (internal: pinned by test/perf/prepared-path.test.ts). */
export function apolloPlugins(apollo: object): ReadonlyArray<ApolloServerPlugin<BaseContext>> | undefined {
  const internals = (apollo as { internals?: { plugins?: unknown } }).internals;
  return Array.isArray(internals?.plugins)
    ? (internals.plugins as ReadonlyArray<ApolloServerPlugin<BaseContext>>)
    : undefined;
}
