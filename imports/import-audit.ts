import type { Connection } from 'mysql2/promise';
import type { EntityManager } from 'typeorm';
import { appendAudits, type AuditEntry } from '../audit/audit-log';

/**
 * Appends audit events on the import's own connection, inside its transaction (before the commit),
 * so a replaced statement and its audit row commit together. appendAudits needs only `query` and
 * to know a transaction is open.
 */
export function auditOnImport(conn: Connection, entries: AuditEntry[]): Promise<unknown> {
  const onConnection = {
    query: async (sql: string, parameters?: unknown[]) => (await conn.query(sql, parameters))[0],
    queryRunner: { isTransactionActive: true },
  };
  return appendAudits(onConnection as unknown as EntityManager, entries);
}
