import type { InsertResult } from 'typeorm';

/**
 * Rows an INSERT (… IGNORE) really added. MariaDB's driver answers with the RETURNING rows,
 * MySQL's with an OK packet: both mean the same thing.
 */
export function insertedCount(result: InsertResult): number {
  const raw: unknown = result.raw;
  if (Array.isArray(raw)) return raw.length;
  return Number((raw as { affectedRows?: number } | undefined)?.affectedRows ?? 0);
}
