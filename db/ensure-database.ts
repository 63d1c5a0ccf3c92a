import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '../config/config';
import { describeServer, serverAddress } from './server-address';

export enum DatabaseErrorCode {
  UNREACHABLE = 'DATABASE_UNREACHABLE',
  ACCESS_DENIED = 'DATABASE_ACCESS_DENIED',
}

/** The server answered and refused the user, the password or the database: not "no server answers". */
export class DatabaseAccessDeniedError extends Error {
  readonly code = DatabaseErrorCode.ACCESS_DENIED;
  constructor(db: DatabaseConfig, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Access denied: the MySQL server at ${describeServer(db)} refused ${db.user} (${reason}).\n` +
        `  Check the user and password in DATABASE_URL, and that the user may use (or create) the database ${db.database}.`,
    );
    this.name = 'DatabaseAccessDeniedError';
  }
}

const ACCESS_DENIED = new Set([
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
]);
const isAccessDenied = (error: unknown) => ACCESS_DENIED.has(String((error as { code?: unknown }).code));

export class DatabaseUnreachableError extends Error {
  readonly code = DatabaseErrorCode.UNREACHABLE;
  constructor(db: DatabaseConfig, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `No MySQL server answers at ${describeServer(db)} as ${db.user} (${reason}).\n` +
        `  Start one with \`docker compose up -d mysql\`, start a local MariaDB/MySQL, ` +
        `or set DATABASE_URL=mysql://user:password@host:port/database.`,
    );
    this.name = 'DatabaseUnreachableError';
  }
}

export type ServerFlavor = 'mysql' | 'mariadb';

/**
 * Creates the database if it is missing and tells which server answers: TypeORM reads
 * MariaDB's catalogue correctly only with its `mariadb` driver type.
 * The name was validated by the config module.
 */
export async function ensureDatabase(db: DatabaseConfig): Promise<ServerFlavor> {
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({
      ...serverAddress(db),
      user: db.user,
      password: db.password,
      connectTimeout: 5000,
    });
  } catch (error) {
    throw isAccessDenied(error)
      ? new DatabaseAccessDeniedError(db, error)
      : new DatabaseUnreachableError(db, error);
  }
  try {
    // Created only when missing: a least-privilege user (docs/operations.md) may not CREATE at all.
    const [found] = await connection.query<mysql.RowDataPacket[]>(
      'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [db.database],
    );
    if (found.length === 0)
      await connection
        .query(
          `CREATE DATABASE IF NOT EXISTS \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
        )
        .catch((error: unknown) => {
          throw isAccessDenied(error) ? new DatabaseAccessDeniedError(db, error) : error;
        });
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    return String(rows[0]?.version ?? '')
      .toLowerCase()
      .includes('mariadb')
      ? 'mariadb'
      : 'mysql';
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(db: DatabaseConfig): Promise<void> {
  const connection = await mysql.createConnection({
    ...serverAddress(db),
    user: db.user,
    password: db.password,
  });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${db.database}\``);
  } finally {
    await connection.end();
  }
}
