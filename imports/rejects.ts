import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { DateFormat } from '../formats/date';
import type { TextEncoding } from '../formats/encoding';
import { csvField } from './csv-writer';
import { neutralizeFormula } from './formula-cells';
import type { ImportIssue } from './errors';
import type { ReadSummary, RejectedRow } from './statement-reader';
import type { MappingTemplate } from './template';
import { cellText } from './text';
import type { CellValue, FileFormat, SheetRow } from './types';

/**
 * The rejects file handed back after a VALID_ROWS import (or a dry run): the rows that did not become
 * lines, laid out exactly as the file was — its title and header rows, the rejected rows with their
 * cells as they were, in the file's own format, encoding and delimiter — with the reasons in three
 * columns added on the right. So it is read by the template the file was read with: fix the rows,
 * import it again, and its lines join the month's statement.
 */
export interface RejectsData {
  readonly format: FileFormat;
  readonly encoding: TextEncoding | null;
  readonly delimiter: string | null;
  readonly sheetName: string | null;
  readonly dateFormat: DateFormat;
  readonly headerRows: readonly SheetRow[];
  readonly rows: readonly RejectedRow[];
  readonly width: number;
}

const REASON_TITLES = ['行号 Row', '错误代码 Code', '原因 Reason'];

export function rejectsData(summary: ReadSummary, template: MappingTemplate): RejectsData | null {
  if (summary.rejects.length === 0) return null;
  const width = Math.max(
    summary.columns.length,
    ...summary.headerRows.map((r) => r.cells.length),
    ...summary.rejects.map((r) => r.cells.length),
  );
  return {
    format: summary.format,
    encoding: summary.encoding,
    delimiter: summary.delimiter,
    sheetName: summary.sheetName,
    dateFormat: template.dateFormat ?? 'AUTO',
    headerRows: summary.headerRows,
    rows: summary.rejects,
    width,
  };
}

/** The rows of the rejects file, as cell values: header rows, then each rejected row and why. */
function table(data: RejectsData): CellValue[][] {
  const pad = (cells: readonly CellValue[]) => [
    ...cells,
    ...Array<CellValue>(Math.max(0, data.width - cells.length)).fill(null),
  ];
  const lastHeader = data.headerRows[data.headerRows.length - 1];
  const rows: CellValue[][] = data.headerRows.map((row) =>
    row === lastHeader ? [...pad(row.cells), ...REASON_TITLES] : [...row.cells],
  );
  // A file without a header row gets none: it would be read as a line.
  for (const reject of data.rows) {
    const join = (pick: (issue: ImportIssue) => string | null) =>
      reject.issues.map((issue) => pick(issue) ?? '').join(' | ');
    rows.push([
      ...pad(reject.cells),
      String(reject.row),
      join((i) => i.code),
      join((i) => (i.column ? `${i.column}: ${i.message}` : i.message)),
    ]);
  }
  return rows;
}

/** A cell as CSV text the template reads back: dates in the template's date format. */
function csvText(value: CellValue, dateFormat: DateFormat): string {
  if (!(value instanceof Date)) return cellText(value);
  const iso = cellText(value);
  const [y, m, d] = iso.split('-');
  if (dateFormat === 'DMY') return `${d}/${m}/${y}`;
  if (dateFormat === 'MDY') return `${m}/${d}/${y}`;
  if (dateFormat === 'EXCEL_SERIAL') return String(Math.round(value.getTime() / 86_400_000 + 25_569));
  return iso;
}

/**
 * The rejects as CSV text (without byte-order mark), in the file's delimiter. Cells are the uploader's
 * (and the reasons quote them), so one a spreadsheet would run as a formula gets a leading apostrophe
 * (formula-cells.ts); the import reads it back without, so the file still re-imports.
 */
export function rejectsCsv(data: RejectsData): string {
  const delimiter = data.delimiter ?? ',';
  const field = (cell: CellValue) => csvField(neutralizeFormula(csvText(cell, data.dateFormat)), delimiter);
  return (
    table(data)
      .map((row) => row.map(field).join(delimiter))
      .join('\r\n') + '\r\n'
  );
}

/** The rejects as the bytes of a CSV file in the original's encoding (UTF-8 with a BOM for Excel). */
export function rejectsCsvFile(data: RejectsData): Buffer {
  const text = rejectsCsv(data);
  switch (data.encoding) {
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]);
    default:
      return Buffer.from(`\uFEFF${text}`, 'utf8');
  }
}

/** The rejects as a workbook with the original sheet's name, cells keeping their types (dates, numbers). */
export async function rejectsXlsxFile(data: RejectsData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(data.sheetName ?? 'Sheet1');
  const rows = table(data);
  // Rows keep their numbers: a template with headerRow finds its header where it was.
  const headers = data.headerRows.length;
  const dataStart = (data.headerRows[headers - 1]?.row ?? 1) + 1;
  rows.forEach((cells, i) => {
    const row = sheet.getRow(i < headers ? (data.headerRows[i]?.row ?? i + 1) : dataStart + i - headers);
    cells.forEach((cell, c) => {
      if (cell !== null) row.getCell(c + 1).value = cell;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rejects file in the format a path asks for (.xlsx, else CSV), with the original's as default. */
export async function rejectsFileFor(data: RejectsData, path: string): Promise<Buffer> {
  return /\.xlsx$/i.test(path) ? rejectsXlsxFile(data) : rejectsCsvFile(data);
}
