import 'reflect-metadata';
import cluster from 'node:cluster';
import { loadConfig } from '../config/config';
import { superviseApiProcesses, type ApiReady } from './api-cluster';
import { bootRecon, exitOnStartupError, stopOnSignals } from './bootstrap';
import { installRuntime } from './install-runtime';

// Production: the GraphQL API alone; scale it apart from the workers (API_PROCESSES per host).
function main(): void {
  const config = loadConfig();
  if (cluster.isPrimary && config.http.processes > 1) {
    superviseApiProcesses(config.http.processes, config.observability.metrics);
    return;
  }
  installRuntime();
  bootRecon({ api: true, worker: false, config }).then((recon) => {
    stopOnSignals(recon);
    const graphqlUrl = recon.api!.graphqlUrl;
    if (cluster.isWorker) process.send!({ type: 'recon-api-ready', graphqlUrl } satisfies ApiReady);
    else console.log(`Recon API: ${graphqlUrl}`);
  }, exitOnStartupError);
}

try {
  main();
} catch (error) {
  exitOnStartupError(error);
}
