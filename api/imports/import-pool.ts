import mysql, { type Pool } from 'mysql2/promise';
import type { DatabaseConfig } from '../../config/config';
import { serverAddress } from '../../db/server-address';

/**
 * The file imports' own small pool: they stream LOAD DATA LOCAL INFILE through mysql2 directly
 * (imports/), beside TypeORM's pool. DECIMAL and BIGINT stay strings here too.
 */
export function createImportPool(db: DatabaseConfig): Pool {
  return mysql.createPool({
    ...serverAddress(db),
    user: db.user,
    password: db.password,
    database: db.database,
    connectionLimit: 4,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    dateStrings: ['DATE'],
  });
}
