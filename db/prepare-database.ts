import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { createDataSource, type DataSourceOptions } from './data-source';
import { ensureDatabase } from './ensure-database';

/** Create the database if missing, connect, and run pending migrations. Never synchronizes. */
export async function prepareDatabase(
  db: DatabaseConfig,
  options: Omit<DataSourceOptions, 'synchronize' | 'flavor'> = {},
): Promise<DataSource> {
  const flavor = await ensureDatabase(db);
  const dataSource = createDataSource(db, { ...options, flavor });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
