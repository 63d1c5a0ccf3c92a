import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { createDataSource, type DataSourceOptions } from './data-source';
import { ensureDatabase } from './ensure-database';

/** How long a process waits for another one's migrations before giving up. */
const MIGRATION_LOCK_SECONDS = 300;

/** Create the database if missing, connect, and run pending migrations. Never synchronizes. */
export async function prepareDatabase(
  db: DatabaseConfig,
  options: Omit<DataSourceOptions, 'synchronize' | 'flavor'> = {},
): Promise<DataSource> {
  const flavor = await ensureDatabase(db);
  const dataSource = createDataSource(db, { ...options, flavor });
  await dataSource.initialize();
  try {
    await migrateExclusively(dataSource, db.database);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * Processes that start together (API_PROCESSES, several workers) would run the same migrations at
 * once; a named server lock lets one run them while the others wait, then find nothing to do.
 */
async function migrateExclusively(dataSource: DataSource, database: string): Promise<void> {
  const lock = `recon_migrations_${database}`.slice(0, 64);
  const holder = dataSource.createQueryRunner();
  await holder.connect();
  try {
    const [{ got }] = (await holder.query('SELECT GET_LOCK(?, ?) AS got', [
      lock,
      MIGRATION_LOCK_SECONDS,
    ])) as Array<{
      got: number | string | null;
    }>;
    if (Number(got) !== 1)
      throw new Error(`another process held the migration lock for ${MIGRATION_LOCK_SECONDS} s`);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await holder.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await holder.release();
  }
}
