import 'reflect-metadata';
import { bootRecon, exitOnStartupError, stopOnSignals } from './bootstrap';
import { installRuntime } from './install-runtime';

installRuntime();

// Production: the GraphQL API alone; scale it apart from the workers.
bootRecon({ api: true, worker: false }).then((recon) => {
  stopOnSignals(recon);
  console.log(`Recon API: ${recon.api!.graphqlUrl}`);
}, exitOnStartupError);
