import type { Connection, Pool } from 'mysql2/promise';
import { auditFields, SYSTEM_ACTORS, type Actor } from '../contract/actor';
import { ImportKind, ImportStatus } from '../contract/enums';
import { formatAmount } from '../formats/amount';
import { money } from '../money/decimal';
import { ImportErrorCode, ImportFileError, type ImportIssue } from './errors';
import { duplicateDifferences, statementFacts } from './duplicate-differences';
import { hashInput } from './file-hash';
import { auditOnImport } from './import-audit';
import { customerCurrency, finishStatement, findImport, insertStatement, isDuplicateKey } from './import-db';
import { checkAmount, checkCustomerId, checkPeriod, withConnection } from './import-options';
import {
  duplicateResult,
  rejectedResult,
  type BalanceSource,
  type ImportResult,
  type StatementAction,
} from './import-result';
import type { Period } from './line-checks';
import { statementLinesTarget } from './load-data';
import { streamIntoTable, type BulkMethod } from './load-stream';
import { rejectsCsv, rejectsData } from './rejects';
import { ImportWarningCode, type ImportWarning } from './statement-facts';
import { StatementReader, type ReadSummary } from './statement-reader';
import {
  clashingIds,
  closedPeriodMeeting,
  currentStatement,
  inferPeriod,
  linesAlreadyOn,
  markReplaced,
  moveLines,
  NOT_YET_EXTRACTED,
  periodOfRange,
  updateStatement,
  type CurrentStatement,
  type InferredPeriod,
} from './statement-target';
import { claimOrDuplicate, inImportTransaction } from './import-transaction';
import { recordImport } from './import-metrics';
import { parseTemplate, type MappingTemplate } from './template';
import { inputName, type ImportInput, type ImportMode } from './types';
import { agreeing, counted } from '../common/counted';

export interface StatementImportOptions {
  readonly customerId: string;
  readonly file: ImportInput;
  /** A validated template (parseTemplate) or its JSON. */
  readonly template: MappingTemplate | unknown;
  /**
   * YYYY-MM-DD, inclusive. When given, lines dated outside are rejected. When not, the period is the
   * customer's reconciliation period holding every line, else the calendar month (quarter for a
   * quarterly customer); lines that straddle are refused with PERIOD_UNCLEAR.
   */
  readonly periodStart?: string;
  readonly periodEnd?: string;
  /**
   * Amount text, read as the file's amounts are ("10,000.00"). Default: the file's opening balance
   * row (期初余额), else the statement it is added to, else 0 with an OPENING_ASSUMED warning.
   */
  readonly openingBalance?: string;
  /** Default: the file's closing balance row (期末余额), else opening + the statement's lines. */
  readonly closingBalance?: string;
  /** Default ALL_OR_NOTHING. */
  readonly mode?: ImportMode;
  /**
   * Replace the period's statement with this file (audited) instead of adding to it; also re-imports
   * a file imported before (e.g. with a corrected template or opening).
   */
  readonly replace?: boolean;
  /** Identifies the statement per customer; default `file:<sha256>`. */
  readonly sourceRef?: string;
  /** Default AUTO: LOAD DATA LOCAL INFILE, multi-row INSERTs where the server refuses it. */
  readonly bulkMethod?: BulkMethod | 'AUTO';
  /** Who imports it: audited (default: the command line's import actor). */
  readonly actor?: Actor;
  /** The file's SHA-256 (hex) when the caller computed it as it received the file: not read again. */
  readonly fileHash?: string;
  /**
   * Runs on the import's transaction just before it commits, once the lines are in place: a caller's
   * check that must still hold when the statement becomes visible (a locking read), or rows that must
   * commit with it. Throwing rolls the whole import back and the error goes to the caller.
   */
  readonly beforeCommit?: (conn: Connection, imported: CommittingImport) => Promise<void>;
}

/** What an import is about to commit, for `beforeCommit`. */
export interface CommittingImport {
  readonly statementId: string;
  readonly importFileId: string;
  readonly action: StatementAction;
  /** The statement this one replaces (REPLACED), else null. */
  readonly replacedStatementId: string | null;
  readonly lineCount: number;
  readonly periodStart: string;
  readonly periodEnd: string;
}

/**
 * Import a customer's statement file: read it by the template, validate every row, and write its lines
 * through the server's bulk path (LOAD DATA LOCAL INFILE, streamed) in one transaction. The lines land
 * in the period's one statement: a new one, the one already there (ADDED: a corrected rejects file),
 * or a replacement when `replace` says so. Nothing is half written; the same file again is DUPLICATE
 * (nothing to do) unless `replace`. Template and option mistakes throw (TemplateError, ImportFileError
 * INVALID_OPTIONS); problems of the file come back as REJECTED.
 */
export async function importStatementFile(
  db: Connection | Pool,
  options: StatementImportOptions,
): Promise<ImportResult> {
  const started = process.hrtime.bigint();
  const template = parseTemplate(options.template);
  const mode = options.mode ?? 'ALL_OR_NOTHING';
  const given = checkPeriod(options.periodStart, options.periodEnd);
  const givenOpening =
    options.openingBalance === undefined ? null : checkAmount('openingBalance', options.openingBalance);
  const givenClosing =
    options.closingBalance === undefined ? null : checkAmount('closingBalance', options.closingBalance);
  checkCustomerId(options.customerId);
  const actor = options.actor ?? SYSTEM_ACTORS.import;
  const fileHash = options.fileHash ?? (await hashInput(options.file));

  const result = await withConnection(db, async (conn): Promise<ImportResult> => {
    const existing = await findImport(conn, options.customerId, ImportKind.STATEMENT, fileHash);
    if (existing?.status === ImportStatus.IMPORTED && !options.replace) {
      const differences = duplicateDifferences(
        { period: given, openingBalance: givenOpening, closingBalance: givenClosing },
        await statementFacts(conn, existing.statementId),
      );
      return duplicateResult(existing.id, existing.statementId, fileHash, differences);
    }
    const currency = await customerCurrency(conn, options.customerId);
    if (!currency)
      throw new ImportFileError(ImportErrorCode.INVALID_OPTIONS, `no customer ${options.customerId}`);

    let reader: StatementReader;
    try {
      reader = await StatementReader.open(options.file, template, { currency, period: given ?? undefined });
    } catch (error) {
      if (error instanceof ImportFileError) return rejectedResult(fileHash, 0, [error.toIssue()], null);
      throw error;
    }

    return inImportTransaction(conn, fileHash, async (tx): Promise<ImportResult> => {
      const claimed = await claimOrDuplicate(conn, tx, {
        customerId: options.customerId,
        kind: ImportKind.STATEMENT,
        fileName: inputName(options.file),
        fileHash,
        existing,
        importedBy: actor.id,
      });
      if (claimed.status === 'DUPLICATE') return claimed;
      const { importFileId } = claimed;
      // The lines load into a statement of their own; once the period is known they stay there
      // or join the period's statement (finish, below).
      let loadedInto: string;
      try {
        loadedInto = await insertStatement(conn, {
          customerId: options.customerId,
          currency,
          sourceRef: options.sourceRef ?? (existing ? `file:${fileHash}@${Date.now()}` : `file:${fileHash}`),
          importFileId,
          openingBalance: '0',
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        throw new ImportFileError(
          ImportErrorCode.INVALID_OPTIONS,
          `customer ${options.customerId} already has a statement with source ref ${options.sourceRef ?? fileHash}`,
        );
      }

      const load = await streamIntoTable(
        conn,
        reader,
        statementLinesTarget(loadedInto, importFileId),
        mode,
        options.bulkMethod,
      );
      const summary = reader.summary();
      const rejects = rejectsData(summary, template);
      const refuse = async (issues: readonly ImportIssue[]): Promise<ImportResult> => {
        await tx.rollback();
        return rejectedResult(fileHash, summary.rejectedRowCount, issues, rejects && rejectsCsv(rejects), {
          rejects,
          warnings: summary.warnings,
        });
      };
      const problem = (code: ImportErrorCode, message: string): ImportIssue => ({
        code,
        row: null,
        column: null,
        message,
      });
      if (mode === 'ALL_OR_NOTHING' && reader.hasProblems()) return await refuse(summary.issues);
      if (summary.lineCount === 0) {
        return await refuse([
          ...summary.issues,
          problem(ImportErrorCode.NO_LINES, 'the file has no statement lines'),
        ]);
      }
      if (load.affectedRows !== summary.lineCount) {
        throw new Error(`bulk load wrote ${load.affectedRows} rows for ${summary.lineCount} lines`);
      }

      const period: InferredPeriod | null = given
        ? { ...given, source: 'GIVEN' }
        : await inferPeriod(conn, options.customerId, summary.firstDate ?? '', summary.lastDate ?? '');
      if (!period) {
        return await refuse([
          problem(
            ImportErrorCode.PERIOD_UNCLEAR,
            `the lines run from ${summary.firstDate} to ${summary.lastDate}, more than one period: ` +
              'give the statement period (-p 2026-11, or --from/--to; periodStart/periodEnd)',
          ),
        ]);
      }
      const closed = await closedPeriodMeeting(conn, options.customerId, period);
      if (closed) {
        return await refuse([
          problem(
            ImportErrorCode.PERIOD_CLOSED,
            `period ${closed.id} (${closed.workflowId}, ${closed.start}..${closed.end}) is closed: ` +
              `a statement for ${period.start}..${period.end} is not accepted into it (a closed period is never rewritten)`,
          ),
        ]);
      }
      const reconciliation = await periodOfRange(conn, options.customerId, period);
      const current = await currentStatement(conn, options.customerId, period, loadedInto);
      const warnings: ImportWarning[] = [...summary.warnings];
      if (period.source !== 'GIVEN') {
        warnings.unshift({
          code: ImportWarningCode.PERIOD_INFERRED,
          row: null,
          message:
            `no period given: the lines are of ${period.start}..${period.end} ` +
            (period.source === 'PERIOD'
              ? '(the reconciliation period holding them)'
              : '(their calendar month)'),
        });
      }
      const finished = await finish(conn, {
        summary,
        period,
        current,
        loadedInto,
        importFileId,
        replace: options.replace === true,
        givenOpening,
        givenClosing,
        warnings,
      });
      if ('refused' in finished) return await refuse([finished.refused]);
      // The same file imported again with --replace: its earlier statement is replaced too.
      if (
        existing?.statementId &&
        existing.statementId !== current?.id &&
        existing.statementId !== finished.statementId
      ) {
        await markReplaced(conn, existing.statementId, finished.statementId);
      }
      if (reconciliation && !NOT_YET_EXTRACTED.has(reconciliation.status)) {
        warnings.push({
          code: ImportWarningCode.PERIOD_ALREADY_EXTRACTED,
          row: null,
          message:
            `period ${reconciliation.id} is ${reconciliation.status}: it reconciles the statement as changed when ` +
            'it next extracts (after review is completed, or a dispute)',
        });
      }
      await auditOnImport(conn, [
        {
          ...auditFields(actor),
          action: finished.action === 'REPLACED' ? 'statement.replaced' : 'statement.imported',
          entityType: 'statement',
          entityId: String(finished.statementId),
          periodId: reconciliation?.id ?? null,
          before: current
            ? {
                statementId: current.id,
                lines: current.lineCount,
                openingBalance: current.openingBalance,
                closingBalance: current.closingBalance,
              }
            : null,
          after: {
            action: finished.action,
            customerId: options.customerId,
            importFileId,
            fileName: inputName(options.file),
            fileHash,
            lines: summary.lineCount,
            statementLines: finished.statementLineCount,
            rejectedRows: summary.rejectedRowCount,
            periodStart: period.start,
            periodEnd: period.end,
            openingBalance: finished.opening,
            closingBalance: finished.closing,
          },
        },
      ]);
      await finishStatement(conn, {
        statementId: finished.statementId,
        importFileId,
        periodStart: period.start,
        periodEnd: period.end,
        closingBalance: finished.closing,
        lineCount: finished.statementLineCount,
        importedLines: summary.lineCount,
      });
      await options.beforeCommit?.(conn, {
        statementId: finished.statementId,
        importFileId,
        action: finished.action,
        replacedStatementId: finished.action === 'REPLACED' ? (current?.id ?? null) : null,
        lineCount: summary.lineCount,
        periodStart: period.start,
        periodEnd: period.end,
      });
      return {
        status: 'IMPORTED',
        importFileId,
        statementId: finished.statementId,
        action: finished.action,
        replacedStatementId: finished.action === 'REPLACED' ? (current?.id ?? null) : null,
        fileHash,
        format: summary.format,
        lineCount: summary.lineCount,
        statementLineCount: finished.statementLineCount,
        rejectedRowCount: summary.rejectedRowCount,
        periodStart: period.start,
        periodEnd: period.end,
        periodSource: period.source,
        reconciliationPeriod: reconciliation,
        total: summary.total,
        openingBalance: finished.opening,
        openingSource: finished.openingSource,
        closingBalance: finished.closing,
        closingSource: finished.closingSource,
        unexplained: finished.unexplained,
        bulkMethod: load.method,
        issues: summary.issues,
        warnings,
        preview: summary.preview,
        rejects,
        rejectsCsv: rejects && rejectsCsv(rejects),
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      };
    });
  });
  recordImport(result, started);
  return result;
}

interface FinishInput {
  readonly summary: ReadSummary;
  readonly period: Period;
  readonly current: CurrentStatement | null;
  readonly loadedInto: string;
  readonly importFileId: string;
  readonly replace: boolean;
  readonly givenOpening: string | null;
  readonly givenClosing: string | null;
  /** Added to. */
  readonly warnings: ImportWarning[];
}

type Finished =
  | {
      readonly action: StatementAction;
      readonly statementId: string;
      readonly statementLineCount: number;
      readonly opening: string;
      readonly openingSource: BalanceSource;
      readonly closing: string;
      readonly closingSource: BalanceSource;
      readonly unexplained: string;
    }
  | { readonly refused: ImportIssue };

/**
 * Settles where the lines belong and the statement's balances: a new statement of the period, the
 * lines joining the one already there, or (replace) a new one that replaces it.
 */
async function finish(conn: Connection, input: FinishInput): Promise<Finished> {
  const { summary, current, warnings } = input;
  const fileOpening = summary.openingBalance;
  const refused = (code: ImportErrorCode, message: string): Finished => ({
    refused: { code, row: null, column: null, message },
  });
  if (input.givenOpening !== null && fileOpening && !sameAmount(input.givenOpening, fileOpening.amount)) {
    return refused(
      ImportErrorCode.OPENING_CONFLICT,
      `the opening given (${formatAmount(input.givenOpening)}) is not the file's ${fileOpening.label} ` +
        `(row ${fileOpening.row}: ${formatAmount(fileOpening.amount)})`,
    );
  }
  const ownOpening = input.givenOpening ?? fileOpening?.amount ?? null;
  const ownClosing = input.givenClosing ?? summary.closingBalance?.amount ?? null;
  const closingSource: BalanceSource =
    input.givenClosing !== null ? 'GIVEN' : summary.closingBalance ? 'FILE' : 'COMPUTED';

  if (current && !input.replace) {
    // Adding to the period's statement: its opening stands; the file may only agree with it.
    if (ownOpening !== null && !sameAmount(ownOpening, current.openingBalance)) {
      return refused(
        ImportErrorCode.OPENING_CONFLICT,
        `statement ${current.id} of ${input.period.start}..${input.period.end} opens at ${formatAmount(current.openingBalance)}, ` +
          `this file at ${formatAmount(ownOpening)}: to make this file the statement, import it with --replace (replace: true)`,
      );
    }
    const clashes = await clashingIds(conn, current.id, input.loadedInto);
    if (clashes.length > 0) {
      return refused(
        ImportErrorCode.DUPLICATE_EXTERNAL_ID,
        `line ids ${clashes.join(', ')} are already on statement ${current.id}: the file repeats lines of the statement ` +
          '(to make this file the statement, import it with --replace)',
      );
    }
    const repeated = await linesAlreadyOn(conn, current.id, input.loadedInto);
    if (repeated.count === summary.lineCount) {
      return refused(
        ImportErrorCode.ALREADY_ON_STATEMENT,
        `every line of the file is already on statement ${current.id} of ${input.period.start}..${input.period.end}: ` +
          'adding them would count them twice (to make this file the statement, import it with --replace)',
      );
    }
    if (repeated.count > 0) {
      warnings.push({
        code: ImportWarningCode.REPEATED_LINE,
        row: null,
        message: `${counted(repeated.count, 'line')} of the file ${agreeing(repeated.count, 'repeats', 'repeat')} lines already on statement ${current.id} (${repeated.rows.join(', ')}): added all the same`,
      });
    }
    await moveLines(conn, input.loadedInto, current.id, current.maxLineNo, input.importFileId);
    const lineCount = current.lineCount + summary.lineCount;
    const total = money(current.total).plus(money(summary.total));
    // A closing the statement was given (it did not tie before) stands; a computed one moves with the lines.
    const wasComputed = money(current.openingBalance)
      .plus(money(current.total))
      .equals(money(current.closingBalance));
    const closing =
      ownClosing ??
      (wasComputed
        ? money(current.openingBalance).plus(total).toFixed()
        : money(current.closingBalance).toFixed());
    await updateStatement(conn, current.id, { closingBalance: closing, lineCount });
    const unexplained = money(closing).minus(money(current.openingBalance)).minus(total).toFixed();
    warnTies(warnings, unexplained, closing);
    return {
      action: 'ADDED',
      statementId: current.id,
      statementLineCount: lineCount,
      opening: money(current.openingBalance).toFixed(),
      openingSource: 'STATEMENT',
      closing,
      closingSource: ownClosing !== null ? closingSource : 'STATEMENT',
      unexplained,
    };
  }

  const opening = ownOpening ?? '0';
  const openingSource: BalanceSource =
    input.givenOpening !== null ? 'GIVEN' : fileOpening ? 'FILE' : 'ASSUMED';
  if (openingSource === 'ASSUMED') {
    warnings.unshift({
      code: ImportWarningCode.OPENING_ASSUMED,
      row: null,
      message:
        'no opening balance: the file has no 期初余额 row and none was given, so 0 was taken. If the customer ' +
        'carried a balance into the period, re-import with --replace --opening "<amount>" (or map the balance row)',
    });
  }
  const closing = ownClosing ?? money(opening).plus(money(summary.total)).toFixed();
  await conn.query('UPDATE customer_statements SET opening_balance = ? WHERE id = ?', [
    opening,
    input.loadedInto,
  ]);
  if (current) await markReplaced(conn, current.id, input.loadedInto);
  const unexplained = money(closing).minus(money(opening)).minus(money(summary.total)).toFixed();
  warnTies(warnings, unexplained, closing);
  return {
    action: current ? 'REPLACED' : 'CREATED',
    statementId: input.loadedInto,
    statementLineCount: summary.lineCount,
    opening,
    openingSource,
    closing,
    closingSource,
    unexplained,
  };
}

function warnTies(warnings: ImportWarning[], unexplained: string, closing: string): void {
  if (money(unexplained).isZero()) return;
  warnings.push({
    code: ImportWarningCode.STATEMENT_DOES_NOT_TIE,
    row: null,
    message:
      `the statement does not tie: its closing balance ${formatAmount(closing)} is ${formatAmount(unexplained)} away from ` +
      'opening + lines; lines are missing (rejected rows?) or wrong',
  });
}

function sameAmount(a: string, b: string): boolean {
  return money(a).equals(money(b));
}
