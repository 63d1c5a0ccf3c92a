import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express from 'express';
import { authenticate, type AuthSecrets } from '../auth/authenticate';
import { AuthError } from '../auth/principal';
import { batchedUserLookup } from '../auth/user-lookup';
import { ApiError, ApiErrorCode, formatApiError } from './api-error';
import { statementUploadRouter } from './imports/upload-statement';
import { reportExportRouter } from './reports/report-export';
import { createLoaders, type ApiContext, type ApiServices } from './context';
import { costLimitPlugin } from './cost-limit';
import { depthLimit } from './depth-limit';
import { graphqlHttpHandler } from './graphql-http';
import {
  customerFieldResolvers,
  domainMutationResolvers,
  domainQueryResolvers,
  domainTypeResolvers,
} from './domain-resolvers';
import { webhookDispatchPlugin } from './webhook-dispatch';
import type { DispatcherOptions } from '../webhooks/dispatcher';
import { importMutationResolvers, importQueryResolvers } from './resolvers/import.resolvers';
import { mutationResolvers } from './resolvers/mutation.resolvers';
import { periodActionResolvers } from './resolvers/period-actions.resolvers';
import { periodLineResolvers } from './resolvers/period-lines.resolvers';
import { approvalQueryResolvers, pendingAdjustmentResolvers } from './resolvers/approval.resolvers';
import {
  dashboardQueryResolvers,
  dashboardResolvers,
  unansweredStatementResolvers,
  workloadResolvers,
} from './resolvers/dashboard.resolvers';
import { periodTimelineResolvers } from './resolvers/period-timeline.resolvers';
import { customerResolvers, periodResolvers } from './resolvers/period.resolvers';
import { queryResolvers } from './resolvers/query.resolvers';
import { taskFieldResolvers, taskMutationResolvers, taskQueryResolvers } from './resolvers/task.resolvers';
import { QueueReader } from '../tasks/queue-reader';
import { loadTypeDefs } from './type-defs';
import { compiledExecutorGateway } from './compiled-executor';
import { DateScalar, DateTimeScalar, DecimalScalar, JsonScalar } from './scalars';

export const MAX_QUERY_DEPTH = 8;

export interface ApiServerOptions extends ApiServices {
  auth: AuthSecrets;
  host: string;
  port: number;
  maxBodyBytes: number;
  /** Largest statement file accepted by POST /imports/statements. */
  maxUploadBytes?: number;
  /** Heads statements, letters and reports. */
  companyName?: string;
  /** Base of the customers' confirmation links. */
  publicUrl?: string;
  /** The webhook dispatcher runs inside the API unless this is false. */
  webhooks?: DispatcherOptions | false;
}

const isGraphqlPath = (url: string | undefined) =>
  url === '/graphql' || url?.startsWith('/graphql?') === true || url?.startsWith('/graphql/') === true;

export interface RunningApi {
  url: string;
  graphqlUrl: string;
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
  },
  Mutation: {
    ...mutationResolvers,
    ...periodActionResolvers,
    ...importMutationResolvers,
    ...taskMutationResolvers,
    ...domainMutationResolvers,
  },
  Period: { ...periodResolvers, ...periodLineResolvers, ...periodTimelineResolvers },
  PendingAdjustment: pendingAdjustmentResolvers,
  Dashboard: dashboardResolvers,
  UnansweredStatement: unansweredStatementResolvers,
  Workload: workloadResolvers,
  Customer: { ...customerResolvers, ...customerFieldResolvers },
  Task: taskFieldResolvers,
  ...domainTypeResolvers,
};

/** Apollo Server 5 on Express 5: /graphql, /health; authentication before any resolver runs. */
export async function startApiServer(options: ApiServerOptions): Promise<RunningApi> {
  const app = express();
  // Express hashes every response body for an ETag; GraphQL POST answers are never revalidated.
  app.set('etag', false);
  const httpServer = http.createServer();
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
  const apollo = new ApolloServer<ApiContext>({
    gateway: compiledExecutorGateway(schema),
    validationRules: [depthLimit(MAX_QUERY_DEPTH)],
    introspection: true,
    // Recon stops the API itself, in order with the worker and the dev server (main/bootstrap.ts).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Recon sets no cache hints; the default plugin wraps every resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      costLimitPlugin(),
      ...(options.webhooks === false ? [] : [webhookDispatchPlugin(options.dataSource, options.webhooks)]),
    ],
    formatError: formatApiError,
  });
  await apollo.start();

  // GraphQL on Node's server directly (graphql-http.ts); everything else through Express.
  // Per process: concurrent requests share their user checks' and queue pages' statements.
  const queueReader = new QueueReader(options.dataSource);
  const users = batchedUserLookup(options.dataSource);
  const graphql = graphqlHttpHandler(apollo, {
    maxBodyBytes: options.maxBodyBytes,
    context: async (req) => {
      try {
        const principal = await authenticate(
          options.dataSource,
          options.auth,
          req.headers.authorization,
          users,
        );
        return { ...options, principal, queueReader, loaders: createLoaders(options.dataSource) };
      } catch (error) {
        if (error instanceof AuthError) throw new ApiError(ApiErrorCode.UNAUTHENTICATED, error.message);
        throw error;
      }
    },
  });
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) =>
    isGraphqlPath(req.url) ? graphql(req, res) : app(req, res),
  );

  app.get('/health', async (_req, res) => {
    const database = await options.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    const temporal = await options.temporalHealthy().catch(() => false);
    res.status(database && temporal ? 200 : 503).json({ ok: database && temporal, database, temporal });
  });

  app.use(
    reportExportRouter({
      dataSource: options.dataSource,
      auth: options.auth,
      companyName: options.companyName ?? '本公司 Our Company',
      publicUrl: options.publicUrl ?? 'http://localhost:4000',
    }),
  );

  if (options.importPool) {
    app.use(
      statementUploadRouter({
        dataSource: options.dataSource,
        importPool: options.importPool,
        auth: options.auth,
        maxFileBytes: options.maxUploadBytes ?? 50 * 1024 * 1024,
      }),
    );
  }

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
    stop: async () => {
      await apollo.stop();
    },
  };
}
