import { nestingRefusal } from '../nesting-limit';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  MaxIntrospectionDepthRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthSecrets } from '../../auth/authenticate';
import { AuditTail, type AuditTailOptions } from '../../audit/audit-tail';
import type { Principal } from '../../auth/principal';
import { formatApiError } from '../api-error';
import { aliasLimit, MAX_ALIASES } from '../alias-limit';
import { createLoaders, type ApiContext, type ApiServices } from '../context';
import { estimateCost, MAX_QUERY_COST } from '../cost-limit';
import { depthLimit } from '../depth-limit';
import { ApiErrorCode } from '../error-codes';
import type { RequestAuthenticator } from '../http/request-auth';
import { crossSite } from '../http/same-origin';
import type { LiveContext } from '../graphql/subscription/subscription.resolvers';
import { createLogger } from '../../observability/logger';

const log = createLogger('live');

/** The limits of the WebSocket endpoint (the schema's description states them). */
export const LIVE_LIMITS = {
  connectionsPerPrincipal: 8,
  subscriptionsPerConnection: 20,
  maxMessageBytes: 64 * 1024,
};

export interface LiveServerOptions {
  schema: GraphQLSchema;
  services: ApiServices & { auth: AuthSecrets };
  requestAuth: RequestAuthenticator;
  /** What every operation's context shares within the process. */
  shared: Pick<ApiContext, 'queueReader' | 'health' | 'loginThrottle' | 'clientAddress'>;
  maxQueryDepth: number;
  /** The tokens a document may have (POST /graphql's parse limit). */
  maxQueryTokens: number;
  tail?: AuditTailOptions;
}

/** A closed socket's code and reason (graphql-ws's codes where it has one). */
const TOO_MANY_CONNECTIONS = { code: 4429, reason: 'too many connections for this user or key' };
/** A customer's link answers the statement over HTTP; the live events are staff's and integrators'. */
const NOT_FOR_CUSTOMER_LINKS = {
  code: CloseCode.Forbidden,
  reason: 'Forbidden: customer links do not follow live events',
};

const principalKey = (principal: Principal) => {
  switch (principal.kind) {
    case 'user':
      return `user:${principal.userId}`;
    case 'apiKey':
      return `api-key:${principal.apiKeyId}`;
    case 'customer':
      return `customer:${principal.customerCode}:${principal.periodId}`;
  }
};

interface Connection {
  principal: Principal;
  key: string;
  principalNow(): Promise<Principal | null>;
}

const refusal = (code: ApiErrorCode, message: string) => new GraphQLError(message, { extensions: { code } });

/**
 * GraphQL subscriptions over WebSocket (graphql-ws) on the API's own server and port, at /graphql.
 * The upgrade of a browser (it carries the session cookie) is accepted only from a page of this
 * origin (Origin checked: a WebSocket is not bound by CORS, so another site's page could open one
 * with the user's cookie otherwise). Integrators authenticate with connectionParams.authorization.
 * Only subscriptions run here; every event goes through the resolvers' per-event checks.
 */
export function attachLiveServer(httpServer: Server, options: LiveServerOptions): () => Promise<void> {
  const tail = new AuditTail(options.services.dataSource, options.tail);
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIVE_LIMITS.maxMessageBytes });
  const openPerPrincipal = new Map<string, number>();
  // The limits of POST /graphql (server.ts): a subscription's document is checked as a query's is.
  const rules = [
    ...specifiedRules,
    depthLimit(options.maxQueryDepth),
    aliasLimit(MAX_ALIASES),
    MaxIntrospectionDepthRule,
  ];

  const authenticateConnection = async (
    request: IncomingMessage,
    params: Record<string, unknown> | undefined,
  ): Promise<Connection['principalNow']> => {
    const header = params?.authorization ?? params?.Authorization;
    if (typeof header === 'string') {
      return () => options.requestAuth.fromHeader(header).catch(() => null);
    }
    return () => options.requestAuth.authenticate(request).then((auth) => auth.principal);
  };

  useServer<Record<string, unknown> | undefined, { connection?: Connection }>(
    {
      onConnect: async (ctx) => {
        const request = ctx.extra.request;
        const principalNow = await authenticateConnection(request, ctx.connectionParams);
        const principal = await principalNow().catch(() => null);
        if (!principal) {
          ctx.extra.socket.close(
            CloseCode.Unauthorized,
            'Unauthorized: sign in, or send connectionParams.authorization',
          );
          return false;
        }
        if (principal.kind === 'customer') {
          ctx.extra.socket.close(NOT_FOR_CUSTOMER_LINKS.code, NOT_FOR_CUSTOMER_LINKS.reason);
          return false;
        }
        const key = principalKey(principal);
        const open = openPerPrincipal.get(key) ?? 0;
        if (open >= LIVE_LIMITS.connectionsPerPrincipal) {
          ctx.extra.socket.close(TOO_MANY_CONNECTIONS.code, TOO_MANY_CONNECTIONS.reason);
          return false;
        }
        openPerPrincipal.set(key, open + 1);
        ctx.extra.connection = { principal, key, principalNow };
        return true;
      },
      onClose: (ctx) => {
        const connection = ctx.extra.connection;
        if (!connection) return;
        const open = (openPerPrincipal.get(connection.key) ?? 1) - 1;
        if (open > 0) openPerPrincipal.set(connection.key, open);
        else openPerPrincipal.delete(connection.key);
      },
      onSubscribe: (ctx, _id, payload) => {
        const connection = ctx.extra.connection!;
        if (Object.keys(ctx.subscriptions).length > LIVE_LIMITS.subscriptionsPerConnection)
          // A limit, not a permission: the code says so, and which limit (#17 probe: was FORBIDDEN).
          return [
            refusal(
              ApiErrorCode.TOO_MANY_SUBSCRIPTIONS,
              `at most ${LIVE_LIMITS.subscriptionsPerConnection} subscriptions per connection: end one, or open another connection`,
            ),
          ];
        const tooDeep = nestingRefusal(payload.query);
        if (tooDeep) return [refusal(tooDeep.code, tooDeep.message)];
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: options.maxQueryTokens });
        } catch (error) {
          return [refusal(ApiErrorCode.GRAPHQL_PARSE_FAILED, (error as Error).message)];
        }
        const errors = validate(options.schema, document, rules);
        if (errors.length)
          return errors.map((error) =>
            error.extensions?.code ? error : refusal(ApiErrorCode.GRAPHQL_VALIDATION_FAILED, error.message),
          );
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription')
          return [
            refusal(
              ApiErrorCode.BAD_REQUEST,
              'only subscriptions travel over the WebSocket: send queries and mutations to POST /graphql',
            ),
          ];
        const fragments = document.definitions.filter(
          (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
        );
        const cost = estimateCost(options.schema, operation, fragments, payload.variables ?? {});
        if (cost > MAX_QUERY_COST)
          return [
            refusal(
              ApiErrorCode.QUERY_TOO_COSTLY,
              `query cost ${cost} exceeds the limit of ${MAX_QUERY_COST}; ask for fewer items`,
            ),
          ];
        const contextValue: LiveContext = {
          ...options.services,
          principal: connection.principal,
          ...options.shared,
          loaders: createLoaders(options.services.dataSource),
          live: { tail, principalNow: connection.principalNow },
        };
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((error) => formatApiError(error.toJSON(), error)) }
          : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatApiError(error.toJSON(), error)),
    },
    wss,
  );

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = request.url?.split('?')[0];
    if (path !== '/graphql') return rejectUpgrade(socket, 404, 'Not Found');
    // A browser always sends Origin with a WebSocket: a cookie only counts from our own pages.
    if (request.headers.cookie && crossSite(request, options.requestAuth.publicOrigin))
      return rejectUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(request, socket, head, (ws) => {
      quietProtocolErrors(ws);
      wss.emit('connection', ws, request);
    });
  });

  return async () => {
    for (const client of wss.clients) client.close(1001, 'server stopping');
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await tail.stop();
  };
}

/**
 * A frame the client got wrong (over maxMessageBytes, text that is not UTF-8, a bad opcode or
 * close code): `ws` has already closed the socket with the protocol's code (1009, 1007, 1002…) and
 * then emits 'error', which graphql-ws prints with console.error and its stack as an internal
 * error. It is the client's fault: one log line with its code, and graphql-ws never sees it.
 */
function quietProtocolErrors(ws: WebSocket): void {
  const emit = ws.emit.bind(ws);
  ws.emit = ((event: string | symbol, ...args: unknown[]) => {
    const error = args[0] as { code?: unknown; message?: unknown } | undefined;
    if (event === 'error' && typeof error?.code === 'string' && error.code.startsWith('WS_ERR_')) {
      log.warn(`WebSocket closed: the client sent a frame refused with ${error.code}`, {
        code: error.code,
        reason: String(error.message),
      });
      return true;
    }
    return emit(event, ...args);
  }) as WebSocket['emit'];
}

function rejectUpgrade(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
