import mysql, { type Connection, type ConnectionOptions } from 'mysql2/promise';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../config/config';
import { serverAddress } from '../db/server-address';

/**
 * A scratch database for the import tests and benchmark (bench/ is built without test/, hence here), with the tables the bulk path writes
 * into. The real schema comes from the lead's TypeORM migration; this DDL matches it.
 */
export const IMPORT_SCHEMA = [
  `CREATE TABLE customers (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(32) NOT NULL UNIQUE, name VARCHAR(200) NOT NULL, currency CHAR(3) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  `CREATE TABLE import_files (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT NOT NULL, kind VARCHAR(16) NOT NULL, file_name VARCHAR(255) NOT NULL, file_hash CHAR(64) NOT NULL, row_count INT NOT NULL, status VARCHAR(16) NOT NULL, created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE KEY uq_import_file (customer_id, kind, file_hash)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  `CREATE TABLE customer_statements (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT NOT NULL, period_start DATE NOT NULL, period_end DATE NOT NULL, currency CHAR(3) NOT NULL, opening_balance DECIMAL(20,4) NOT NULL, closing_balance DECIMAL(20,4) NOT NULL, source VARCHAR(16) NOT NULL, source_ref VARCHAR(128) NOT NULL, import_file_id BIGINT NULL, line_count INT NOT NULL DEFAULT 0, received_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE KEY uq_statement_source (customer_id, source_ref), KEY ix_statement_period (customer_id, period_start)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  `CREATE TABLE statement_lines (id BIGINT AUTO_INCREMENT PRIMARY KEY, statement_id BIGINT NOT NULL, line_no INT NOT NULL, external_id VARCHAR(128) NOT NULL, txn_date DATE NOT NULL, doc_no VARCHAR(64) NULL, reference VARCHAR(128) NULL, description VARCHAR(512) NULL, kind VARCHAR(24) NOT NULL, amount DECIMAL(20,4) NOT NULL, currency CHAR(3) NOT NULL, UNIQUE KEY uq_statement_line (statement_id, external_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  // As in the lead's InitialSchema migration.
  `CREATE TABLE ledger_entries (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT NOT NULL, source VARCHAR(32) NOT NULL, external_id VARCHAR(128) NOT NULL, entry_date DATE NOT NULL, doc_no VARCHAR(64) NULL, reference VARCHAR(128) NULL, description VARCHAR(512) NULL, kind VARCHAR(24) NOT NULL, amount DECIMAL(20,4) NOT NULL, currency CHAR(3) NOT NULL, import_file_id BIGINT NULL, adjustment_id BIGINT NULL, created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), KEY ix_ledger_customer_doc (customer_id, doc_no), KEY ix_ledger_customer_date (customer_id, entry_date), UNIQUE KEY uq_ledger_source (source, external_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  `CREATE TABLE mapping_templates (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT NULL, name VARCHAR(100) NOT NULL, definition JSON NOT NULL, version INT NOT NULL DEFAULT 1, created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE KEY uq_template_name (customer_id, name)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
];

/** Server from DATABASE_URL (its database name is ignored), else the local MariaDB as root. */
export function serverOptions(): ConnectionOptions {
  const db = parseDatabaseUrl(process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
  return { ...serverAddress(db), user: db.user, password: db.password };
}

export interface ScratchDatabase {
  readonly name: string;
  readonly conn: Connection;
  /** Adds a customer and returns its id. */
  customer(code: string, currency?: string): Promise<number>;
  drop(): Promise<void>;
}

/** Creates a fresh database (unique per process: other test runs may share the server) with the schema. */
export async function createScratchDatabase(prefix = 'recon_import_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}`;
  const admin = await mysql.createConnection(serverOptions());
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.end();
  const conn = await mysql.createConnection({
    ...serverOptions(),
    database: name,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  for (const ddl of IMPORT_SCHEMA) await conn.query(ddl);
  return {
    name,
    conn,
    async customer(code, currency = 'CNY') {
      const [result] = await conn.query<mysql.ResultSetHeader>(
        'INSERT INTO customers (code, name, currency) VALUES (?, ?, ?)',
        [code, `${code} 有限公司`, currency],
      );
      return result.insertId;
    },
    async drop() {
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
