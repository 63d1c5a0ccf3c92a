import { DunningLookPoller } from '../collections/dunning-looks';
import { DunningStarter } from '../collections/dunning-starter';
import cluster from 'node:cluster';
import path from 'node:path';
import type { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createImportPool } from '../api/imports/import-pool';
import { startApiServer, type RunningApi } from '../api/server';
import { ConfigError } from '../config/config-error';
import { devSecretsInUse, loadConfig, type ReconConfig } from '../config/config';
import { useAuditAnchor } from '../audit/chain-key';
import { AuditCheckpointer } from '../audit/checkpoints';
import { prepareDatabase } from '../db/prepare-database';
import { OutboxTransport } from '../notifications/outbox-transport';
import { SmtpTransport } from '../notifications/smtp-transport';
import { PeriodService } from '../periods/period.service';
import {
  ensureBackupSchedule,
  ensureCreditScoringSchedule,
  ensureDunningSchedule,
  ensureMonthlySchedule,
} from '../temporal/schedules';
import { reconVersion } from '../config/version';
import { openTemporal, type TemporalRuntime } from '../temporal/temporal-runtime';
import { createReconWorker } from '../worker/create-worker';
import { registerDomainGauges } from '../api/metrics/domain-gauges';
import {
  shareMetricsWithSupervisor,
  startMetricsServer,
  type MetricsServer,
} from '../api/metrics/metrics-server';
import { configureLogging, createLogger } from '../observability/logger';
import { DEFAULT_TWO_FACTOR_ROLES } from '../users/two-factor-policy';
import { registry } from '../observability/metrics';

const log = createLogger('recon');

export interface ReconProcess {
  config: ReconConfig;
  dataSource: DataSource;
  temporal: TemporalRuntime;
  periods: PeriodService;
  api: RunningApi | undefined;
  worker: Worker | undefined;
  /** The /metrics admin endpoint, when METRICS_PORT is set. */
  metrics: MetricsServer | undefined;
  stop(): Promise<void>;
}

export interface BootOptions {
  api: boolean;
  worker: boolean;
  config?: ReconConfig;
}

/**
 * Starts what this process runs: the database (created and migrated), Temporal (a dev server
 * when TEMPORAL_ADDRESS is unset), and the worker and/or the API.
 */
export async function bootRecon(options: BootOptions): Promise<ReconProcess> {
  const config = options.config ?? loadConfig();
  if (!config.temporal.address && !(options.api && options.worker)) {
    throw new ConfigError(
      'TEMPORAL_ADDRESS',
      'must be set when the API and the worker run as separate processes (they must share one Temporal server)',
    );
  }
  configureLogging({ level: config.observability.logLevel, format: config.observability.logFormat });
  warnOfDevSecrets(config);
  useAuditAnchor(config.audit);
  const dataSource = await prepareDatabase(config.database);
  let temporal: TemporalRuntime | undefined;
  const stops: Array<() => Promise<void>> = [() => dataSource.destroy()];
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((error: unknown) => log.error('shutdown step failed', { error }));
  };
  try {
    temporal = await openTemporal(config);
    stops.push(() => temporal!.close());
    const periods = new PeriodService(dataSource, temporal.client, config.temporal.taskQueue);

    let worker: Worker | undefined;
    if (options.worker) {
      const created = await createReconWorker({
        address: temporal.address,
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
        deps: {
          dataSource,
          transport: config.mail.smtpUrl
            ? new SmtpTransport(config.mail.smtpUrl, config.mail.from)
            : new OutboxTransport(path.join(config.dataDir, 'outbox')),
          customerLinks: {
            secret: config.auth.linkSecret,
            publicUrl: config.publicUrl,
            ttlSeconds: 30 * 24 * 3600,
          },
          companyName: config.companyName,
          companyContact: config.mail.from,
          backups: {
            dir: config.backup.dir,
            db: config.database,
            keepDaily: config.backup.keepDaily,
            keepMonthly: config.backup.keepMonthly,
            reconVersion: reconVersion(),
          },
        },
      });
      await ensureMonthlySchedule(temporal.client, config.temporal.taskQueue);
      await ensureBackupSchedule(temporal.client, config.temporal.taskQueue, config.backup.schedule);
      await ensureCreditScoringSchedule(temporal.client, config.temporal.taskQueue);
      await ensureDunningSchedule(temporal.client, config.temporal.taskQueue);
      worker = created.worker;
      // The worker process keeps the data folder, so it anchors the audit chain's head there.
      const checkpointer = new AuditCheckpointer(dataSource, {
        file: config.audit.checkpointFile,
        key: config.audit.chainKey,
        every: config.audit.checkpointEvery,
      });
      checkpointer.start();
      stops.push(() => checkpointer.stop());
      // Payments written without a Temporal client (the CLI's import, SQL) reach dunning from here.
      const looks = new DunningLookPoller(
        dataSource,
        new DunningStarter(temporal.client, config.temporal.taskQueue),
        config.dunningLookPollMs,
      );
      looks.start();
      stops.push(() => looks.stop());
      const running = worker.run();
      stops.push(async () => {
        worker!.shutdown();
        await running;
        await created.connection.close();
      });
    }

    let api: RunningApi | undefined;
    if (options.api) {
      const client = temporal.client;
      const importPool = createImportPool(config.database);
      stops.push(() => importPool.end());
      api = await startApiServer({
        dataSource,
        periods,
        temporalHealthy: async () => {
          await client.connection.workflowService.getSystemInfo({});
          return true;
        },
        auth: {
          tokenSecret: config.auth.tokenSecret,
          linkSecret: config.auth.linkSecret,
          tokenTtlSeconds: config.auth.tokenTtlSeconds,
        },
        host: config.http.host,
        port: config.http.port,
        maxBodyBytes: config.http.maxBodyBytes,
        maxUploadBytes: config.http.maxUploadBytes,
        uploadLimits: config.http.uploads,
        introspection: config.http.introspection,
        graphiql: config.http.graphiql,
        importPool,
        companyName: config.companyName,
        publicUrl: config.publicUrl,
        webhookAllowPrivateHosts: config.webhookAllowPrivateHosts,
        loginThrottleSettings: config.login,
        trustProxyHops: config.http.trustProxyHops,
        authCacheMs: config.auth.cacheMs,
        // The roles that must use two-factor sign-in: Recon's default (managers and admins) until
        // an admin sets them (setTwoFactorRequiredRoles).
        twoFactorRoles: DEFAULT_TWO_FACTOR_ROLES,
      });
      stops.push(() => api!.stop());
    }
    const metrics = await startProcessMetrics(config, dataSource);
    if (metrics) stops.push(() => metrics.stop());
    return { config, dataSource, temporal, periods, api, worker, metrics, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The database's gauges join this process's registry; the process serves /metrics itself unless it
 * is one API process of a cluster, whose supervisor serves the sum (main/api-cluster.ts).
 */
async function startProcessMetrics(
  config: ReconConfig,
  dataSource: DataSource,
): Promise<MetricsServer | undefined> {
  if (!config.observability.metrics) return undefined;
  registerDomainGauges(registry, dataSource);
  if (cluster.isWorker) {
    shareMetricsWithSupervisor();
    return undefined;
  }
  const server = await startMetricsServer(config.observability.metrics);
  log.info(`metrics at ${server.url}`);
  return server;
}

/** Development secrets are public: say so at start-up, naming them (production refuses them). */
function warnOfDevSecrets(config: ReconConfig): void {
  const names = devSecretsInUse();
  if (names.length === 0 || config.env === 'production') return;
  log.warn(
    `${names.join(', ')} not set: using the built-in development value${names.length > 1 ? 's' : ''}; set ${names.length > 1 ? 'them' : 'it'} before anyone else can reach Recon`,
  );
}

/** Runs until SIGINT/SIGTERM, then stops everything it started (the dev server included). */
export function stopOnSignals(recon: ReconProcess): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Recon…`);
    recon.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('stopping failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Start-up failures print one clear line (config, database, Temporal) and exit non-zero. */
export function exitOnStartupError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Recon could not start: ${message}`);
  process.exit(1);
}
