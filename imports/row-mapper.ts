import type { EntryKind } from '../entities/enums';
import { normalizeCurrency } from './currency';
import { ImportErrorCode, type ImportIssue } from './errors';
import type { ColumnLayout, ResolvedColumn } from './header';
import { createKindLookup, kindBySign } from './kinds';
import { negateAmount, parseAmount } from './parse-amount';
import { parseDate } from './parse-date';
import type { Parsed } from './parsed';
import { DEFAULT_SKIP_PREFIXES, type MappingTemplate } from './template';
import { cellText, isBlank, isBlankRow, normalizeLabel } from './text';
import type { CellValue, SheetRow, StatementLineInput } from './types';

/** Column sizes of statement_lines; longer identifiers are errors, longer descriptions are cut. */
export const FIELD_LIMITS = { externalId: 128, docNo: 64, reference: 128, description: 512 } as const;

export type MappedLine = Omit<StatementLineInput, 'lineNo'>;

export type RowResult =
  | { readonly kind: 'line'; readonly line: MappedLine }
  | { readonly kind: 'rejected'; readonly issues: ImportIssue[] }
  | { readonly kind: 'skipped' };

const SKIPPED: RowResult = { kind: 'skipped' };

/**
 * Turns data rows into statement lines by the template, checking every field of the row so that one
 * pass reports all of its problems. Pure and stateless across rows (file-wide checks live in LineChecks).
 */
export function createRowMapper(
  layout: ColumnLayout,
  template: MappingTemplate,
  statementCurrency: string,
): (row: SheetRow) => RowResult {
  const dateFormat = template.dateFormat ?? 'AUTO';
  const lookupKind = createKindLookup(template.kindMap);
  const skipPrefixes = (template.skipRowsStartingWith ?? DEFAULT_SKIP_PREFIXES).map(normalizeLabel);
  const defaultCurrency = template.currency ?? statementCurrency;
  const amountMapping = template.amount;
  const negateSigned = 'column' in amountMapping && amountMapping.positiveMeans === 'DECREASE';
  const debitDecreases = 'debit' in amountMapping && amountMapping.debitIs === 'DECREASE';

  return (row) => {
    const cells = row.cells;
    if (isBlankRow(cells) || isTotalRow(cells, skipPrefixes)) return SKIPPED;
    const issues: ImportIssue[] = [];
    const report = (
      column: ResolvedColumn | null,
      cell: CellValue | undefined,
      failure: Parsed<unknown>,
    ): void => {
      if (failure.ok) return;
      issues.push({
        code: failure.code,
        row: row.row,
        column: column?.label ?? null,
        message: failure.reason,
        value: cell === undefined ? '' : cellText(cell ?? null),
      });
    };

    const dateCell = cells[layout.date.index] ?? null;
    const date = parseDate(dateCell, dateFormat);
    report(layout.date, dateCell, date);

    let amount: string | null = null;
    const resolved = layout.amount;
    if ('column' in resolved) {
      const cell = cells[resolved.column.index] ?? null;
      const parsed = parseAmount(cell);
      report(resolved.column, cell, parsed);
      if (parsed.ok) amount = negateSigned ? negateAmount(parsed.value) : parsed.value;
    } else {
      amount = debitCredit(row, resolved.debit, resolved.credit, report);
      if (amount !== null && debitDecreases) amount = negateAmount(amount);
    }

    const text = (column: ResolvedColumn | undefined, limit: number | null): string | null => {
      if (!column) return null;
      const cell = cells[column.index] ?? null;
      const value = cellText(cell);
      if (value === '') return null;
      if (limit !== null && value.length > limit) {
        report(column, cell, {
          ok: false,
          code: ImportErrorCode.VALUE_TOO_LONG,
          reason: `longer than ${limit} characters`,
        });
      }
      return value;
    };
    const externalId = text(layout.externalId, FIELD_LIMITS.externalId) ?? `R${row.row}`;
    const docNo = text(layout.docNo, FIELD_LIMITS.docNo);
    const reference = text(layout.reference, FIELD_LIMITS.reference);
    const description = text(layout.description, null)?.slice(0, FIELD_LIMITS.description) ?? null;
    const currency = lineCurrency(row, layout.currency, defaultCurrency, statementCurrency, issues);

    let kind: EntryKind | null = null;
    const kindText = text(layout.kind, null);
    if (kindText !== null) {
      kind = lookupKind(kindText);
      if (!kind) {
        issues.push({
          code: ImportErrorCode.UNKNOWN_KIND,
          row: row.row,
          column: layout.kind?.label ?? null,
          message: `"${kindText}" is not a known kind of document; add it to the template's kindMap`,
          value: kindText,
        });
      }
    }

    if (issues.length > 0 || !date.ok || amount === null || currency === null) {
      return { kind: 'rejected', issues };
    }
    return {
      kind: 'line',
      line: {
        sourceRow: row.row,
        externalId,
        txnDate: date.value,
        docNo,
        reference,
        description,
        kind: kind ?? kindBySign(amount),
        amount,
        currency,
      },
    };
  };
}

/** Exactly one of debit and credit holds a (non-zero) amount; the result is debit minus credit. */
function debitCredit(
  row: SheetRow,
  debitColumn: ResolvedColumn,
  creditColumn: ResolvedColumn,
  report: (column: ResolvedColumn | null, cell: CellValue | undefined, failure: Parsed<unknown>) => void,
): string | null {
  const debitCell = row.cells[debitColumn.index] ?? null;
  const creditCell = row.cells[creditColumn.index] ?? null;
  const debit = parseAmount(debitCell);
  const credit = parseAmount(creditCell);
  const debitEmpty = !debit.ok && debit.code === ImportErrorCode.MISSING_VALUE;
  const creditEmpty = !credit.ok && credit.code === ImportErrorCode.MISSING_VALUE;
  if (!debitEmpty) report(debitColumn, debitCell, debit);
  if (!creditEmpty) report(creditColumn, creditCell, credit);
  if (debitEmpty && creditEmpty) {
    report(null, undefined, {
      ok: false,
      code: ImportErrorCode.MISSING_VALUE,
      reason: `neither ${debitColumn.label} nor ${creditColumn.label} holds an amount`,
    });
    return null;
  }
  if ((!debit.ok && !debitEmpty) || (!credit.ok && !creditEmpty)) return null;
  const debitValue = debit.ok ? debit.value : '0';
  const creditValue = credit.ok ? credit.value : '0';
  const debitZero = !/[1-9]/.test(debitValue);
  const creditZero = !/[1-9]/.test(creditValue);
  if (!debitZero && !creditZero) {
    report(null, undefined, {
      ok: false,
      code: ImportErrorCode.BOTH_DEBIT_AND_CREDIT,
      reason: `both ${debitColumn.label} (${debitValue}) and ${creditColumn.label} (${creditValue}) hold amounts`,
    });
    return null;
  }
  return debitZero ? negateAmount(creditValue) : debitValue;
}

function lineCurrency(
  row: SheetRow,
  column: ResolvedColumn | undefined,
  fallback: string,
  statementCurrency: string,
  issues: ImportIssue[],
): string | null {
  const cell = column ? (row.cells[column.index] ?? null) : null;
  if (!column || isBlank(cell)) return fallback;
  const raw = cellText(cell);
  const code = normalizeCurrency(raw);
  const issue = (code: ImportErrorCode, message: string): null => {
    issues.push({ code, row: row.row, column: column.label, message, value: raw });
    return null;
  };
  if (!code) return issue(ImportErrorCode.INVALID_CURRENCY, `"${raw}" is not a currency code`);
  if (code !== statementCurrency) {
    return issue(ImportErrorCode.CURRENCY_MISMATCH, `${code} line on a ${statementCurrency} statement`);
  }
  return code;
}

function isTotalRow(cells: readonly CellValue[], prefixes: readonly string[]): boolean {
  const first = cells.find((cell) => !isBlank(cell));
  if (typeof first !== 'string') return false;
  const label = normalizeLabel(first);
  return prefixes.some((prefix) => label.startsWith(prefix));
}
