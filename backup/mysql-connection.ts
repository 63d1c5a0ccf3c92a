import mysql from 'mysql2';
import type { DatabaseConfig } from '../config/config';
import { serverAddress } from '../db/server-address';
import type { Query } from './database-facts';

/** One plain mysql2 connection (streams rows, no pool, no ORM), and a Query bound to it. */
export interface RawConnection {
  connection: mysql.Connection;
  query: Query;
  end(): Promise<void>;
}

export async function openRawConnection(db: DatabaseConfig, database?: string): Promise<RawConnection> {
  const connection = mysql.createConnection({
    ...serverAddress(db),
    user: db.user,
    password: db.password,
    ...(database ? { database } : {}),
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    connectTimeout: 10_000,
  });
  const promised = connection.promise();
  await promised.connect();
  return {
    connection,
    query: async (sql, params = []) => {
      const [rows] = await promised.query(sql, params);
      return rows as Array<Record<string, unknown>>;
    },
    end: () => promised.end(),
  };
}
