import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express from 'express';
import { MaxIntrospectionDepthRule } from 'graphql';
import path from 'node:path';
import type { AuthSecrets } from '../auth/authenticate';
import { AuthError } from '../auth/principal';
import { batchedUserLookup } from '../auth/user-lookup';
import { sessionLookup } from '../auth/sessions';
import { DEFAULT_TWO_FACTOR_ROLES } from '../auth/two-factor-roles';
import { PROJECT_ROOT } from '../config/paths';
import { ApiError, ApiErrorCode, formatApiError } from './api-error';
import { RequestAuthenticator } from './http/request-auth';
import { CREDIT_CHECK_PATH, creditCheckRoute } from './http/credit-check-route';
import { expressRoutes } from './http/route-list';
import { setBaseSecurityHeaders } from './http/security-headers';
import { clientAddress } from './http/client-address';
import { LoginThrottle } from '../users/login-throttle';
import { loadWebApp } from './web-app/web-app';
import { loadGraphiqlPage } from './web-app/graphiql-page';
import { customerUploadRouter } from './imports/customer-upload';
import { statementUploadRouter } from './imports/upload-statement';
import { shortLinkRouter } from './http/short-link';
import { UploadSlots, type UploadLimits } from './imports/upload-slots';
import { reportExportRouter } from './reports/report-export';
import { createLoaders, type ApiContext, type ApiServices } from './context';
import { aliasLimit, MAX_ALIASES } from './alias-limit';
import { canonicalIdsCheck } from './canonical-ids';
import { cleanTextCheck } from './clean-text';
import { ANONYMOUS_MAX_COST, costLimitCheck, MAX_QUERY_COST } from './cost-limit';
import { allChecks, operationChecksPlugin } from './operation-checks';
import { cachedHealthCheck } from './health';
import { logInternalError } from './internal-errors';
import { currentRequestId } from '../observability/request-context';
import { graphqlPrepared } from '../observability/metrics';
import { depthLimit } from './depth-limit';
import {
  apolloPlugins,
  CompiledOperations,
  compiledExecutorGateway,
  graphqlHttpHandler,
  PreparedPath,
  preparedPathAllowed,
} from './execution';
import {
  customerFieldResolvers,
  domainMutationResolvers,
  domainQueryResolvers,
  domainTypeResolvers,
} from './domain-resolvers';
import { webhookDispatchPlugin } from './webhook-dispatch';
import { graphqlMetricsPlugin, recordGraphqlOperation } from './metrics/graphql-metrics-plugin';
import { measureRequest, withRequestId } from './http/request-id';
import type { DispatcherOptions } from '../webhooks/dispatcher';
import { importMutationResolvers, importQueryResolvers } from './graphql/import/import.resolvers';
import { mutationResolvers } from './graphql/period/period-mutation.resolvers';
import { periodActionResolvers } from './graphql/period/period-actions.resolvers';
import { periodLineResolvers } from './graphql/period/period-lines.resolvers';
import { approvalQueryResolvers, pendingAdjustmentResolvers } from './graphql/approval/approval.resolvers';
import {
  dashboardQueryResolvers,
  dashboardResolvers,
  unansweredStatementResolvers,
  workloadResolvers,
} from './graphql/dashboard/dashboard.resolvers';
import { periodTimelineResolvers } from './graphql/period/period-timeline.resolvers';
import { periodVersionResolvers } from './graphql/period/period-version.resolvers';
import { customerResolvers, periodResolvers } from './graphql/period/period.resolvers';
import { queryResolvers } from './graphql/period/period-query.resolvers';
import { customerStatementQueryResolvers } from './graphql/customer-statement/customer-statement.resolvers';
import { customerLinkGateCheck } from './customer-link-gate';
import { taskFieldResolvers, taskMutationResolvers, taskQueryResolvers } from './graphql/task/task.resolvers';
import { subscriptionResolvers } from './graphql/subscription/subscription.resolvers';
import { attachLiveServer } from './subscriptions/ws-server';
import type { AuditTailOptions } from '../audit/audit-tail';
import { QueueReader } from '../tasks/queue-reader';
import { loadTypeDefs } from './type-defs';
import { DateScalar, DateTimeScalar, DecimalScalar, describeScalarsFromSdl, JsonScalar } from './scalars';

export const MAX_QUERY_DEPTH = 8;
/** The standard introspection query is ~250 tokens, the web app's largest operation a few hundred. */
export const MAX_QUERY_TOKENS = 5_000;

export interface ApiServerOptions extends ApiServices {
  auth: AuthSecrets;
  host: string;
  port: number;
  maxBodyBytes: number;
  /** Largest statement file accepted by POST /imports/statements. */
  maxUploadBytes?: number;
  /** A customer's statement file with their link (default CUSTOMER_UPLOAD_MAX_BYTES). */
  maxCustomerUploadBytes?: number;
  /** Where uploads are streamed while being read (default `<tmp>/recon-uploads`). */
  uploadDir?: string;
  /** Uploads received at once per process and per caller, and their temporary bytes (UPLOAD_*). */
  uploadLimits?: UploadLimits;
  /** GET /c/:code lookups per client address per minute (default 20; tests lower it). */
  shortLinkLookupsPerMinute?: number;
  /** Heads statements, letters and reports. */
  companyName?: string;
  /** Base of the customers' confirmation links. */
  publicUrl?: string;
  /** The webhook dispatcher runs inside the API unless this is false. */
  webhooks?: DispatcherOptions | false;
  /** Whether `__schema` / `__type` answer (default true; GRAPHQL_INTROSPECTION=false in production). */
  introspection?: boolean;
  /** Whether `GET /graphql` from a browser shows the bundled GraphiQL (GRAPHIQL; off unless set). */
  graphiql?: boolean;
  /** The built web app served at `/` (default web/dist); false: none. */
  webRoot?: string | false;
  /** How the live subscriptions follow the audit log (tests poll faster). */
  liveEvents?: AuditTailOptions;
  /** AUTH_CACHE_MS: how long credentials are remembered (RequestAuthOptions.cacheMs); absent: not at all. */
  authCacheMs?: number;
}

/** Where `npm run build` puts the web app. */
export const WEB_APP_ROOT = path.join(PROJECT_ROOT, 'web', 'dist');

const isGraphqlPath = (url: string | undefined) =>
  url === '/graphql' || url?.startsWith('/graphql?') === true || url?.startsWith('/graphql/') === true;

const WEB_APP_MISSING =
  "Recon's web app is not built here: run `npm run build` (GraphQL answers at /graphql).\n";

/** How long an idle keep-alive connection stays open: longer than any proxy in front keeps its own. */
export const KEEP_ALIVE_MS = 65_000;

export interface RunningApi {
  url: string;
  graphqlUrl: string;
  /**
   * Every route this process answers on its port, "METHOD /path": the HTTP server's own (GraphQL,
   * the credit check, GraphQL's WebSocket), Express's, and the web app's pages and assets.
   */
  routes: readonly string[];
  stop(): Promise<void>;
}

export const resolvers = {
  Decimal: DecimalScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JsonScalar,
  Query: {
    ...queryResolvers,
    ...importQueryResolvers,
    ...taskQueryResolvers,
    ...domainQueryResolvers,
    ...approvalQueryResolvers,
    ...dashboardQueryResolvers,
    ...customerStatementQueryResolvers,
  },
  Mutation: {
    ...mutationResolvers,
    ...periodActionResolvers,
    ...importMutationResolvers,
    ...taskMutationResolvers,
    ...domainMutationResolvers,
  },
  Subscription: subscriptionResolvers,
  Period: {
    ...periodResolvers,
    ...periodLineResolvers,
    ...periodTimelineResolvers,
    ...periodVersionResolvers,
  },
  PendingAdjustment: pendingAdjustmentResolvers,
  Dashboard: dashboardResolvers,
  UnansweredStatement: unansweredStatementResolvers,
  Workload: workloadResolvers,
  Customer: { ...customerResolvers, ...customerFieldResolvers },
  Task: taskFieldResolvers,
  ...domainTypeResolvers,
};

/**
 * Apollo Server 5 on Express 5: /graphql, /health, reports, uploads and the web app at `/`;
 * authentication before any resolver runs.
 */
export async function startApiServer(options: ApiServerOptions): Promise<RunningApi> {
  const app = express();
  // Express hashes every response body for an ETag; GraphQL POST answers are never revalidated.
  app.set('etag', false);
  app.disable('x-powered-by');
  const httpServer = http.createServer();
  // Idle keep-alive connections outlive a proxy's (load balancers keep them 60 s): Node's 5 s default
  // closes them under the proxy, whose next request on one then fails (502, ECONNRESET).
  httpServer.keepAliveTimeout = KEEP_ALIVE_MS;
  httpServer.headersTimeout = KEEP_ALIVE_MS + 1_000;
  const schema = describeScalarsFromSdl(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }));
  const operations = new CompiledOperations(schema);
  // What is checked before an operation runs, in this order; the first refusal answers. The same
  // function runs in Apollo's pipeline (a plugin) and on the prepared path.
  const checkOperation = allChecks<ApiContext>([
    customerLinkGateCheck,
    canonicalIdsCheck,
    cleanTextCheck,
    costLimitCheck<ApiContext>({
      maxCost: MAX_QUERY_COST,
      anonymousMaxCost: ANONYMOUS_MAX_COST,
      isAnonymous: (context) => !context.principal,
    }),
  ]);
  const checksPlugin = operationChecksPlugin<ApiContext>(checkOperation);
  const metricsPlugin = graphqlMetricsPlugin<ApiContext>();
  const prepared = new PreparedPath<ApiContext>({
    operations,
    checkOperation,
    answered: (operation, errors, seconds) => {
      graphqlPrepared.inc();
      recordGraphqlOperation(operation, undefined, errors, seconds);
    },
    formatError: formatApiError,
  });
  const preparedPlugin = prepared.plugin();
  const apollo = new ApolloServer<ApiContext>({
    gateway: compiledExecutorGateway(schema, operations),
    // A document is tokenised before anything else looks at it: a cap here bounds every later pass.
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    validationRules: [depthLimit(MAX_QUERY_DEPTH), aliasLimit(MAX_ALIASES), MaxIntrospectionDepthRule],
    introspection: options.introspection ?? true,
    // Nothing of Recon's sends persisted queries; graphql-http.ts refuses the extension up front.
    persistedQueries: false,
    // Recon stops the API itself, in order with the worker and the dev server (main/bootstrap.ts).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Recon sets no cache hints; the default plugin wraps every resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads its sandbox from the internet: Recon serves GraphiQL itself.
      ApolloServerPluginLandingPageDisabled(),
      // Inline traces are for federated subgraphs, which Recon's schema is not (a hook per request).
      ApolloServerPluginInlineTraceDisabled(),
      metricsPlugin,
      checksPlugin,
      preparedPlugin,
      ...(options.webhooks === false
        ? []
        : [
            webhookDispatchPlugin(options.dataSource, {
              ...options.webhooks,
              allowPrivateHosts: options.webhookAllowPrivateHosts ?? [],
            }),
          ]),
    ],
    formatError: formatApiError,
  });
  await apollo.start();
  // The prepared path does the work of these three plugins only: any other per-request plugin
  // (one added here, or one Apollo adds by its defaults) turns it off.
  prepared.enabled = preparedPathAllowed(apolloPlugins(apollo), [
    metricsPlugin,
    checksPlugin,
    preparedPlugin,
  ]);

  // GraphQL on Node's server directly (graphql-http.ts); everything else through Express.
  // Per process: concurrent requests share their user checks' and queue pages' statements.
  const queueReader = new QueueReader(options.dataSource);
  const health = cachedHealthCheck(options.dataSource, options.temporalHealthy);
  const requestAuth = new RequestAuthenticator({
    dataSource: options.dataSource,
    auth: options.auth,
    publicUrl: options.publicUrl,
    // The roles that must enrol are read with every standing and session (not only at sign-in).
    users: batchedUserLookup(options.dataSource, options.twoFactorRoles ?? DEFAULT_TWO_FACTOR_ROLES),
    sessions: sessionLookup(options.dataSource, options.twoFactorRoles ?? DEFAULT_TWO_FACTOR_ROLES),
    cacheMs: options.authCacheMs,
  });
  const forgetCredentials = () => requestAuth.forgetCredentials();
  // An ERP's order entry asks for every order line: on Node's server directly, as /graphql is.
  const creditCheckHttp = creditCheckRoute({ dataSource: options.dataSource, requestAuth });
  const loginThrottle = new LoginThrottle(options.dataSource, options.loginThrottleSettings);
  const processContext: Omit<ApiContext, 'principal' | 'clientAddress' | 'loaders' | 'browser'> = {
    ...options,
    forgetCredentials,
    queueReader,
    health,
    loginThrottle,
  };
  const graphql = graphqlHttpHandler(apollo, {
    maxBodyBytes: options.maxBodyBytes,
    prepared,
    refuse: (req) => requestAuth.refuseCrossSite(req),
    context: async (req, res) => {
      try {
        const auth = await requestAuth.authenticate(req);
        // The request's own parts over the process's shared ones (a prototype): Apollo clones the
        // context for every operation, copying its own properties only, and the services and
        // options were two dozen of them copied twice a request (~4% of the API's CPU per check).
        const context: ApiContext = Object.create(processContext) as ApiContext;
        context.principal = auth.principal;
        context.clientAddress = clientAddress(req, options.trustProxyHops ?? 0);
        context.loaders = createLoaders(options.dataSource);
        context.browser = {
          auth,
          cookie: requestAuth.cookie,
          setCookie: (value: string) => res.appendHeader('Set-Cookie', value),
        };
        return context;
      } catch (error) {
        // Apollo answers a failed context with HTTP 500 unless the error names its status.
        if (error instanceof AuthError)
          throw new ApiError(ApiErrorCode.UNAUTHENTICATED, error.message, {
            http: { status: 401 },
            ...(error.problems.length ? { problems: error.problems } : {}),
          });
        throw error;
      }
    },
  });
  const stopLive = attachLiveServer(httpServer, {
    schema,
    services: options,
    requestAuth,
    shared: { queueReader, health, loginThrottle, clientAddress: null },
    maxQueryDepth: MAX_QUERY_DEPTH,
    maxQueryTokens: MAX_QUERY_TOKENS,
    tail: options.liveEvents,
  });
  const https = requestAuth.cookie.secure;
  const graphiql =
    options.graphiql && options.webRoot !== false
      ? loadGraphiqlPage(options.webRoot ?? WEB_APP_ROOT)
      : undefined;
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) =>
    withRequestId(req, res, () => {
      measureRequest(req, res);
      setBaseSecurityHeaders(res, https);
      if (req.url === CREDIT_CHECK_PATH) creditCheckHttp(req, res);
      else if (isGraphqlPath(req.url)) {
        if (graphiql?.wants(req)) graphiql.serve(req, res);
        else graphql(req, res);
      } else app(req, res);
    }),
  );

  app.get('/health', async (_req, res) => {
    const answer = await health();
    res.status(answer.ok ? 200 : 503).json(answer);
  });

  app.use(
    shortLinkRouter({
      dataSource: options.dataSource,
      linkSecret: options.auth.linkSecret,
      trustProxyHops: options.trustProxyHops ?? 0,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      ...(options.shortLinkLookupsPerMinute ? { lookupsPerMinute: options.shortLinkLookupsPerMinute } : {}),
    }),
  );

  app.use(
    reportExportRouter({
      dataSource: options.dataSource,
      companyName: options.companyName ?? '本公司 Our Company',
      requestAuth,
    }),
  );

  if (options.importPool) {
    const slots = new UploadSlots(options.uploadLimits);
    app.use(
      statementUploadRouter({
        dataSource: options.dataSource,
        importPool: options.importPool,
        auth: options.auth,
        maxFileBytes: options.maxUploadBytes ?? 50 * 1024 * 1024,
        requestAuth,
        slots,
        ...(options.uploadDir ? { uploadDir: options.uploadDir } : {}),
      }),
    );
    app.use(
      customerUploadRouter({
        dataSource: options.dataSource,
        importPool: options.importPool,
        requestAuth,
        maxFileBytes: options.maxCustomerUploadBytes,
        slots,
        ...(options.uploadDir ? { uploadDir: options.uploadDir } : {}),
      }),
    );
  }

  const webApp = options.webRoot === false ? undefined : loadWebApp(options.webRoot ?? WEB_APP_ROOT);
  if (webApp) app.use((req, res, next) => (webApp.handle(req, res) ? undefined : next()));
  else app.get('/', (_req, res) => res.status(404).type('text/plain').send(WEB_APP_MISSING));
  // Anything else: a JSON 404, and errors without a stack or an HTML page.
  app.use((_req, res) => {
    res.status(404).json({ error: { code: ApiErrorCode.NOT_FOUND, message: 'no such route' } });
  });
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'BAD_REQUEST', message: 'bad request' } });
      return;
    }
    const errorId = logInternalError(`${_req.method} ${_req.path}`, error);
    const requestId = currentRequestId();
    res
      .status(500)
      .json({ error: { code: ApiErrorCode.INTERNAL, message: 'internal error', errorId, requestId } });
  });

  await new Promise<void>((resolve, reject) => {
    // A port in use must fail the start-up with its reason, not crash the process later.
    const refused = (error: Error) =>
      reject(new Error(`cannot listen on ${options.host}:${options.port}: ${error.message}`));
    httpServer.once('error', refused);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', refused);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await apollo.stop();
    throw error;
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    routes: [
      `POST ${CREDIT_CHECK_PATH}`,
      'GET /graphql',
      'POST /graphql',
      'GET /graphql (WebSocket)',
      ...expressRoutes(app),
      ...(webApp ? ['GET /* (web app)'] : []),
    ],
    stop: async () => {
      // Open sockets would keep the HTTP server from closing: they go first.
      await stopLive();
      await apollo.stop();
    },
  };
}
