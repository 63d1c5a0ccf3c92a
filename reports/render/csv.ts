import { toCsv } from '../../imports/csv-writer';
import { neutralizeFormula } from '../../imports/formula-cells';
import { Money, formatMoney } from '../../money/decimal';
import { labelText, type Cell, type CellKind, type ReportDocument } from '../document';
import type { Language } from '../types';

/** Cells that would run as formulas get an apostrophe (imports/formula-cells.ts). */
export { neutralizeFormula };

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * CSV for spreadsheets and other systems: the document's blocks one after another, amounts as exact
 * decimal text without grouping (so that they read back exactly), UTF-8 with BOM for Excel.
 */
export function renderCsv(document: ReportDocument, language: Language = 'bilingual'): Buffer {
  const text = (value: Cell, kind?: CellKind): string => {
    if (value === null) return '';
    if (typeof value === 'object') return labelText(value, language);
    // Every amount with the same decimals ("12000" beside "5000.00" read as two conventions).
    if (kind === 'amount' && typeof value === 'string' && PLAIN_DECIMAL.test(value))
      return formatMoney(new Money(value));
    return String(value);
  };
  const rows: string[][] = [[labelText(document.title, language)], [document.issuer], []];
  for (const block of document.blocks) {
    switch (block.type) {
      case 'heading':
        rows.push([labelText(block.text, language)]);
        break;
      case 'paragraph':
        if (labelText(block.text, language).trim()) rows.push([labelText(block.text, language)]);
        break;
      case 'fields':
        for (const field of block.fields)
          rows.push([labelText(field.label, language), text(field.value, field.kind)]);
        break;
      case 'table':
        if (block.title) rows.push([labelText(block.title, language)]);
        rows.push(block.columns.map((c) => labelText(c.title, language)));
        for (const row of block.rows) rows.push(row.map((cell, i) => text(cell, block.columns[i]?.kind)));
        if (block.footer) rows.push(block.footer.map((cell, i) => text(cell, block.columns[i]?.kind)));
        break;
      case 'signature':
        for (const line of block.lines) rows.push([labelText(line, language), '']);
        break;
      case 'cut':
        rows.push([`---- ${labelText(block.text, language)} ----`]);
        break;
      case 'qr': // a picture for paper: the link is in a field beside it
        break;
    }
    rows.push([]);
  }
  return Buffer.from(toCsv(rows.map((row) => row.map(neutralizeFormula))), 'utf8');
}
