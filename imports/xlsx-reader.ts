import ExcelJS from 'exceljs';
import { ImportErrorCode, ImportFileError } from './errors';
import type { CellValue, SheetRow } from './types';

export interface XlsxSheet {
  readonly sheetName: string;
  readonly rows: SheetRow[];
}

/**
 * Read one worksheet into rows. Cells inside a merged range carry the merged value (exceljs does this),
 * so a header merged across "借方/贷方" columns names both, and a date merged down several rows fills each.
 * `sheet`: a name or a 1-based position; by default the first worksheet that has data.
 */
export async function readXlsxSheet(buffer: Buffer, sheet?: string | number): Promise<XlsxSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; the bytes are what it wants.
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError(
      ImportErrorCode.UNSUPPORTED_FORMAT,
      `not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const worksheet = pickWorksheet(workbook, sheet);
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    const count = row.cellCount;
    for (let col = 1; col <= count; col += 1) cells.push(toCellValue(row.getCell(col).value));
    while (cells.length > 0 && isEmpty(cells[cells.length - 1] ?? null)) cells.pop();
    rows.push({ row: rowNumber, cells });
  });
  return { sheetName: worksheet.name, rows };
}

function pickWorksheet(workbook: ExcelJS.Workbook, sheet: string | number | undefined): ExcelJS.Worksheet {
  const sheets = workbook.worksheets;
  const names = sheets.map((s) => s.name).join(', ');
  if (sheet === undefined) {
    const first = sheets.find((s) => s.actualRowCount > 0) ?? sheets[0];
    if (!first) throw new ImportFileError(ImportErrorCode.EMPTY_FILE, 'the workbook has no worksheets');
    return first;
  }
  const found =
    typeof sheet === 'number'
      ? sheets[sheet - 1]
      : (sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.name.trim() === sheet.trim()));
  if (!found) {
    throw new ImportFileError(
      ImportErrorCode.SHEET_NOT_FOUND,
      `worksheet ${JSON.stringify(sheet)} not found; the workbook has: ${names}`,
    );
  }
  return found;
}

/** Flatten exceljs's cell value shapes (formulas, rich text, hyperlinks, errors) to a plain value. */
export function toCellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const { result, formula, sharedFormula } = value as {
      result?: ExcelJS.CellValue;
      formula?: string;
      sharedFormula?: string;
    };
    // A formula whose value the file never saved (written by a program, not by Excel) is shown as
    // its formula, so the row's problem names it instead of reading as an empty cell.
    if (result === undefined || result === null) return `=${formula ?? sharedFormula ?? ''}`;
    return toCellValue(result);
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : toCellValue(value.text);
  return null;
}

function isEmpty(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}
