import { toCsv } from '../../imports/csv-writer';
import { neutralizeFormula } from '../../imports/formula-cells';
import { labelText, type Cell, type ReportDocument } from '../document';
import type { Language } from '../types';

/** Cells that would run as formulas get an apostrophe (imports/formula-cells.ts). */
export { neutralizeFormula };

/**
 * CSV for spreadsheets and other systems: the document's blocks one after another, amounts as exact
 * decimal text without grouping (so that they read back exactly), UTF-8 with BOM for Excel.
 */
export function renderCsv(document: ReportDocument, language: Language = 'bilingual'): Buffer {
  const text = (value: Cell): string => {
    if (value === null) return '';
    if (typeof value === 'object') return labelText(value, language);
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
        for (const field of block.fields) rows.push([labelText(field.label, language), text(field.value)]);
        break;
      case 'table':
        if (block.title) rows.push([labelText(block.title, language)]);
        rows.push(block.columns.map((c) => labelText(c.title, language)));
        for (const row of block.rows) rows.push(row.map(text));
        if (block.footer) rows.push(block.footer.map(text));
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
