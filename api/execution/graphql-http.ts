import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { API_ERRORS, ApiErrorCode } from '../error-codes';
import { nestingRefusal } from '../nesting-limit';
import { logInternalError } from '../internal-errors';
import type { PreparedPath } from './prepared-path';

export interface GraphqlHttpOptions<TContext extends BaseContext> {
  /** Largest request body accepted (HTTP 413 beyond it). */
  maxBodyBytes: number;
  context(req: IncomingMessage, res: ServerResponse): Promise<TContext>;
  /** A refusal before anything is read or run (e.g. a cookie without the CSRF header), or undefined. */
  refuse?(req: IncomingMessage): { code: ApiErrorCode; message: string } | undefined;
  /** Answers the query texts Apollo already accepted without its pipeline (prepared-path.ts). */
  prepared?: PreparedPath<TContext>;
}

/** A refusal before GraphQL runs, in the GraphQL error shape with a stable code. */
class RequestRefused extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.status = API_ERRORS[code].status;
  }
}

/**
 * POST/GET /graphql straight on Node's HTTP server: the body read within its limit, parsed as JSON,
 * handed to Apollo (executeHTTPGraphQLRequest, its interface for integrations) and the answer
 * written back. The hottest route of the API does without Express's router, body parser and
 * response helpers, which cost as much per request as the queue page's GraphQL execution.
 * Refusals before GraphQL runs (too large, not JSON, an encoded body) answer in the GraphQL error
 * shape with a stable code, never an HTML page or a stack.
 */
export function graphqlHttpHandler<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: GraphqlHttpOptions<TContext>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(apollo, options, req, res).catch((error: unknown) => {
      const refused =
        error instanceof RequestRefused ? error : new RequestRefused(ApiErrorCode.INTERNAL, 'internal error');
      const errorId = error instanceof RequestRefused ? undefined : logInternalError('POST /graphql', error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const body = JSON.stringify({
        errors: [
          { message: refused.message, extensions: { code: refused.code, ...(errorId ? { errorId } : {}) } },
        ],
      });
      res.writeHead(refused.status, {
        'content-type': 'application/json; charset=utf-8',
        // The rest of an oversized body is not read: the connection cannot carry another request.
        ...(refused.status === 413 ? { connection: 'close' } : {}),
      });
      res.end(body);
    });
  };
}

async function handle<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: GraphqlHttpOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const refusal = options.refuse?.(req);
  if (refusal) {
    req.resume();
    throw new RequestRefused(refusal.code, refusal.message);
  }
  // Who is asking is known from the headers: find out (a database read) while the body arrives and
  // Apollo parses it, not after. A refusal surfaces where Apollo asks for the context.
  const context = options.context(req, res);
  context.catch(() => undefined);
  const query = req.url!.indexOf('?');
  const search = query >= 0 ? req.url!.slice(query) : '';
  const body = req.method === 'POST' ? await readJsonBody(req, options.maxBodyBytes) : undefined;
  // GET's parameters, read once for both checks (POST's search is usually empty).
  const params = search === '' ? undefined : new URLSearchParams(search);
  refusePersistedQuery(body, params);
  refuseDeepNesting(body, params);
  const prepared = await options.prepared?.answer(req.method, req.headers, body, context);
  if (prepared) {
    res.statusCode = prepared.status;
    for (const [name, value] of prepared.headers) res.setHeader(name, value);
    const bytes = utf8Body(prepared.body);
    res.setHeader('content-length', bytes.length);
    res.end(bytes);
    return;
  }
  // Apollo's own request from here: its header map built only now (the prepared path needs none).
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method!.toUpperCase(),
      headers,
      search,
      body,
    },
    context: () => context,
  });
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === 'complete') {
    const body = utf8Body(response.body.string);
    res.setHeader('content-length', body.length);
    res.end(body);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * Automatic persisted queries are not offered (nothing of Recon's sends them): a request carrying
 * the extension, in the body or in GET's `extensions` parameter, is 400 BAD_REQUEST before Apollo
 * reads it. Apollo answered a hash that did not match its query, or another protocol version, as an
 * internal error, logged as one, and stored any document an anonymous caller registered (#17 probe).
 */
function refusePersistedQuery(body: unknown, params: URLSearchParams | undefined): void {
  const extensions = (body as { extensions?: unknown } | undefined)?.extensions;
  const inBody = typeof extensions === 'object' && extensions !== null && 'persistedQuery' in extensions;
  const inQuery = /persistedQuery/.test(params?.get('extensions') ?? '');
  if (inBody || inQuery)
    throw new RequestRefused(
      ApiErrorCode.BAD_REQUEST,
      'persisted queries are not supported: send the query text in `query`',
    );
}

/**
 * A document nested thousands of brackets deep would overflow the recursive parser's stack (#17
 * probe): refused on its text, in the body or in GET's `query` parameter, before anything parses it.
 */
function refuseDeepNesting(body: unknown, params: URLSearchParams | undefined): void {
  const inBody = (body as { query?: unknown } | undefined)?.query;
  const text = typeof inBody === 'string' ? inBody : params?.get('query');
  const refusal = text ? nestingRefusal(text) : undefined;
  if (refusal) throw new RequestRefused(refusal.code, refusal.message);
}

/** Strings up to this many UTF-16 units are encoded into a worst-case buffer in one pass. */
const ONE_PASS_MAX_UNITS = 1 << 20;

/**
 * The answer as UTF-8 bytes. Handed a string, Node's HTTP layer walks it once to count its UTF-8
 * bytes for Content-Length and again to write them, and with any non-Latin-1 character in it (a
 * Chinese customer name) both walks are slow: one write into a buffer of the worst-case size (three
 * bytes per UTF-16 unit) does the work of both in a third of the time.
 */
function utf8Body(text: string): Buffer {
  if (text.length > ONE_PASS_MAX_UNITS) return Buffer.from(text, 'utf8');
  const bytes = Buffer.allocUnsafe(text.length * 3);
  return bytes.subarray(0, bytes.write(text, 'utf8'));
}

/** The parsed JSON body, or undefined when it is not JSON (Apollo then answers 400 itself). */
async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding !== 'identity')
    throw new RequestRefused(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, 'request body encoding not supported');
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) {
    req.resume();
    throw new RequestRefused(ApiErrorCode.PAYLOAD_TOO_LARGE, 'request body too large');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new RequestRefused(ApiErrorCode.PAYLOAD_TOO_LARGE, 'request body too large');
    chunks.push(chunk);
  }
  if (!/^application\/(.+\+)?json\b/i.test(type)) return undefined;
  const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  // Decoding would turn bad bytes into U+FFFD silently, and store that: refused instead.
  if (!isUtf8(bytes)) throw new RequestRefused(ApiErrorCode.BAD_REQUEST, 'request body is not valid UTF-8');
  const text = bytes.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RequestRefused(ApiErrorCode.BAD_REQUEST, 'request body is not valid JSON');
  }
  // As body-parser's strict mode: a GraphQL request is an object (or a batch, an array).
  if (typeof body !== 'object' || body === null)
    throw new RequestRefused(ApiErrorCode.BAD_REQUEST, 'request body is not valid JSON');
  return body;
}
