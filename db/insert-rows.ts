import type { EntityManager } from 'typeorm';

/** MySQL's answer to a plain INSERT. */
export interface InsertOutcome {
  affectedRows: number;
  /** The first AUTO_INCREMENT id the statement generated ('0' when none). */
  insertId: string;
}

/**
 * One multi-row INSERT of plain values, for hot paths where the ORM's entity machinery costs more
 * than the statement. `table` and `columns` are code constants, never input; every value is a
 * bound parameter. Amounts must arrive as exact decimal text (Money#toFixed), JSON as text.
 */
export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options: { ignore?: boolean } = {},
): Promise<InsertOutcome> {
  if (rows.length === 0) return { affectedRows: 0, insertId: '0' };
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const result = (await manager.query(
    `INSERT${options.ignore ? ' IGNORE' : ''} INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`,
    rows.flat(),
  )) as { affectedRows: number; insertId: number | string };
  return { affectedRows: Number(result.affectedRows), insertId: String(result.insertId) };
}
