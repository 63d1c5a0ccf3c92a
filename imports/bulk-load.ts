import { Readable } from 'node:stream';
import type { Connection, Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { InvalidAmountError, money } from '../money/decimal';
import { ImportErrorCode, ImportFileError, type ImportIssue } from './errors';
import { hashInput } from './file-hash';
import {
  claimImportFile,
  customerCurrency,
  finishStatement,
  findImport,
  insertStatement,
  isDuplicateKey,
  type ExistingImport,
} from './import-db';
import type { ImportMode, ImportResult, RejectedResult } from './import-result';
import { loadStatementLinesSql, statementLineRow } from './load-data';
import type { Period } from './line-checks';
import { ImportStatus } from '../entities/enums';
import { rejectsCsv } from './rejects';
import { StatementReader } from './statement-reader';
import { parseTemplate, type MappingTemplate } from './template';
import { inputName, type ImportInput } from './types';

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
}

/** One packet per 256 Ki characters: few packets, yet short-lived strings (and far below the 16 MiB packet limit). */
const LOAD_CHUNK_CHARS = 1 << 18;

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
  if (!Number.isSafeInteger(options.customerId) || options.customerId <= 0) {
    throw new ImportFileError(ImportErrorCode.INVALID_OPTIONS, `bad customer id ${options.customerId}`);
  }

  const fileHash = await hashInput(options.file);
  const conn = isPool(db) ? await db.getConnection() : db;
  try {
    const existing = await findImport(conn, options.customerId, fileHash);
    if (existing && existing.status === ImportStatus.IMPORTED) return duplicate(existing, fileHash);
    const currency = await customerCurrency(conn, options.customerId);
    if (!currency)
      throw new ImportFileError(ImportErrorCode.INVALID_OPTIONS, `no customer ${options.customerId}`);

    let reader: StatementReader;
    try {
      reader = await StatementReader.open(options.file, template, { currency, period: period ?? undefined });
    } catch (error) {
      if (error instanceof ImportFileError) return rejected(fileHash, 0, [error.toIssue()], null);
      throw error;
    }

    await conn.beginTransaction();
    let committed = false;
    try {
      let importFileId: number;
      let statementId: number;
      try {
        importFileId = await claimImportFile(
          conn,
          options.customerId,
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
        await conn.rollback();
        const again = await findImport(conn, options.customerId, fileHash);
        if (again) return duplicate(again, fileHash);
        throw new ImportFileError(
          ImportErrorCode.INVALID_OPTIONS,
          `customer ${options.customerId} already has a statement with source ref ${options.sourceRef ?? fileHash}`,
        );
      }

      const load = await bulkLoad(conn, reader, statementId, mode);
      const summary = reader.summary();
      const refuse = (issues: readonly ImportIssue[]): Promise<RejectedResult> =>
        conn
          .rollback()
          .then(() =>
            rejected(
              fileHash,
              summary.rejectedRowCount,
              issues,
              rejectsCsv(summary.columns, summary.rejects, summary.issues),
            ),
          );
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
      committed = true;
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
        issues: summary.issues,
        rejectsCsv: hasRejects ? rejectsCsv(summary.columns, summary.rejects, summary.issues) : null,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      };
    } catch (error) {
      if (!committed) await conn.rollback().catch(() => undefined);
      if (error instanceof ImportFileError) return rejected(fileHash, 0, [error.toIssue()], null);
      throw error;
    }
  } finally {
    if (conn !== db) (conn as PoolConnection).release();
  }
}

/**
 * Streams accepted lines into LOAD DATA LOCAL INFILE while the file is still being read, so parsing
 * and the server's insert run side by side. In ALL_OR_NOTHING mode the first bad row stops the
 * sending (the transaction will be rolled back) but reading goes on to report every problem.
 */
async function bulkLoad(
  conn: Connection,
  reader: StatementReader,
  statementId: number,
  mode: ImportMode,
): Promise<ResultSetHeader> {
  async function* chunks(): AsyncGenerator<Buffer> {
    let sending = true;
    let text = '';
    for await (const batch of reader.batches()) {
      if (mode === 'ALL_OR_NOTHING' && batch.rejected.length > 0) sending = false;
      if (!sending) continue;
      for (const line of batch.lines) {
        text += statementLineRow(line);
        if (text.length >= LOAD_CHUNK_CHARS) {
          yield Buffer.from(text);
          text = '';
        }
      }
    }
    if (sending && text) yield Buffer.from(text);
  }
  const stream = Readable.from(chunks(), { objectMode: false });
  const [result] = await conn.query<ResultSetHeader>({
    sql: loadStatementLinesSql(statementId),
    infileStreamFactory: () => stream,
  });
  if (result.warningStatus > 0) {
    const [warnings] = await conn.query<RowDataPacket[]>('SHOW WARNINGS LIMIT 5');
    throw new Error(`bulk load warnings: ${warnings.map((w) => String(w.Message)).join('; ')}`);
  }
  return result;
}

function isPool(db: Connection | Pool): db is Pool {
  return typeof (db as Partial<Pool>).getConnection === 'function';
}

function duplicate(existing: ExistingImport, fileHash: string): ImportResult {
  return { status: 'DUPLICATE', importFileId: existing.id, statementId: existing.statementId, fileHash };
}

function rejected(
  fileHash: string,
  rejectedRowCount: number,
  issues: readonly ImportIssue[],
  rejects: string | null,
): RejectedResult {
  return { status: 'REJECTED', fileHash, rejectedRowCount, issues, rejectsCsv: rejects };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkPeriod(start: string | undefined, end: string | undefined): Period | null {
  if (start === undefined && end === undefined) return null;
  const valid = (d: string | undefined): d is string => {
    if (d === undefined || !ISO_DATE.test(d)) return false;
    const time = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
  };
  if (!valid(start) || !valid(end) || start > end) {
    throw new ImportFileError(
      ImportErrorCode.INVALID_OPTIONS,
      `the period needs periodStart <= periodEnd, both YYYY-MM-DD (got ${start} .. ${end})`,
    );
  }
  return { start, end };
}

function checkAmount(name: string, value: string): string {
  try {
    return money(value).toFixed();
  } catch (error) {
    if (error instanceof InvalidAmountError) {
      throw new ImportFileError(
        ImportErrorCode.INVALID_OPTIONS,
        `${name} ${JSON.stringify(value)} is not an amount`,
      );
    }
    throw error;
  }
}
