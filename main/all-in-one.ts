import 'reflect-metadata';
import { bootRecon, exitOnStartupError, stopOnSignals } from './bootstrap';
import { installRuntime } from './install-runtime';

installRuntime();

// Quick start: worker + GraphQL API (+ a Temporal dev server when TEMPORAL_ADDRESS is unset) in one process.
bootRecon({ api: true, worker: true }).then((recon) => {
  stopOnSignals(recon);
  console.log(`Recon is up. GraphQL: ${recon.api!.graphqlUrl}  Temporal: ${recon.temporal.address}`);
  if (recon.temporal.devServer?.uiUrl) console.log(`Temporal UI: ${recon.temporal.devServer.uiUrl}`);
}, exitOnStartupError);
