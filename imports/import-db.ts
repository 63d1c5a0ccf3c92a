import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { ImportKind } from '../contract/enums';
import { ImportStatus, StatementSource } from '../contract/enums';

/** The SQL of a statement import besides the bulk load itself; all on the caller's transaction. */

export interface ExistingImport {
  readonly id: string;
  readonly status: ImportStatus;
  readonly statementId: string | null;
}

export async function findImport(
  conn: Connection,
  customerId: string,
  kind: ImportKind,
  fileHash: string,
): Promise<ExistingImport | null> {
  const [rows] = await conn.query<RowDataPacket[]>(
    // The statement holding the file's lines: its own, or the one they were added to (the current first).
    `SELECT f.id, f.status,
            COALESCE(s.id, (SELECT l.statement_id FROM statement_lines l WHERE l.import_file_id = f.id LIMIT 1)) AS statement_id
       FROM import_files f LEFT JOIN customer_statements s ON s.import_file_id = f.id
      WHERE f.customer_id = ? AND f.kind = ? AND f.file_hash = ?
      ORDER BY s.replaced_by_id IS NULL DESC, s.id DESC LIMIT 1`,
    [customerId, kind, fileHash],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: String(row.id),
    status: row.status as ImportStatus,
    statementId: row.statement_id === null ? null : String(row.statement_id),
  };
}

export async function customerCurrency(conn: Connection, customerId: string): Promise<string | null> {
  const [rows] = await conn.query<RowDataPacket[]>('SELECT currency FROM customers WHERE id = ?', [
    customerId,
  ]);
  return rows[0] ? String(rows[0].currency) : null;
}

/**
 * Claims the file hash: a concurrent import of the same file fails here on the unique key. A file
 * once recorded as REJECTED (by another writer) is taken over rather than inserted again.
 */
export async function claimImportFile(
  conn: Connection,
  customerId: string,
  kind: ImportKind,
  fileName: string,
  fileHash: string,
  previouslyRejected: ExistingImport | null,
  importedBy: string,
): Promise<string> {
  if (previouslyRejected) {
    await conn.query(
      'UPDATE import_files SET status = ?, file_name = ?, row_count = 0, imported_by = ? WHERE id = ?',
      [ImportStatus.IMPORTED, fileName.slice(0, 255), importedBy, previouslyRejected.id],
    );
    return previouslyRejected.id;
  }
  const [result] = await conn.query<ResultSetHeader>(
    'INSERT INTO import_files (customer_id, kind, file_name, file_hash, row_count, status, imported_by) VALUES (?, ?, ?, ?, 0, ?, ?)',
    [customerId, kind, fileName.slice(0, 255), fileHash, ImportStatus.IMPORTED, importedBy],
  );
  return String(result.insertId);
}

export interface StatementHeader {
  readonly customerId: string;
  readonly currency: string;
  readonly sourceRef: string;
  readonly importFileId: string;
  readonly openingBalance: string;
}

/** The statement row the lines hang from; period and closing balance are settled by finishStatement. */
export async function insertStatement(conn: Connection, header: StatementHeader): Promise<string> {
  const [result] = await conn.query<ResultSetHeader>(
    `INSERT INTO customer_statements
       (customer_id, period_start, period_end, currency, opening_balance, closing_balance, source, source_ref, import_file_id, line_count)
     VALUES (?, CURRENT_DATE, CURRENT_DATE, ?, ?, ?, ?, ?, ?, 0)`,
    [
      header.customerId,
      header.currency,
      header.openingBalance,
      header.openingBalance,
      StatementSource.FILE,
      header.sourceRef,
      header.importFileId,
    ],
  );
  return String(result.insertId);
}

export interface StatementTotals {
  readonly statementId: string;
  readonly importFileId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly closingBalance: string;
  /** Lines of the statement. */
  readonly lineCount: number;
  /** Lines of this file. */
  readonly importedLines: number;
}

export async function finishStatement(conn: Connection, totals: StatementTotals): Promise<void> {
  await conn.query(
    'UPDATE customer_statements SET period_start = ?, period_end = ?, closing_balance = ?, line_count = ? WHERE id = ?',
    [totals.periodStart, totals.periodEnd, totals.closingBalance, totals.lineCount, totals.statementId],
  );
  await conn.query('UPDATE import_files SET row_count = ? WHERE id = ?', [
    totals.importedLines,
    totals.importFileId,
  ]);
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ER_DUP_ENTRY';
}
