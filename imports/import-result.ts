import type { PeriodStatus } from '../contract/enums';
import type { ImportIssue } from './errors';
import type { BulkMethod } from './load-stream';
import type { RejectsData } from './rejects';
import type { ImportWarning, PreviewLine } from './statement-facts';
import type { PeriodSource } from './statement-target';
import type { FileFormat } from './types';

/**
 * What became of the month's statement: CREATED (the first file of the period), ADDED (its lines
 * joined the statement already there: a corrected rejects file), REPLACED (asked for: the earlier
 * statement is kept, marked replaced, and the period reconciles this one).
 */
export type StatementAction = 'CREATED' | 'ADDED' | 'REPLACED';

/** Where a balance came from: given as an option, a balance row of the file, the statement added to, computed, or assumed 0. */
export type BalanceSource = 'GIVEN' | 'FILE' | 'STATEMENT' | 'COMPUTED' | 'ASSUMED';

export interface ImportedResult {
  readonly status: 'IMPORTED';
  readonly importFileId: string;
  readonly statementId: string;
  readonly action: StatementAction;
  /** REPLACED: the statement this one replaced. */
  readonly replacedStatementId: string | null;
  readonly fileHash: string;
  readonly format: FileFormat;
  /** Lines of this file. */
  readonly lineCount: number;
  /** Lines of the statement now (more than lineCount when ADDED). */
  readonly statementLineCount: number;
  readonly rejectedRowCount: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** GIVEN, or inferred from the lines (PERIOD: the customer's reconciliation period; CALENDAR: month/quarter). */
  readonly periodSource: PeriodSource;
  /** The reconciliation period of the range, when one is open, and where it stands. */
  readonly reconciliationPeriod: { readonly id: string; readonly status: PeriodStatus } | null;
  /** Sum of this file's lines. */
  readonly total: string;
  readonly openingBalance: string;
  readonly openingSource: BalanceSource;
  readonly closingBalance: string;
  readonly closingSource: BalanceSource;
  /** closing - (opening + all the statement's lines): zero when it ties out; otherwise lines are missing or wrong. */
  readonly unexplained: string;
  readonly warnings: readonly ImportWarning[];
  /** The first lines as parsed, with sign and kind. */
  readonly preview: readonly PreviewLine[];
  /** The rejected rows, for rejectsCsvFile / rejectsXlsxFile (not sent over the API). */
  readonly rejects: RejectsData | null;
  /** LOAD_DATA, or INSERT where the server refuses LOAD DATA LOCAL. */
  readonly bulkMethod: BulkMethod;
  /** VALID_ROWS: every rejected row, with reasons. */
  readonly issues: readonly ImportIssue[];
  /** VALID_ROWS with rejects: the rejects file as CSV text, laid out as the file was (see rejects.ts). */
  readonly rejectsCsv: string | null;
  readonly seconds: number;
}

/** The same file (by SHA-256) was already imported for this customer: nothing was written. */
export interface DuplicateResult {
  readonly status: 'DUPLICATE';
  readonly importFileId: string;
  readonly statementId: string | null;
  readonly fileHash: string;
  /** Says that the file was recognised by its bytes alone, whatever else was sent with it. */
  readonly message: string;
  /** What the options sent with it (period, opening, closing) would have changed: not applied. */
  readonly differences: readonly string[];
}

/** Nothing was written; `issues` lists every problem (row, column, code, reason). */
export interface RejectedResult {
  readonly status: 'REJECTED';
  readonly fileHash: string;
  readonly rejectedRowCount: number;
  readonly issues: readonly ImportIssue[];
  readonly rejectsCsv: string | null;
  readonly rejects?: RejectsData | null;
  readonly warnings?: readonly ImportWarning[];
}

export type ImportResult = ImportedResult | DuplicateResult | RejectedResult;

export function duplicateResult(
  importFileId: string,
  statementId: string | null,
  fileHash: string,
  differences: readonly string[] = [],
): DuplicateResult {
  return {
    status: 'DUPLICATE',
    importFileId,
    statementId,
    fileHash,
    // Idempotency is on the file's bytes: a changed template, period or balance does not make it new.
    message:
      `this file was imported before (import ${importFileId}) and nothing was read again: the same ` +
      'bytes are the same import whatever template, period or balances come with them' +
      (differences.length > 0 ? ` (not applied: ${differences.join('; ')})` : '') +
      '; send replace=true to read it again with these',
    differences,
  };
}

export function rejectedResult(
  fileHash: string,
  rejectedRowCount: number,
  issues: readonly ImportIssue[],
  rejectsCsv: string | null,
  extra: { rejects?: RejectsData | null; warnings?: readonly ImportWarning[] } = {},
): RejectedResult {
  return { status: 'REJECTED', fileHash, rejectedRowCount, issues, rejectsCsv, ...extra };
}
