import 'reflect-metadata';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { ALL_ENTITIES } from '../entities';
import type { ServerFlavor } from './ensure-database';
import { SnakeNamingStrategy } from './naming-strategy';
import { serverAddress } from './server-address';

export interface DataSourceOptions {
  /** Only for throw-away test schemas; production schemas change through migrations alone. */
  synchronize?: boolean;
  poolSize?: number;
  logging?: boolean;
  /** Which server answers; see ensureDatabase(). */
  flavor?: ServerFlavor;
}

export function createDataSource(db: DatabaseConfig, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: options.flavor ?? 'mysql',
    ...serverAddress(db),
    username: db.user,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    // DECIMAL and BIGINT arrive as strings: no JS number ever holds an amount or an id.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: ['DATE'],
    entities: ALL_ENTITIES,
    migrations: [path.join(__dirname, 'migrations', '*.{js,ts}')],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: options.synchronize ?? false,
    logging: options.logging ?? false,
    poolSize: options.poolSize ?? 10,
    extra: { decimalNumbers: false, connectionLimit: options.poolSize ?? 10 },
  });
}
