import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig, type DatabaseConfig } from '../config/config';
import { dropDatabase } from '../db/ensure-database';
import { prepareDatabase } from '../db/prepare-database';
import { startDevServer, type DevServer } from '../temporal/dev-server';
import { requireTemporalCli } from '../temporal/find-cli';

export interface BenchEnvironment {
  /** The scratch database (unique per process), created and migrated. */
  db: DatabaseConfig;
  dataSource: DataSource;
  /** A temporary folder, removed on close. */
  dataDir: string;
  temporal: DevServer;
  /** Stops the dev server, drops the database, removes the folder. */
  close(): Promise<void>;
}

/** A scratch database and a Temporal dev server of the benchmark's own, on the configured MySQL server. */
export async function openBenchEnvironment(
  name: string,
  options: { persistentTemporal?: boolean; poolSize?: number } = {},
): Promise<BenchEnvironment> {
  const base = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const db = { ...base.database, database: `recon_bench_${name}_${process.pid}` };
  await dropDatabase(db);
  const dataSource = await prepareDatabase(db, { poolSize: options.poolSize });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `recon-bench-${name}-`));
  const close = async (temporal?: DevServer) => {
    await temporal?.stop();
    await dataSource.destroy();
    await dropDatabase(db);
    rmSync(dataDir, { recursive: true, force: true });
  };
  let temporal: DevServer;
  try {
    temporal = await startDevServer({
      cliPath: requireTemporalCli(base.temporal.cliPath),
      dataDir,
      namespace: 'default',
      port: 0,
      ephemeral: !options.persistentTemporal,
    });
  } catch (error) {
    await close();
    throw error;
  }
  return { db, dataSource, dataDir, temporal, close: () => close(temporal) };
}
