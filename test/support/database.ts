import type { DataSource } from 'typeorm';
import { loadConfig, type DatabaseConfig } from '../../config/config';
import { dropDatabase } from '../../db/ensure-database';
import { prepareDatabase } from '../../db/prepare-database';

export interface TestDatabase {
  config: DatabaseConfig;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/**
 * A throw-away database on the real server, migrated exactly as production is (no synchronize).
 * Named per test file and process so parallel jest workers never share one.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const base = loadConfig({ ...process.env, NODE_ENV: 'test' }).database;
  const name = `recon_t_${label.replace(/[^a-z0-9]/gi, '_')}_${process.pid}`.slice(0, 64);
  const config = { ...base, database: name, url: base.url.replace(/\/[^/]*$/, `/${name}`) };
  await dropDatabase(config);
  const dataSource = await prepareDatabase(config, { poolSize: 5 });
  return {
    config,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await dropDatabase(config);
    },
  };
}
