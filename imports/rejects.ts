import { toCsv } from './csv-writer';
import type { ImportIssue } from './errors';
import type { RejectedRow } from './statement-reader';
import { cellText } from './text';

/**
 * The rejects file handed back after a VALID_ROWS import: one line per rejected row, why, and the row
 * as it was (under the file's own headers) so that it can be corrected and imported again.
 */
export function rejectsCsv(
  columns: readonly string[],
  rejects: readonly RejectedRow[],
  fileIssues: readonly ImportIssue[] = [],
): string {
  const header = ['行号 Row', '列 Column', '错误代码 Code', '原因 Reason', ...columns];
  const join = (issues: readonly ImportIssue[], pick: (issue: ImportIssue) => string | null): string =>
    issues.map((issue) => pick(issue) ?? '').join(' | ');
  const lines = [
    ...fileIssues
      .filter((issue) => issue.row === null || !rejects.some((r) => r.row === issue.row))
      .map((issue) => [
        issue.row === null ? '' : String(issue.row),
        issue.column ?? '',
        issue.code,
        issue.message,
      ]),
    ...rejects.map((reject) => [
      String(reject.row),
      join(reject.issues, (i) => i.column),
      join(reject.issues, (i) => i.code),
      join(reject.issues, (i) => i.message),
      ...reject.cells.map((cell) => cellText(cell)),
    ]),
  ];
  return toCsv([header, ...lines]);
}
