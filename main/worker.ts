import 'reflect-metadata';
import { bootRecon, exitOnStartupError, stopOnSignals } from './bootstrap';
import { installRuntime } from './install-runtime';

installRuntime();

// Production: a Temporal worker alone; run as many as the load needs.
bootRecon({ api: false, worker: true }).then((recon) => {
  stopOnSignals(recon);
  console.log(
    `Recon worker polling task queue "${recon.config.temporal.taskQueue}" at ${recon.temporal.address}`,
  );
}, exitOnStartupError);
