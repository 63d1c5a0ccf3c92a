import type { DatabaseFacts } from './manifest';

/** Runs one parameterised statement and returns its rows (a mysql2 connection, in or out of a snapshot). */
export type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** The base tables of a database, by name (views and the like are not data). */
export async function baseTables(query: Query, database: string): Promise<string[]> {
  const rows = await query(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
    [database],
  );
  return rows.map((row) => String(row.name));
}

export const quoteName = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/**
 * What a backup promises a restore reproduces: each customer's ledger balance to the cent (exact
 * DECIMAL text from SQL), the audit chain's head and the schema version. Row counts come from the
 * caller (a backup counts the rows it writes, a restore counts the tables).
 */
export async function readFacts(query: Query, rowCounts: Record<string, number>): Promise<DatabaseFacts> {
  const tables = new Set(Object.keys(rowCounts));
  const balances = tables.has('ledger_entries')
    ? (
        await query(
          `SELECT c.code AS customerCode, l.currency AS currency, CAST(SUM(l.amount) AS CHAR) AS balance
             FROM ledger_entries l JOIN customers c ON c.id = l.customer_id
            GROUP BY c.code, l.currency ORDER BY c.code, l.currency`,
        )
      ).map((row) => ({
        customerCode: String(row.customerCode),
        currency: String(row.currency),
        balance: String(row.balance),
      }))
    : [];
  const [head] = tables.has('audit_chain_head')
    ? await query(
        'SELECT CAST(last_event_id AS CHAR) AS lastEventId, last_hash AS lastHash FROM audit_chain_head WHERE id = 1',
      )
    : [];
  const migrations = tables.has('schema_migrations')
    ? (await query('SELECT name FROM schema_migrations ORDER BY timestamp, id')).map((row) =>
        String(row.name),
      )
    : [];
  return {
    rowCounts,
    auditChainHead: head
      ? {
          lastEventId: head.lastEventId === null ? null : String(head.lastEventId),
          lastHash: String(head.lastHash),
        }
      : null,
    balances,
    schemaVersion: migrations.length ? migrations[migrations.length - 1] : null,
    migrations,
  };
}

/** Where two sets of facts differ, in words (empty when they agree). */
export function compareFacts(expected: DatabaseFacts, actual: DatabaseFacts): string[] {
  const problems: string[] = [];
  const tables = new Set([...Object.keys(expected.rowCounts), ...Object.keys(actual.rowCounts)]);
  for (const table of [...tables].sort()) {
    const want = expected.rowCounts[table];
    const got = actual.rowCounts[table];
    if (want !== got)
      problems.push(`table ${table}: ${got ?? 'missing'} rows, the backup has ${want ?? 'none'}`);
  }
  const key = (b: { customerCode: string; currency: string }) => `${b.customerCode} ${b.currency}`;
  const got = new Map(actual.balances.map((b) => [key(b), b.balance]));
  for (const balance of expected.balances) {
    const restored = got.get(key(balance));
    if (restored !== balance.balance)
      problems.push(
        `balance of ${key(balance)}: ${restored ?? 'missing'}, the backup has ${balance.balance}`,
      );
    got.delete(key(balance));
  }
  for (const [extra, balance] of got) problems.push(`balance of ${extra}: ${balance}, not in the backup`);
  if (JSON.stringify(expected.auditChainHead) !== JSON.stringify(actual.auditChainHead))
    problems.push(
      `audit chain head: ${JSON.stringify(actual.auditChainHead)}, the backup has ${JSON.stringify(expected.auditChainHead)}`,
    );
  if (expected.schemaVersion !== actual.schemaVersion)
    problems.push(`schema version ${actual.schemaVersion}, the backup has ${expected.schemaVersion}`);
  return problems;
}
