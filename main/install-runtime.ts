import { Runtime, type LogLevel } from '@temporalio/worker';
import { sdkLogger } from './sdk-logger';

/**
 * Recon handles SIGINT/SIGTERM itself (API, worker, dev server, database, in that order); Temporal's
 * runtime would otherwise shut the workers down underneath us on the same signal and the orderly
 * shutdown would hang. Call once, before any worker is created. With `metricsAddress`
 * (TEMPORAL_METRICS_ADDRESS) the SDK's own worker metrics (task slots, poll latency, activity and
 * workflow task times) are served for Prometheus at http://ADDRESS/metrics. The SDK's log lines, Core's
 * native ones included (forwarded, WARN and up), go through Recon's logger (main/sdk-logger.ts).
 */
export function installRuntime(level: LogLevel = 'INFO', metricsAddress?: string | null): void {
  Runtime.install({
    logger: sdkLogger(level),
    shutdownSignals: [],
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(metricsAddress ? { metrics: { prometheus: { bindAddress: metricsAddress } } } : {}),
    },
  });
}
