import { ImportErrorCode, ImportFileError } from './errors';
import type { ColumnRef, MappingTemplate } from './template';
import { cellText, columnLetter, normalizeLabel } from './text';
import type { SheetRow } from './types';

/** A template column found in the file: its 0-based index and how to name it in messages. */
export interface ResolvedColumn {
  readonly index: number;
  readonly label: string;
}

export type ResolvedAmount =
  { readonly column: ResolvedColumn } | { readonly debit: ResolvedColumn; readonly credit: ResolvedColumn };

export interface ColumnLayout {
  /** Last header row; data starts after it. 0 without header. */
  readonly lastHeaderRow: number;
  /** Header label of every column (letters without header), for messages and the rejects file. */
  readonly labels: readonly string[];
  readonly date: ResolvedColumn;
  readonly reference?: ResolvedColumn;
  readonly docNo?: ResolvedColumn;
  readonly description?: ResolvedColumn;
  readonly externalId?: ResolvedColumn;
  readonly kind?: ResolvedColumn;
  readonly currency?: ResolvedColumn;
  /** The running balance (余额): where balance rows carry their amount. */
  readonly balance?: ResolvedColumn;
  readonly amount: ResolvedAmount;
}

/** How many leading rows we look through for a header when the template does not say where it is. */
export const HEADER_SEARCH_ROWS = 30;

type HeaderCells = readonly (readonly string[])[];

/**
 * Find the template's columns in the file's leading rows. With `headerRow` unset, the first row
 * (within HEADER_SEARCH_ROWS) under which every named column is found is the header: title lines
 * above a table ("XX公司对账单", dates, blank lines) are skipped.
 */
export function resolveLayout(leadingRows: readonly SheetRow[], template: MappingTemplate): ColumnLayout {
  const depth = template.headerRows ?? 1;
  if (template.headerRow === 0) return layoutFor(template, [], 0, widthOf(leadingRows));
  if (template.headerRow !== undefined) {
    const start = template.headerRow;
    return layoutFor(
      template,
      headerCells(leadingRows, start, depth),
      start + depth - 1,
      widthOf(leadingRows),
    );
  }
  if (!namedRefs(template).length) {
    return layoutFor(template, headerCells(leadingRows, 1, depth), depth, widthOf(leadingRows));
  }
  let firstError: ImportFileError | null = null;
  for (const candidate of leadingRows.slice(0, HEADER_SEARCH_ROWS)) {
    try {
      const cells = headerCells(leadingRows, candidate.row, depth);
      return layoutFor(template, cells, candidate.row + depth - 1, widthOf(leadingRows));
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      // An ambiguous match is worth reporting; a missing one only means "not this row".
      if (error.code === ImportErrorCode.AMBIGUOUS_COLUMN) firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  throw new ImportFileError(ImportErrorCode.HEADER_NOT_FOUND, headerNotFound(leadingRows, template, depth));
}

/**
 * Says what was looked for and what was seen: the row that came closest (and what it lacks), and the
 * first rows as they read, so a wrong column name or a header further down is plain to see.
 */
function headerNotFound(rows: readonly SheetRow[], template: MappingTemplate, depth: number): string {
  const wanted = namedRefs(template);
  const searched = rows.slice(0, HEADER_SEARCH_ROWS);
  let best: { row: number; found: string[]; missing: string[] } | null = null;
  for (const candidate of searched) {
    const cells = headerCells(rows, candidate.row, depth).flat().map(normalizeLabel);
    const found = wanted.filter((ref) =>
      cells.some((cell) => cell === normalizeLabel(ref) || cell.split('/').includes(normalizeLabel(ref))),
    );
    if (found.length > 0 && (!best || found.length > best.found.length)) {
      best = { row: candidate.row, found, missing: wanted.filter((ref) => !found.includes(ref)) };
    }
  }
  const seen = searched
    .filter((row) => row.cells.some((cell) => cellText(cell) !== ''))
    .slice(0, 8)
    .map((row) => {
      const text = row.cells
        .map((cell) => cellText(cell))
        .filter((t) => t !== '')
        .join(' | ');
      return `row ${row.row}: ${text.length > 120 ? `${text.slice(0, 119)}…` : text}`;
    });
  const quote = (refs: readonly string[]) => refs.map((r) => JSON.stringify(r)).join(', ');
  return (
    `no header row with the columns ${quote(wanted)} in the first ${HEADER_SEARCH_ROWS} rows` +
    (best ? `; closest: row ${best.row} has ${quote(best.found)} but not ${quote(best.missing)}` : '') +
    (seen.length ? `; the rows seen: ${seen.join('; ')}` : '') +
    ". Name the columns as the file does (or by number), or set the template's headerRow"
  );
}

function widthOf(rows: readonly SheetRow[]): number {
  return rows.reduce((max, r) => Math.max(max, r.cells.length), 0);
}

function headerCells(rows: readonly SheetRow[], start: number, depth: number): HeaderCells {
  const out: string[][] = [];
  for (let r = start; r < start + depth; r += 1) {
    const row = rows.find((candidate) => candidate.row === r);
    out.push(row ? row.cells.map((cell) => cellText(cell)) : []);
  }
  return out;
}

function namedRefs(template: MappingTemplate): string[] {
  const amount = template.amount;
  const refs: ColumnRef[] = [
    ...Object.values(template.columns),
    ...('column' in amount ? [amount.column] : [amount.debit, amount.credit]),
  ];
  return refs.filter((ref): ref is string => typeof ref === 'string');
}

function layoutFor(
  template: MappingTemplate,
  header: HeaderCells,
  lastHeaderRow: number,
  dataWidth: number,
): ColumnLayout {
  const width = Math.max(dataWidth, ...header.map((cells) => cells.length));
  const labels = composeLabels(header, width);
  const find = (ref: ColumnRef): ResolvedColumn => findColumn(ref, labels, header);
  const optional = (ref: ColumnRef | undefined): ResolvedColumn | undefined =>
    ref === undefined ? undefined : find(ref);
  const { columns, amount } = template;
  return {
    lastHeaderRow,
    labels,
    date: find(columns.date),
    reference: optional(columns.reference),
    docNo: optional(columns.docNo),
    description: optional(columns.description),
    externalId: optional(columns.externalId),
    kind: optional(columns.kind),
    currency: optional(columns.currency),
    balance: optional(columns.balance),
    amount:
      'column' in amount
        ? { column: find(amount.column) }
        : { debit: find(amount.debit), credit: find(amount.credit) },
  };
}

/** "金额" over "借方" gives "金额/借方"; a cell merged down both header rows counts once. */
function composeLabels(header: HeaderCells, width: number): string[] {
  const labels: string[] = [];
  for (let col = 0; col < width; col += 1) {
    const parts: string[] = [];
    for (const cells of header) {
      const text = (cells[col] ?? '').replace(/\s+/g, ' ').trim();
      if (text && parts[parts.length - 1] !== text) parts.push(text);
    }
    labels.push(parts.length ? parts.join('/') : columnLetter(col));
  }
  return labels;
}

function findColumn(ref: ColumnRef, labels: readonly string[], header: HeaderCells): ResolvedColumn {
  if (typeof ref === 'number') {
    return { index: ref - 1, label: labels[ref - 1] ?? columnLetter(ref - 1) };
  }
  const wanted = normalizeLabel(ref);
  const whole = labels.flatMap((label, index) => (normalizeLabel(label) === wanted ? [index] : []));
  const byPart = labels.flatMap((_, index) =>
    header.some((cells) => normalizeLabel(cells[index] ?? '') === wanted) ? [index] : [],
  );
  const matches = whole.length ? whole : byPart;
  if (matches.length === 1) {
    const index = matches[0] as number;
    return { index, label: labels[index] ?? ref };
  }
  if (matches.length > 1) {
    throw new ImportFileError(
      ImportErrorCode.AMBIGUOUS_COLUMN,
      `"${ref}" names ${matches.length} columns (${matches.map((i) => columnLetter(i)).join(', ')}); ` +
        'use the full header (e.g. "金额/借方"), set headerRows, or give the column number',
      ref,
    );
  }
  throw new ImportFileError(
    ImportErrorCode.COLUMN_NOT_FOUND,
    `no column "${ref}"; the header has: ${labels.join(', ')}`,
    ref,
  );
}
