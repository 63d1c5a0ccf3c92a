import { loadConfig } from '../config/config';
import { prepareDatabase } from './prepare-database';
import { describeServer } from './server-address';

/** `npm run migrate`: create the database if needed and apply pending migrations. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await prepareDatabase(config.database);
  await dataSource.destroy();
  console.log(`database ${config.database.database} at ${describeServer(config.database)} is migrated`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
