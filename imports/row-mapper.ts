import type { EntryKind } from '../contract/enums';
import { normalizeCurrency } from '../formats/currency';
import { ImportErrorCode, type ImportIssue } from './errors';
import type { ColumnLayout, ResolvedColumn } from './header';
import type { BalanceKind } from '../formats/kinds';
import { createBalanceLookup, createKindLookup, kindBySign } from './kinds';
import { negateAmount, parseAmount } from '../formats/amount';
import { createDateParser } from '../formats/date';
import type { ParseFailure } from '../formats/errors';
import { DEFAULT_SKIP_PREFIXES, type MappingTemplate } from './template';
import { cellText, isBlank, isBlankRow, normalizeLabel } from './text';
import type { CellValue, SheetRow, StatementLineInput } from './types';

/** Column sizes of statement_lines; longer identifiers are errors, longer descriptions are cut. */
export const FIELD_LIMITS = { externalId: 128, docNo: 64, reference: 128, description: 512 } as const;

/** A line as the mapper makes it; the reader numbers it once the file-wide checks pass. */
export type MappedLine = { -readonly [K in keyof StatementLineInput]: StatementLineInput[K] } & {
  /** The kind came from the file (a kind column), not from the amount's sign. */
  kindGiven: boolean;
};

/** A balance row (期初余额, 期末余额, …): not a line; it carries one of the statement's balances. */
export interface BalanceRow {
  readonly tag: 'balance';
  readonly balance: BalanceKind;
  readonly row: number;
  /** Signed like lines (positive: the customer owes us); null when the row holds no amount. */
  readonly amount: string | null;
  readonly date: string | null;
  /** The words that named it, as written. */
  readonly label: string;
  readonly issues: readonly ImportIssue[];
}

/** A totals or footer row (合计, 本年累计, 制表人, …): skipped, and counted so nothing goes unseen. */
export interface SkippedRow {
  readonly tag: 'skipped';
  readonly row: number;
  readonly text: string;
}

/** A line, the row's problems (all of them), a balance or skipped row, or null for a blank row. */
export type RowResult = MappedLine | ImportIssue[] | BalanceRow | SkippedRow | null;

/**
 * Turns data rows into statement lines by the template, checking every field so that one pass reports
 * all of a row's problems. Stateless across rows (file-wide checks live in LineChecks). Runs once per
 * row of million-line files, hence no per-row closures and a lazily made issue list.
 */
/**
 * Where a line's external id comes from when the file has no id column. ROW: the row (fine for a
 * statement, which is one file); DOC_NO: the document number (ledger entries must keep their id
 * from one export to the next, so that loading an entry twice finds it).
 */
export type LineIdSource = 'ROW' | 'DOC_NO';

export function createRowMapper(
  layout: ColumnLayout,
  template: MappingTemplate,
  statementCurrency: string,
  idSource: LineIdSource = 'ROW',
): (row: SheetRow) => RowResult {
  const parseDate = createDateParser(template.dateFormat ?? 'AUTO');
  const lookupKind = createKindLookup(template.kindMap);
  const balanceOf = createBalanceLookup(template.kindMap);
  const isTotalRow = createTotalRowTest([...DEFAULT_SKIP_PREFIXES, ...(template.skipRowsStartingWith ?? [])]);
  const balanceNegated = template.balancePositiveMeans === 'DECREASE';
  const defaultCurrency = template.currency ?? statementCurrency;
  const mapping = template.amount;
  const negate = 'column' in mapping ? mapping.positiveMeans === 'DECREASE' : mapping.debitIs === 'DECREASE';
  const amountColumns = layout.amount;

  return (row) => {
    const cells = row.cells;
    if (isBlankRow(cells)) return null;
    const skipped = isTotalRow(cells);
    if (skipped !== null) return { tag: 'skipped', row: row.row, text: skipped };
    let issues: ImportIssue[] | null = null;
    const add = (issue: ImportIssue): void => void (issues ??= []).push(issue);

    const balance = balanceRowLabel(cells, layout, balanceOf);
    if (balance) return balanceRow(row, balance.kind, balance.label);

    const dateCell = cells[layout.date.index] ?? null;
    const date = parseDate(dateCell);
    if (!date.ok) add(issueOf(row, layout.date, dateCell, date));

    const amount = lineAmount(row, add);

    const docNo = textField(row, layout.docNo, FIELD_LIMITS.docNo, add);
    let externalId = textField(row, layout.externalId, FIELD_LIMITS.externalId, add);
    if (externalId === null && idSource === 'DOC_NO') {
      externalId = docNo;
      if (docNo === null) {
        add({
          code: ImportErrorCode.MISSING_VALUE,
          row: row.row,
          column: (layout.externalId ?? layout.docNo)?.label ?? null,
          message: 'a ledger entry needs its id: the id or document number is empty',
        });
      }
    }
    const reference = textField(row, layout.reference, FIELD_LIMITS.reference, add);
    const description =
      textField(row, layout.description, null, add)?.slice(0, FIELD_LIMITS.description) ?? null;
    const currency = lineCurrency(row, layout.currency, defaultCurrency, statementCurrency, add);

    let kind: EntryKind | null = null;
    const kindText = textField(row, layout.kind, null, add);
    if (kindText !== null) {
      const word = lookupKind(kindText);
      kind = word && 'line' in word ? word.line : null;
      if (!kind) {
        add({
          code: ImportErrorCode.UNKNOWN_KIND,
          row: row.row,
          column: layout.kind?.label ?? null,
          message: `"${kindText}" is not a known kind of document; add it to the template's kindMap`,
          value: kindText,
        });
      }
    }

    if (issues !== null || !date.ok || amount === null || currency === null) return issues ?? [];
    return {
      lineNo: 0,
      sourceRow: row.row,
      externalId: externalId ?? rowId(row.row),
      txnDate: date.value,
      docNo,
      reference,
      description,
      kind: kind ?? kindBySign(amount),
      kindGiven: kind !== null,
      amount,
      currency,
    };
  };

  /** The signed amount of a line's amount column(s); problems go to `add`. */
  function lineAmount(row: SheetRow, add: (issue: ImportIssue) => void): string | null {
    let amount: string | null = null;
    if ('column' in amountColumns) {
      const cell = row.cells[amountColumns.column.index] ?? null;
      const parsed = parseAmount(cell);
      if (parsed.ok) amount = parsed.value;
      else add(issueOf(row, amountColumns.column, cell, parsed));
    } else {
      amount = debitCredit(row, amountColumns.debit, amountColumns.credit, add);
    }
    return amount !== null && negate ? negateAmount(amount) : amount;
  }

  /**
   * A balance row's amount: the balance column (余额) when mapped and filled, else the amount
   * column(s) as for a line. Empty everywhere: null (the reader says so).
   */
  function balanceRow(row: SheetRow, kind: BalanceKind, label: string): BalanceRow {
    const issues: ImportIssue[] = [];
    const add = (issue: ImportIssue): void => void issues.push(issue);
    let amount: string | null = null;
    const balanceCell = layout.balance ? (row.cells[layout.balance.index] ?? null) : null;
    if (layout.balance && !isBlank(balanceCell)) {
      const parsed = parseAmount(balanceCell);
      if (parsed.ok) amount = balanceNegated ? negateAmount(parsed.value) : parsed.value;
      else if (parsed.code !== ImportErrorCode.MISSING_VALUE)
        add(issueOf(row, layout.balance, balanceCell, parsed));
    }
    if (amount === null && issues.length === 0) {
      const found: ImportIssue[] = [];
      const fromAmount = lineAmount(row, (issue) => void found.push(issue));
      if (fromAmount !== null) amount = fromAmount;
      else issues.push(...found.filter((issue) => issue.code !== ImportErrorCode.MISSING_VALUE));
    }
    const date = parseDate(row.cells[layout.date.index] ?? null);
    return {
      tag: 'balance',
      balance: kind,
      row: row.row,
      amount,
      date: date.ok ? date.value : null,
      label,
      issues,
    };
  }
}

/**
 * Whether a row is a balance row, and the words that say so: the kind column, the description, or
 * the row's first text (期初余额 often sits in the date column of printed statements).
 */
function balanceRowLabel(
  cells: readonly CellValue[],
  layout: ColumnLayout,
  balanceOf: (text: string) => BalanceKind | null,
): { kind: BalanceKind; label: string } | null {
  const candidates: CellValue[] = [];
  if (layout.kind) candidates.push(cells[layout.kind.index] ?? null);
  if (layout.description) candidates.push(cells[layout.description.index] ?? null);
  const first = cells.find((cell) => !isBlank(cell));
  if (typeof first === 'string') candidates.push(first);
  for (const cell of candidates) {
    if (typeof cell !== 'string' || cell.trim() === '') continue;
    const code = cell.trimStart().charCodeAt(0);
    if (code >= 48 && code <= 57) continue;
    const kind = balanceOf(cell);
    if (kind) return { kind, label: cell.trim() };
  }
  return null;
}

/**
 * The id of a line whose file has no id column: its row. Zero-padded so that ids sort in file order,
 * which keeps the (statement_id, external_id) index append-only during a bulk load (~15% faster).
 */
export function rowId(row: number): string {
  return `R${String(row).padStart(8, '0')}`;
}

function issueOf(
  row: SheetRow,
  column: ResolvedColumn | null,
  cell: CellValue,
  failure: ParseFailure<ImportErrorCode>,
): ImportIssue {
  return {
    code: failure.code,
    row: row.row,
    column: column?.label ?? null,
    message: failure.reason,
    value: cellText(cell),
  };
}

/** Text of an optional column: null when absent or empty; too long for its column is a problem. */
function textField(
  row: SheetRow,
  column: ResolvedColumn | undefined,
  limit: number | null,
  add: (issue: ImportIssue) => void,
): string | null {
  if (!column) return null;
  const cell = row.cells[column.index] ?? null;
  const value = cellText(cell);
  if (value === '') return null;
  if (limit !== null && value.length > limit) {
    add(
      issueOf(row, column, cell, {
        ok: false,
        code: ImportErrorCode.VALUE_TOO_LONG,
        reason: `longer than ${limit} characters`,
      }),
    );
  }
  return value;
}

/** Exactly one of debit and credit holds a (non-zero) amount; the result is debit minus credit. */
function debitCredit(
  row: SheetRow,
  debitColumn: ResolvedColumn,
  creditColumn: ResolvedColumn,
  add: (issue: ImportIssue) => void,
): string | null {
  const debitCell = row.cells[debitColumn.index] ?? null;
  const creditCell = row.cells[creditColumn.index] ?? null;
  const debit = parseAmount(debitCell);
  const credit = parseAmount(creditCell);
  const debitEmpty = !debit.ok && debit.code === ImportErrorCode.MISSING_VALUE;
  const creditEmpty = !credit.ok && credit.code === ImportErrorCode.MISSING_VALUE;
  if (!debit.ok && !debitEmpty) add(issueOf(row, debitColumn, debitCell, debit));
  if (!credit.ok && !creditEmpty) add(issueOf(row, creditColumn, creditCell, credit));
  const both = (code: ImportErrorCode, message: string): null => {
    add({ code, row: row.row, column: null, message });
    return null;
  };
  if (debitEmpty && creditEmpty) {
    return both(
      ImportErrorCode.MISSING_VALUE,
      `neither ${debitColumn.label} nor ${creditColumn.label} holds an amount`,
    );
  }
  if ((!debit.ok && !debitEmpty) || (!credit.ok && !creditEmpty)) return null;
  const debitValue = debit.ok ? debit.value : '0';
  const creditValue = credit.ok ? credit.value : '0';
  const debitZero = !/[1-9]/.test(debitValue);
  if (!debitZero && /[1-9]/.test(creditValue)) {
    return both(
      ImportErrorCode.BOTH_DEBIT_AND_CREDIT,
      `both ${debitColumn.label} (${debitValue}) and ${creditColumn.label} (${creditValue}) hold amounts`,
    );
  }
  return debitZero ? negateAmount(creditValue) : debitValue;
}

function lineCurrency(
  row: SheetRow,
  column: ResolvedColumn | undefined,
  fallback: string,
  statementCurrency: string,
  add: (issue: ImportIssue) => void,
): string | null {
  const cell = column ? (row.cells[column.index] ?? null) : null;
  if (!column || isBlank(cell)) return fallback;
  const raw = cellText(cell);
  const code = normalizeCurrency(raw);
  if (!code) {
    add({
      code: ImportErrorCode.INVALID_CURRENCY,
      row: row.row,
      column: column.label,
      message: `"${raw}" is not a currency code`,
      value: raw,
    });
    return null;
  }
  if (code !== statementCurrency) {
    add({
      code: ImportErrorCode.CURRENCY_MISMATCH,
      row: row.row,
      column: column.label,
      message: `${code} line on a ${statementCurrency} statement`,
      value: raw,
    });
    return null;
  }
  return code;
}

/**
 * Totals and footer rows ("合计", "制表人：张三", "Total") start with a marker; returns the row's first
 * text when it does, else null. Only cells that could normalise to one are normalised: a row starting
 * with a date (a digit) never is, which spares the common case.
 */
function createTotalRowTest(prefixes: readonly string[]): (cells: readonly CellValue[]) => string | null {
  // Printed ledgers space out two-character labels to align them ("合  计", "小 计"): spaces do not count.
  const compact = (text: string) => normalizeLabel(text).replace(/ /g, '');
  const markers = [...new Set(prefixes.map(compact).filter((p) => p !== ''))];
  return (cells) => {
    const first = cells.find((cell) => !isBlank(cell));
    if (typeof first !== 'string') return null;
    const code = first.trimStart().charCodeAt(0);
    if (code >= 48 && code <= 57) return null;
    const label = compact(first);
    return markers.some((marker) => label.startsWith(marker)) ? first.trim() : null;
  };
}
