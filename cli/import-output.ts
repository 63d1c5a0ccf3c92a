import { formatAmount } from '../formats/amount';
import { money } from '../money/decimal';
import {
  formatIssue,
  type BalanceFact,
  type ImportedResult,
  type ImportIssue,
  type ImportWarning,
  type PreviewLine,
  type ReadSummary,
} from '../imports';
import { displayWidth, padEndTo, padStartTo } from './text-width';
import { counted } from '../common/counted';

/** What `recon import` prints: one reading per line, the verdict first. */

const signed = (amount: string): string =>
  amount.startsWith('-') ? `−${formatAmount(amount.slice(1))}` : `+${formatAmount(amount)}`;

export function printIssues(print: (line: string) => void, issues: readonly ImportIssue[], limit = 50): void {
  for (const issue of issues.slice(0, limit)) print(`  ${formatIssue(issue)}`);
  if (issues.length > limit) print(`  … and ${issues.length - limit} more (see --rejects)`);
}

export function printWarnings(print: (line: string) => void, warnings: readonly ImportWarning[]): void {
  for (const warning of warnings) {
    print(
      `  WARNING ${warning.code}${warning.row === null ? '' : ` (row ${warning.row})`}: ${warning.message}`,
    );
  }
}

/**
 * The first lines as understood: row, date, document, kind (and whether the file said so or the sign
 * did), the effect on what the customer owes. A reversed debitIs shows as invoices going −.
 */
export function printPreview(
  print: (line: string) => void,
  preview: readonly PreviewLine[],
  total: number,
): void {
  if (preview.length === 0) return;
  print(
    `first ${preview.length} of ${counted(total, 'line')} as read (+ raises what the customer owes us, − lowers it):`,
  );
  const rows = preview.map((line) => [
    String(line.row),
    line.date,
    (line.docNo ?? line.description ?? '').slice(0, 20),
    `${line.kind}${line.kindGiven ? '' : ' (by sign)'}`,
    signed(line.amount),
  ]);
  const header = ['row', 'date', 'document', 'kind', 'amount'];
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    '  ' +
    cells
      .map((c, i) => (i === cells.length - 1 ? padStartTo(c, widths[i] ?? 0) : padEndTo(c, widths[i] ?? 0)))
      .join('  ');
  print(line(header));
  for (const row of rows) print(line(row));
}

function balanceText(fact: BalanceFact | null): string | null {
  return fact ? `${formatAmount(fact.amount)} (row ${fact.row}, ${fact.label})` : null;
}

/** An `--opening` that is not the file's opening row: the import would refuse it (OPENING_CONFLICT). */
export function openingConflict(given: string | null, file: BalanceFact | null): string | null {
  if (given === null || file === null || money(given).equals(file.amount)) return null;
  return `OPENING_CONFLICT: the opening given (${formatAmount(given)}) is not the file's ${file.label} (row ${file.row}: ${formatAmount(file.amount)})`;
}

/**
 * Whether the file ties on its own (opening + lines = closing), as the import would warn: a dry run
 * that reads a closing balance says so before anything is written. Null without a closing to check.
 */
export function fileTie(
  summary: Pick<ReadSummary, 'openingBalance' | 'closingBalance' | 'total' | 'lineCount'>,
  given: { readonly opening: string | null; readonly closing: string | null },
): string | null {
  const closing = given.closing ?? summary.closingBalance?.amount ?? null;
  if (closing === null || summary.lineCount === 0) return null;
  const opening = given.opening ?? summary.openingBalance?.amount ?? '0';
  const unexplained = money(closing).minus(opening).minus(summary.total);
  const sum = `opening ${formatAmount(opening)} + lines ${formatAmount(summary.total)}`;
  return unexplained.isZero()
    ? `ties: ${sum} = closing ${formatAmount(closing)}`
    : `WARNING STATEMENT_DOES_NOT_TIE: the closing balance ${formatAmount(closing)} is ${formatAmount(unexplained.toFixed())} away from ${sum}; lines are missing (rejected rows?) or wrong`;
}

/** The dry run's verdict: would it import, what period, which balances, and the first lines. */
export function printDryRun(
  print: (line: string) => void,
  summary: ReadSummary,
  period: { start: string; end: string; said: string } | null,
  given: { readonly opening: string | null; readonly closing: string | null } = {
    opening: null,
    closing: null,
  },
): boolean {
  const conflict = openingConflict(given.opening, summary.openingBalance);
  const valid = summary.issues.length === 0 && summary.lineCount > 0 && conflict === null;
  const where =
    summary.format === 'CSV' ? `CSV, ${summary.encoding ?? 'utf8'}` : `XLSX, sheet ${summary.sheetName}`;
  print(
    valid
      ? `VALID: ${counted(summary.lineCount, 'line')} would be imported (${where}), total ${formatAmount(summary.total)}`
      : summary.issues.length === 0 && summary.lineCount > 0
        ? `INVALID: ${counted(summary.lineCount, 'line')} read (${where}), but the opening given is not the file's: nothing would be imported`
        : `INVALID: ${counted(summary.rejectedRowCount, 'row')} rejected, ${counted(summary.lineCount, 'line')} read (${where}); nothing would be imported in --mode all`,
  );
  if (summary.firstDate) print(`  dated ${summary.firstDate} .. ${summary.lastDate}`);
  if (period) print(`  period ${period.start} .. ${period.end} (${period.said})`);
  // A balance given on the command line is what the import takes (the file's opening row must agree).
  const opening =
    given.opening !== null && conflict === null
      ? `${formatAmount(given.opening)} (given${summary.openingBalance ? `, as the file's row ${summary.openingBalance.row}` : ''})`
      : balanceText(summary.openingBalance);
  const closing =
    given.closing !== null ? `${formatAmount(given.closing)} (given)` : balanceText(summary.closingBalance);
  print(`  opening balance: ${opening ?? 'none in the file (give --opening, or 0 is assumed)'}`);
  print(`  closing balance: ${closing ?? 'none in the file (opening + lines)'}`);
  const tie = fileTie(summary, given);
  if (tie) print(`  ${tie}`);
  printPreview(print, summary.preview, summary.lineCount);
  printWarnings(print, summary.warnings);
  printIssues(print, summary.issues);
  if (conflict) print(`  ${conflict}`);
  return valid;
}

const ACTION_TEXT: Record<ImportedResult['action'], string> = {
  CREATED: 'a new statement',
  ADDED: 'added to the statement already there',
  REPLACED: 'replacing the statement',
};

export function printImported(print: (line: string) => void, result: ImportedResult): void {
  const replaced =
    result.replacedStatementId === null ? '' : ` ${result.replacedStatementId} (kept, marked replaced)`;
  print(
    `imported ${counted(result.lineCount, 'line')} into statement ${result.statementId}: ${ACTION_TEXT[result.action]}${replaced}`,
  );
  const periodSaid =
    result.periodSource === 'GIVEN'
      ? 'as given'
      : result.periodSource === 'PERIOD'
        ? 'the reconciliation period holding the lines; give -p to choose'
        : 'the calendar month of the lines; give -p to choose';
  print(`  period ${result.periodStart} .. ${result.periodEnd} (${periodSaid})`);
  print(
    `  statement: ${counted(result.statementLineCount, 'line')}, opening ${formatAmount(result.openingBalance)} (${result.openingSource.toLowerCase()}), ` +
      `closing ${formatAmount(result.closingBalance)} (${result.closingSource.toLowerCase()})` +
      (/^-?0(\.0+)?$/.test(result.unexplained)
        ? ', ties'
        : `, unexplained ${formatAmount(result.unexplained)}`),
  );
  if (result.reconciliationPeriod) {
    print(`  reconciliation period ${result.reconciliationPeriod.id}: ${result.reconciliationPeriod.status}`);
  }
  if (result.rejectedRowCount > 0)
    print(`  ${counted(result.rejectedRowCount, 'row')} rejected (see --rejects)`);
  printWarnings(print, result.warnings);
  printIssues(print, result.issues);
}
