import type { DatabaseConfig } from '../config/config';

/** How mysql2 reaches the server: its Unix socket when configured, else host and port. */
export function serverAddress(db: DatabaseConfig): { socketPath: string } | { host: string; port: number } {
  return db.socketPath ? { socketPath: db.socketPath } : { host: db.host, port: db.port };
}

/** For messages: where the server was looked for. */
export function describeServer(db: DatabaseConfig): string {
  return db.socketPath ? `${db.socketPath} (socket)` : `${db.host}:${db.port}`;
}
