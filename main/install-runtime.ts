import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

/**
 * Recon handles SIGINT/SIGTERM itself (API, worker, dev server, database, in that order); Temporal's
 * runtime would otherwise shut the workers down underneath us on the same signal and the orderly
 * shutdown would hang. Call once, before any worker is created.
 */
export function installRuntime(level: LogLevel = 'INFO'): void {
  Runtime.install({ logger: new DefaultLogger(level), shutdownSignals: [] });
}
