import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { bootRecon, exitOnStartupError, stopOnSignals } from './bootstrap';
import { installRuntime } from './install-runtime';

// Quick start: worker + GraphQL API (+ a Temporal dev server when TEMPORAL_ADDRESS is unset) in one process.
try {
  const config = loadConfig();
  installRuntime('INFO', config.observability.temporalMetricsAddress);
  bootRecon({ api: true, worker: true, config }).then((recon) => {
    stopOnSignals(recon);
    console.log(`Recon is up. GraphQL: ${recon.api!.graphqlUrl}  Temporal: ${recon.temporal.address}`);
    if (recon.temporal.devServer?.uiUrl) console.log(`Temporal UI: ${recon.temporal.devServer.uiUrl}`);
    if (recon.metrics) console.log(`Metrics: ${recon.metrics.url}`);
  }, exitOnStartupError);
} catch (error) {
  exitOnStartupError(error);
}
