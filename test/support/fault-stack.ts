import path from 'node:path';
import { startDevServer, type DevServer } from '../../temporal/dev-server';
import { findTemporalBinary } from '../../temporal/find-cli';
import { freePort } from '../faults/support/processes';

/**
 * A Temporal dev server of the test's own in `dir`/temporal: on a free port, or on `port` to come
 * back on the same address after a kill; in memory unless `persistent` (a restart keeps its state).
 */
export async function startOwnTemporal(
  dir: string,
  options: { persistent?: boolean; port?: number } = {},
): Promise<DevServer> {
  const cliPath = findTemporalBinary('temporal', process.env.TEMPORAL_CLI_PATH);
  if (!cliPath) throw new Error('the temporal CLI is missing (npm run setup installs it)');
  return startDevServer({
    cliPath,
    dataDir: path.join(dir, 'temporal'),
    namespace: 'default',
    port: options.port ?? (await freePort()),
    ephemeral: !options.persistent,
  });
}

/**
 * The environment a production worker or API process of a fault test starts with: the test's
 * Temporal server and database, `dir` as its data folder, no backup schedule; `extra` adds to it.
 */
export function reconProcessEnv(
  stack: { temporal: DevServer; databaseUrl: string; dir: string; taskQueue?: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: stack.temporal.address,
    ...(stack.taskQueue ? { TEMPORAL_TASK_QUEUE: stack.taskQueue } : {}),
    DATABASE_URL: stack.databaseUrl,
    RECON_DATA_DIR: stack.dir,
    BACKUP_SCHEDULE: 'off',
    ...extra,
  };
}
