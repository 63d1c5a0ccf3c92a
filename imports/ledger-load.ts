import { auditFields, SYSTEM_ACTORS } from '../contract/actor';
import { auditOnImport } from './import-audit';
import { claimOrDuplicate, inImportTransaction } from './import-transaction';
import { recordImport } from './import-metrics';
import type { Connection, Pool } from 'mysql2/promise';
import { ImportKind, ImportStatus } from '../contract/enums';
import { ImportErrorCode, ImportFileError, type ImportIssue } from './errors';
import { hashInput } from './file-hash';
import { customerCurrency, findImport } from './import-db';
import { checkCustomerId, checkPeriod, withConnection } from './import-options';
import { duplicateResult, rejectedResult, type DuplicateResult, type RejectedResult } from './import-result';
import { ledgerEntriesTarget } from './load-data';
import { streamIntoTable, type BulkMethod } from './load-stream';
import { rejectsCsv, rejectsData, type RejectsData } from './rejects';
import { ImportWarningCode, type ImportWarning } from './statement-facts';
import { formatAmount } from '../formats/amount';
import { StatementReader } from './statement-reader';
import { parseTemplate, type MappingTemplate } from './template';
import { inputName, type FileFormat, type ImportInput, type ImportMode } from './types';

export interface LedgerImportOptions {
  readonly customerId: string;
  /** The system the export comes from (ledger_entries.source, e.g. "SAP"); ids are unique per source. */
  readonly source: string;
  readonly file: ImportInput;
  readonly template: MappingTemplate | unknown;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  readonly mode?: ImportMode;
  /** Default AUTO: LOAD DATA LOCAL INFILE, multi-row INSERTs where the server refuses it. */
  readonly bulkMethod?: BulkMethod | 'AUTO';
}

export interface LedgerImportedResult {
  readonly status: 'IMPORTED';
  readonly importFileId: string;
  readonly fileHash: string;
  readonly format: FileFormat;
  /** Valid entries in the file. */
  readonly lineCount: number;
  /** Entries written now. */
  readonly inserted: number;
  /** Entries (same source and id) loaded before, by an earlier file: left as they are. */
  readonly alreadyPresent: number;
  readonly rejectedRowCount: number;
  readonly total: string;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  readonly issues: readonly ImportIssue[];
  readonly warnings: readonly ImportWarning[];
  readonly rejectsCsv: string | null;
  /** The rejected rows, for rejectsCsvFile / rejectsXlsxFile (not sent over the API). */
  readonly rejects: RejectsData | null;
  readonly bulkMethod: BulkMethod;
  readonly seconds: number;
}

export type LedgerImportResult = LedgerImportedResult | DuplicateResult | RejectedResult;

const SOURCE = /^[A-Za-z0-9_.:-]{1,32}$/;

/**
 * Import an ERP export of our receivables for one customer into ledger_entries, the same way as a
 * statement (one transaction, LOAD DATA, same file twice is DUPLICATE). Entry ids come from the id
 * column, else the document number, so that an entry in two exports is stored once: entries already
 * there are skipped and counted, never changed (corrections are adjustments, through approval).
 */
export async function importLedgerFile(
  db: Connection | Pool,
  options: LedgerImportOptions,
): Promise<LedgerImportResult> {
  const started = process.hrtime.bigint();
  const template = parseTemplate(options.template);
  const mode = options.mode ?? 'ALL_OR_NOTHING';
  const period = checkPeriod(options.periodStart, options.periodEnd);
  checkCustomerId(options.customerId);
  if (!SOURCE.test(options.source)) {
    throw new ImportFileError(
      ImportErrorCode.INVALID_OPTIONS,
      `source must be 1-32 letters, digits or _.:- (got "${options.source}")`,
    );
  }
  if (template.columns.externalId === undefined && template.columns.docNo === undefined) {
    throw new ImportFileError(
      ImportErrorCode.INVALID_OPTIONS,
      'a ledger template must map externalId or docNo: entries need stable ids',
    );
  }
  const fileHash = await hashInput(options.file);

  const result = await withConnection(db, async (conn): Promise<LedgerImportResult> => {
    const existing = await findImport(conn, options.customerId, ImportKind.LEDGER, fileHash);
    if (existing?.status === ImportStatus.IMPORTED) return duplicateResult(existing.id, null, fileHash);
    const currency = await customerCurrency(conn, options.customerId);
    if (!currency)
      throw new ImportFileError(ImportErrorCode.INVALID_OPTIONS, `no customer ${options.customerId}`);
    let reader: StatementReader;
    try {
      reader = await StatementReader.open(options.file, template, {
        currency,
        period: period ?? undefined,
        lineIds: 'DOC_NO',
      });
    } catch (error) {
      if (error instanceof ImportFileError) return rejectedResult(fileHash, 0, [error.toIssue()], null);
      throw error;
    }

    return inImportTransaction(conn, fileHash, async (tx): Promise<LedgerImportResult> => {
      const claimed = await claimOrDuplicate(conn, tx, {
        customerId: options.customerId,
        kind: ImportKind.LEDGER,
        fileName: inputName(options.file),
        fileHash,
        existing,
        importedBy: SYSTEM_ACTORS.import.id,
      });
      if (claimed.status === 'DUPLICATE') return duplicateResult(claimed.importFileId, null, fileHash);
      const { importFileId } = claimed;
      const target = ledgerEntriesTarget(options.customerId, importFileId, options.source);
      const load = await streamIntoTable(conn, reader, target, mode, options.bulkMethod);
      const summary = reader.summary();
      const rejects = rejectsData(summary, template);
      const warnings: ImportWarning[] = [...summary.warnings];
      for (const balance of [summary.openingBalance, summary.closingBalance]) {
        if (!balance) continue;
        warnings.push({
          code: ImportWarningCode.BALANCE_ROW_NOT_LOADED,
          row: balance.row,
          message: `${balance.label} ${formatAmount(balance.amount)} is a balance, not an entry: not loaded (our opening balance is carried from earlier periods and the entries before them)`,
        });
      }
      if ((mode === 'ALL_OR_NOTHING' && reader.hasProblems()) || summary.lineCount === 0) {
        await tx.rollback();
        const noLines: ImportIssue[] =
          summary.lineCount === 0 && !reader.hasProblems()
            ? [
                {
                  code: ImportErrorCode.NO_LINES,
                  row: null,
                  column: null,
                  message: 'the file has no ledger entries',
                },
              ]
            : [];
        return rejectedResult(
          fileHash,
          summary.rejectedRowCount,
          [...summary.issues, ...noLines],
          rejects && rejectsCsv(rejects),
          { rejects, warnings },
        );
      }
      await conn.query('UPDATE import_files SET row_count = ? WHERE id = ?', [
        load.affectedRows,
        importFileId,
      ]);
      // Our books changed: audited in the import's transaction, as the API's ledger batches are.
      if (load.affectedRows > 0)
        await auditOnImport(conn, [
          {
            ...auditFields(SYSTEM_ACTORS.import),
            action: 'ledger.entries_loaded',
            entityType: 'ledger',
            entityId: options.source,
            after: {
              created: load.affectedRows,
              unchanged: summary.lineCount - load.affectedRows,
              customerId: options.customerId,
              importFileId,
              fileName: inputName(options.file),
              fileHash,
              total: summary.total,
            },
          },
        ]);
      return {
        status: 'IMPORTED',
        importFileId,
        fileHash,
        format: summary.format,
        lineCount: summary.lineCount,
        inserted: load.affectedRows,
        alreadyPresent: summary.lineCount - load.affectedRows,
        rejectedRowCount: summary.rejectedRowCount,
        total: summary.total,
        firstDate: summary.firstDate,
        lastDate: summary.lastDate,
        issues: summary.issues,
        warnings,
        rejects,
        rejectsCsv: rejects && rejectsCsv(rejects),
        bulkMethod: load.method,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      };
    });
  });
  recordImport(result, started);
  return result;
}
