import mysql, { type Connection, type ConnectionOptions } from 'mysql2/promise';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../config/config';
import { dropDatabase } from '../db/ensure-database';
import { prepareDatabase } from '../db/prepare-database';
import { serverAddress } from '../db/server-address';

/**
 * A scratch database for the import tests and benchmark (bench/ is built without test/, hence here),
 * migrated exactly as production is: imports now read periods, customers' cadence and the audit
 * chain, so a hand-written copy of a few tables would drift.
 */

/** Server from DATABASE_URL (its database name is ignored), else the local MariaDB as root. */
export function serverOptions(): ConnectionOptions {
  const db = parseDatabaseUrl(process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
  return { ...serverAddress(db), user: db.user, password: db.password };
}

export interface ScratchDatabase {
  readonly name: string;
  readonly conn: Connection;
  /** Adds a customer and returns its id. */
  customer(code: string, currency?: string): Promise<string>;
  drop(): Promise<void>;
}

/** Creates a fresh database (unique per process: other test runs may share the server), migrated. */
export async function createScratchDatabase(prefix = 'recon_import_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}`.slice(0, 64);
  const base = parseDatabaseUrl(process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
  const config = { ...base, database: name, url: base.url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`) };
  await dropDatabase(config);
  const dataSource = await prepareDatabase(config, { poolSize: 2 });
  await dataSource.destroy();
  const conn = await mysql.createConnection({
    ...serverOptions(),
    database: name,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  return {
    name,
    conn,
    async customer(code, currency = 'CNY') {
      const [result] = await conn.query<mysql.ResultSetHeader>(
        'INSERT INTO customers (code, name, currency) VALUES (?, ?, ?)',
        [code, `${code} 有限公司`, currency],
      );
      return String(result.insertId);
    },
    async drop() {
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
