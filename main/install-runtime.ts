import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

/**
 * Recon handles SIGINT/SIGTERM itself (API, worker, dev server, database, in that order); Temporal's
 * runtime would otherwise shut the workers down underneath us on the same signal and the orderly
 * shutdown would hang. Call once, before any worker is created. With `metricsAddress`
 * (TEMPORAL_METRICS_ADDRESS) the SDK's own worker metrics (task slots, poll latency, activity and
 * workflow task times) are served for Prometheus at http://ADDRESS/metrics.
 */
export function installRuntime(level: LogLevel = 'INFO', metricsAddress?: string | null): void {
  Runtime.install({
    logger: new DefaultLogger(level),
    shutdownSignals: [],
    ...(metricsAddress
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } }
      : {}),
  });
}
