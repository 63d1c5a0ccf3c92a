import ExcelJS from 'exceljs';
import { isIsoDate } from '../../formats/date';
import { Money } from '../../money/decimal';
import { labelText, type Block, type Cell, type CellKind, type ReportDocument } from '../document';
import type { Language } from '../types';

const AMOUNT_FORMAT = '#,##0.00;-#,##0.00';
const AMOUNT_FORMAT_4 = '#,##0.0000;-#,##0.0000';
const WIDTHS: Record<CellKind, number> = {
  text: 22,
  amount: 17,
  date: 12,
  integer: 10,
  number: 10,
  percent: 11,
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * One worksheet per document. Amounts are numbers with a money format, so that finance can sum them,
 * when a double holds them exactly as shown (15 significant digits); longer ones stay text. The main
 * table (the one with most rows) has its header row frozen and a filter on its columns.
 */
export async function renderXlsx(
  document: ReportDocument,
  language: Language = 'bilingual',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Recon';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName(labelText(document.title, language, ' ')), {
    pageSetup: {
      orientation: document.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
    },
  });
  const width = Math.max(2, ...document.blocks.map((b) => (b.type === 'table' ? b.columns.length : 2)));
  const table = document.blocks.find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');
  sheet.columns = Array.from({ length: width }, (_, i) => ({
    width: i === 0 ? 26 : WIDTHS[table?.columns[i]?.kind ?? 'text'],
  }));

  const line = (values: ExcelJS.CellValue[]): ExcelJS.Row => sheet.addRow(values);
  const main = mainTable(document);
  let frozen: { header: number; last: number; columns: number } | undefined;
  const spanned = (text: string, font: Partial<ExcelJS.Font>): void => {
    const row = line([text]);
    row.font = font;
    sheet.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  };
  spanned(document.issuer, { size: 10, color: { argb: 'FF555555' } });
  spanned(labelText(document.title, language), { size: 16, bold: true });
  line([]);

  for (const block of document.blocks) {
    switch (block.type) {
      case 'heading':
        spanned(labelText(block.text, language), { size: 13, bold: true });
        break;
      case 'paragraph': {
        const text = labelText(block.text, language, '\n');
        if (text.trim()) spanned(text, { size: 10 });
        break;
      }
      case 'fields':
        for (const field of block.fields) {
          const row = line([labelText(field.label, language)]);
          row.getCell(1).font = { bold: true };
          setCell(row.getCell(2), field.value, field.kind ?? 'text', language);
        }
        break;
      case 'table': {
        if (block.title) spanned(labelText(block.title, language), { size: 12, bold: true });
        const header = line(block.columns.map((c) => labelText(c.title, language, '\n')));
        header.eachCell((cell) => {
          cell.font = { bold: true };
          cell.fill = HEADER_FILL;
          cell.border = THIN;
          cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
        });
        const body = (cells: readonly Cell[], bold: boolean): void => {
          const row = line([]);
          block.columns.forEach((column, i) => {
            const cell = row.getCell(i + 1);
            setCell(cell, cells[i] ?? null, column.kind, language);
            cell.border = THIN;
            if (bold) cell.font = { bold: true };
          });
        };
        for (const cells of block.rows) body(cells, false);
        if (block === main)
          frozen = {
            header: header.number,
            last: header.number + block.rows.length,
            columns: block.columns.length,
          };
        if (block.footer) body(block.footer, true);
        break;
      }
      case 'signature':
        for (const signature of block.lines) line(['', `${labelText(signature, language)}: ______________`]);
        break;
      case 'cut':
        spanned(`- - - - - - ${labelText(block.text, language)} - - - - - -`, {
          color: { argb: 'FF888888' },
        });
        break;
      case 'qr': // a picture for paper: the link is in a field beside it
        break;
    }
    line([]);
  }
  if (frozen && frozen.header <= MAX_FROZEN_ROWS) {
    sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: frozen.header }];
    sheet.autoFilter = {
      from: { row: frozen.header, column: 1 },
      to: { row: frozen.last, column: frozen.columns },
    };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Frozen rows stay on screen: above this many, the header would leave no room to scroll. */
const MAX_FROZEN_ROWS = 24;

/** The table with most rows: the one a reader scrolls and filters (its header frozen). */
function mainTable(document: ReportDocument): Extract<Block, { type: 'table' }> | undefined {
  let main: Extract<Block, { type: 'table' }> | undefined;
  for (const block of document.blocks)
    if (block.type === 'table' && (!main || block.rows.length > main.rows.length)) main = block;
  return main;
}

function setCell(cell: ExcelJS.Cell, value: Cell, kind: CellKind, language: Language): void {
  if (value === null) return;
  if (typeof value === 'object') {
    cell.value = labelText(value, language);
    return;
  }
  if (typeof value === 'number') {
    cell.value = value;
    if (kind === 'percent') cell.numFmt = '0.00%';
    return;
  }
  if (kind === 'amount' || kind === 'percent') {
    const exact = new Money(value);
    const asNumber = Number(value);
    // Only when the double shows the same decimal as the exact value.
    if (
      Number.isFinite(asNumber) &&
      new Money(asNumber.toPrecision(15)).equals(exact) &&
      exact.precision(true) <= 15
    ) {
      cell.value = asNumber;
      cell.numFmt =
        kind === 'percent' ? '0.00%' : exact.times(100).isInteger() ? AMOUNT_FORMAT : AMOUNT_FORMAT_4;
      cell.alignment = { horizontal: 'right' };
      return;
    }
    cell.value = value;
    cell.alignment = { horizontal: 'right' };
    return;
  }
  if ((kind === 'number' || kind === 'integer') && /^-?\d+(\.\d+)?$/.test(value)) {
    cell.value = Number(value);
    return;
  }
  if (kind === 'date' && isIsoDate(value)) {
    cell.value = new Date(`${value}T00:00:00Z`);
    cell.numFmt = 'yyyy-mm-dd';
    return;
  }
  cell.value = value;
  cell.alignment = { wrapText: true, vertical: 'top' };
}

/**
 * Excel refuses sheet names over 31 characters or with []:*?/\ in them: a longer title is cut at
 * the last word that fits ("月度对账汇总 Monthly Reconciliation"), never inside a word.
 */
export function sheetName(title: string): string {
  const clean = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if ([...clean].length <= SHEET_NAME_MAX) return clean || 'Report';
  const chars = [...clean];
  const cut = chars.slice(0, SHEET_NAME_MAX + 1).join('');
  const space = cut.lastIndexOf(' ');
  return (space > 0 ? cut.slice(0, space) : chars.slice(0, SHEET_NAME_MAX).join('')).trim();
}

const SHEET_NAME_MAX = 31;
