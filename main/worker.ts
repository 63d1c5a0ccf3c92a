import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { bootRecon, exitOnStartupError, stopOnSignals } from './bootstrap';
import { installRuntime } from './install-runtime';

// Production: a Temporal worker alone; run as many as the load needs.
try {
  const config = loadConfig();
  installRuntime('INFO', config.observability.temporalMetricsAddress);
  bootRecon({ api: false, worker: true, config }).then((recon) => {
    stopOnSignals(recon);
    console.log(
      `Recon worker polling task queue "${recon.config.temporal.taskQueue}" at ${recon.temporal.address}`,
    );
  }, exitOnStartupError);
} catch (error) {
  exitOnStartupError(error);
}
