import type { ImportIssue } from './errors';
import type { BulkMethod } from './load-stream';
import type { FileFormat } from './types';

export interface ImportedResult {
  readonly status: 'IMPORTED';
  readonly importFileId: number;
  readonly statementId: number;
  readonly fileHash: string;
  readonly format: FileFormat;
  readonly lineCount: number;
  readonly rejectedRowCount: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** Sum of the imported lines. */
  readonly total: string;
  readonly openingBalance: string;
  readonly closingBalance: string;
  /** closing - (opening + total): zero when the statement ties out; otherwise lines are missing or wrong. */
  readonly unexplained: string;
  /** LOAD_DATA, or INSERT where the server refuses LOAD DATA LOCAL. */
  readonly bulkMethod: BulkMethod;
  /** VALID_ROWS: every rejected row, with reasons. */
  readonly issues: readonly ImportIssue[];
  /** VALID_ROWS with rejects: the rejects file (CSV, UTF-8 with BOM). */
  readonly rejectsCsv: string | null;
  readonly seconds: number;
}

/** The same file (by SHA-256) was already imported for this customer: nothing was written. */
export interface DuplicateResult {
  readonly status: 'DUPLICATE';
  readonly importFileId: number;
  readonly statementId: number | null;
  readonly fileHash: string;
}

/** Nothing was written; `issues` lists every problem (row, column, code, reason). */
export interface RejectedResult {
  readonly status: 'REJECTED';
  readonly fileHash: string;
  readonly rejectedRowCount: number;
  readonly issues: readonly ImportIssue[];
  readonly rejectsCsv: string | null;
}

export type ImportResult = ImportedResult | DuplicateResult | RejectedResult;

export function duplicateResult(
  importFileId: number,
  statementId: number | null,
  fileHash: string,
): DuplicateResult {
  return { status: 'DUPLICATE', importFileId, statementId, fileHash };
}

export function rejectedResult(
  fileHash: string,
  rejectedRowCount: number,
  issues: readonly ImportIssue[],
  rejectsCsv: string | null,
): RejectedResult {
  return { status: 'REJECTED', fileHash, rejectedRowCount, issues, rejectsCsv };
}
