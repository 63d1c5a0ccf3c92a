import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { authenticate, type AuthSecrets } from '../auth/authenticate';
import { AuthError } from '../auth/principal';
import { ApiError, ApiErrorCode, formatApiError } from './api-error';
import { statementUploadRouter } from './imports/upload-statement';
import { reportExportRouter } from './reports/report-export';
import { createLoaders, type ApiContext, type ApiServices } from './context';
import { costLimitPlugin } from './cost-limit';
import { depthLimit } from './depth-limit';
import { graphqlHttpErrors } from './http-errors';
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
import { customerResolvers, periodResolvers } from './resolvers/period.resolvers';
import { queryResolvers } from './resolvers/query.resolvers';
import { taskFieldResolvers, taskMutationResolvers, taskQueryResolvers } from './resolvers/task.resolvers';
import { loadTypeDefs } from './type-defs';
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
  Query: { ...queryResolvers, ...importQueryResolvers, ...taskQueryResolvers, ...domainQueryResolvers },
  Mutation: {
    ...mutationResolvers,
    ...periodActionResolvers,
    ...importMutationResolvers,
    ...taskMutationResolvers,
    ...domainMutationResolvers,
  },
  Period: periodResolvers,
  Customer: { ...customerResolvers, ...customerFieldResolvers },
  Task: taskFieldResolvers,
  ...domainTypeResolvers,
};

/** Apollo Server 5 on Express 5: /graphql, /health; authentication before any resolver runs. */
export async function startApiServer(options: ApiServerOptions): Promise<RunningApi> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<ApiContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
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

  app.use(
    '/graphql',
    express.json({ limit: options.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const principal = await authenticate(options.dataSource, options.auth, req.headers.authorization);
          return { ...options, principal, loaders: createLoaders(options.dataSource) };
        } catch (error) {
          if (error instanceof AuthError) throw new ApiError(ApiErrorCode.UNAUTHENTICATED, error.message);
          throw error;
        }
      },
    }),
    graphqlHttpErrors,
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
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
