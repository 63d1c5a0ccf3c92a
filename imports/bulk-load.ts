import type { Connection, Pool } from 'mysql2/promise';
import { ImportKind, ImportStatus } from '../contract/enums';
import { money } from '../money/decimal';
import { ImportErrorCode, ImportFileError, type ImportIssue } from './errors';
import { hashInput } from './file-hash';
import {
  claimImportFile,
  customerCurrency,
  finishStatement,
  findImport,
  insertStatement,
  isDuplicateKey,
} from './import-db';
import { checkAmount, checkCustomerId, checkPeriod, withConnection } from './import-options';
import { duplicateResult, rejectedResult, type ImportResult } from './import-result';
import { statementLinesTarget } from './load-data';
import { streamIntoTable, type BulkMethod } from './load-stream';
import { rejectsCsv } from './rejects';
import { StatementReader } from './statement-reader';
import { parseTemplate, type MappingTemplate } from './template';
import { inputName, type ImportInput, type ImportMode } from './types';

export interface StatementImportOptions {
  readonly customerId: number;
  readonly file: ImportInput;
  /** A validated template (parseTemplate) or its JSON. */
  readonly template: MappingTemplate | unknown;
  /** YYYY-MM-DD, inclusive. When given, lines dated outside are rejected; otherwise the lines' dates set it. */
  readonly periodStart?: string;
  readonly periodEnd?: string;
  /** Exact decimal text; default 0. */
  readonly openingBalance?: string;
  /** Exact decimal text; default opening + the sum of the lines. */
  readonly closingBalance?: string;
  /** Default ALL_OR_NOTHING. */
  readonly mode?: ImportMode;
  /** Identifies the statement per customer; default `file:<sha256>`. */
  readonly sourceRef?: string;
  /** Default AUTO: LOAD DATA LOCAL INFILE, multi-row INSERTs where the server refuses it. */
  readonly bulkMethod?: BulkMethod | 'AUTO';
}

/**
 * Import a customer's statement file: read it by the template, validate every row, and write the
 * statement and its lines through the server's bulk path (LOAD DATA LOCAL INFILE, streamed) in one
 * transaction. A failed or rejected file writes nothing; the same file again (same SHA-256 for the
 * customer) is a no-op that returns DUPLICATE. Template and option mistakes throw
 * (TemplateError, ImportFileError INVALID_OPTIONS); problems of the file come back as REJECTED.
 */
export async function importStatementFile(
  db: Connection | Pool,
  options: StatementImportOptions,
): Promise<ImportResult> {
  const started = process.hrtime.bigint();
  const template = parseTemplate(options.template);
  const mode = options.mode ?? 'ALL_OR_NOTHING';
  const period = checkPeriod(options.periodStart, options.periodEnd);
  const opening = checkAmount('openingBalance', options.openingBalance ?? '0');
  const closing =
    options.closingBalance === undefined ? null : checkAmount('closingBalance', options.closingBalance);
  checkCustomerId(options.customerId);
  const fileHash = await hashInput(options.file);

  return withConnection(db, async (conn) => {
    const existing = await findImport(conn, options.customerId, ImportKind.STATEMENT, fileHash);
    if (existing?.status === ImportStatus.IMPORTED)
      return duplicateResult(existing.id, existing.statementId, fileHash);
    const currency = await customerCurrency(conn, options.customerId);
    if (!currency)
      throw new ImportFileError(ImportErrorCode.INVALID_OPTIONS, `no customer ${options.customerId}`);

    let reader: StatementReader;
    try {
      reader = await StatementReader.open(options.file, template, { currency, period: period ?? undefined });
    } catch (error) {
      if (error instanceof ImportFileError) return rejectedResult(fileHash, 0, [error.toIssue()], null);
      throw error;
    }

    await conn.beginTransaction();
    let open = true;
    const rollback = async (): Promise<void> => {
      open = false;
      await conn.rollback();
    };
    try {
      let importFileId: number;
      let statementId: number;
      try {
        importFileId = await claimImportFile(
          conn,
          options.customerId,
          ImportKind.STATEMENT,
          inputName(options.file),
          fileHash,
          existing,
        );
        statementId = await insertStatement(conn, {
          customerId: options.customerId,
          currency,
          sourceRef: options.sourceRef ?? `file:${fileHash}`,
          importFileId,
          openingBalance: opening,
        });
      } catch (error) {
        // Someone imported the same file (or statement) a moment ago.
        if (!isDuplicateKey(error)) throw error;
        await rollback();
        const again = await findImport(conn, options.customerId, ImportKind.STATEMENT, fileHash);
        if (again) return duplicateResult(again.id, again.statementId, fileHash);
        throw new ImportFileError(
          ImportErrorCode.INVALID_OPTIONS,
          `customer ${options.customerId} already has a statement with source ref ${options.sourceRef ?? fileHash}`,
        );
      }

      const load = await streamIntoTable(
        conn,
        reader,
        statementLinesTarget(statementId),
        mode,
        options.bulkMethod,
      );
      const summary = reader.summary();
      const rejects = (): string => rejectsCsv(summary.columns, summary.rejects, summary.issues);
      const refuse = async (issues: readonly ImportIssue[]): Promise<ImportResult> => {
        await rollback();
        return rejectedResult(fileHash, summary.rejectedRowCount, issues, rejects());
      };
      if (mode === 'ALL_OR_NOTHING' && reader.hasProblems()) return await refuse(summary.issues);
      if (summary.lineCount === 0) {
        return await refuse([
          ...summary.issues,
          {
            code: ImportErrorCode.NO_LINES,
            row: null,
            column: null,
            message: 'the file has no statement lines',
          },
        ]);
      }
      if (load.affectedRows !== summary.lineCount) {
        throw new Error(`bulk load wrote ${load.affectedRows} rows for ${summary.lineCount} lines`);
      }

      const total = money(summary.total);
      const closingBalance = closing ?? money(opening).plus(total).toFixed();
      const periodStart = period?.start ?? summary.firstDate ?? '';
      const periodEnd = period?.end ?? summary.lastDate ?? '';
      await finishStatement(conn, {
        statementId,
        importFileId,
        periodStart,
        periodEnd,
        closingBalance,
        lineCount: summary.lineCount,
      });
      await conn.commit();
      open = false;
      const hasRejects = summary.rejectedRowCount > 0 || summary.issues.length > 0;
      return {
        status: 'IMPORTED',
        importFileId,
        statementId,
        fileHash,
        format: summary.format,
        lineCount: summary.lineCount,
        rejectedRowCount: summary.rejectedRowCount,
        periodStart,
        periodEnd,
        total: summary.total,
        openingBalance: opening,
        closingBalance,
        unexplained: money(closingBalance).minus(money(opening)).minus(total).toFixed(),
        bulkMethod: load.method,
        issues: summary.issues,
        rejectsCsv: hasRejects ? rejects() : null,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      };
    } catch (error) {
      if (open) await conn.rollback().catch(() => undefined);
      if (error instanceof ImportFileError) return rejectedResult(fileHash, 0, [error.toIssue()], null);
      throw error;
    }
  });
}
