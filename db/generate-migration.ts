/**
 * Dev tool: `npm run build && node dist/db/generate-migration.js Name`.
 * Migrates a scratch database, asks TypeORM what the entities still need, and writes
 * db/migrations/<timestamp>-<Name>.ts with those statements (review it before committing).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config';
import { createDataSource } from './data-source';
import { dropDatabase, ensureDatabase } from './ensure-database';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: generate-migration PascalCaseName');
  const base = loadConfig().database;
  const scratch = { ...base, database: `${base.database}_migration_scratch` };
  await dropDatabase(scratch);
  const flavor = await ensureDatabase(scratch);
  const dataSource = createDataSource(scratch, { flavor });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log('Entities and migrations agree: nothing to generate.');
      return;
    }
    const timestamp = Date.now();
    const line = (q: { query: string }) => `    await queryRunner.query(${JSON.stringify(q.query)});`;
    const file = [
      `import type { MigrationInterface, QueryRunner } from 'typeorm';`,
      ``,
      `export class ${name}${timestamp} implements MigrationInterface {`,
      `  name = '${name}${timestamp}';`,
      ``,
      `  public async up(queryRunner: QueryRunner): Promise<void> {`,
      ...sql.upQueries.map(line),
      `  }`,
      ``,
      `  public async down(queryRunner: QueryRunner): Promise<void> {`,
      ...sql.downQueries.reverse().map(line),
      `  }`,
      `}`,
      ``,
    ].join('\n');
    const target = path.resolve(__dirname, '..', '..', 'db', 'migrations', `${timestamp}-${name}.ts`);
    writeFileSync(target, file);
    console.log(`wrote ${target}`);
  } finally {
    await dataSource.destroy();
    await dropDatabase(scratch);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
