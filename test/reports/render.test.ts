import ExcelJS from 'exceljs';
import { parseCsv } from '../../formats/csv';
import { REPORT_EXAMPLES } from '../../reports/examples';
import { REPORT_FORMATS, REPORT_KINDS, buildReport, renderReport } from '../../reports/index';
import { hardWrap } from '../../reports/render/pdf';
import { hasPoppler, pdfFonts, pdfToText } from './pdf-text';

/** Collapse the spaces pdftotext puts between table columns. */
const squash = (text: string): string => text.replace(/[ \t]+/g, ' ');

describe('report rendering', () => {
  it.each(REPORT_KINDS.flatMap((kind) => REPORT_FORMATS.map((format) => [kind, format] as const)))(
    '%s renders as %s',
    async (kind, format) => {
      const report = await renderReport(kind, REPORT_EXAMPLES[kind], format);
      expect(report.body.length).toBeGreaterThan(100);
      expect(report.fileName).toMatch(new RegExp(`^[A-Za-z0-9_-]+\\.${format}$`));
      if (format === 'pdf') expect(report.body.subarray(0, 5).toString()).toBe('%PDF-');
      if (format === 'xlsx') expect(report.body.subarray(0, 2).toString()).toBe('PK');
    },
  );

  const pdfIt = hasPoppler() ? it : it.skip;
  if (!hasPoppler())
    console.warn('pdftotext missing: run scripts/install-system-deps.sh; PDF text tests skipped');

  pdfIt(
    'statement PDF reads back with its Chinese headings, every amount and the running balance',
    async () => {
      const { body } = await renderReport('statement', REPORT_EXAMPLES.statement, 'pdf');
      const text = squash(pdfToText(body));
      for (const heading of [
        '对账单',
        'Statement of Account',
        '往来明细',
        '期初余额',
        '期末余额',
        '本期合计',
        '借方(增加)',
        '贷方(减少)',
      ]) {
        expect(text).toContain(heading);
      }
      expect(text).toContain('杭州客户科技有限公司 (C001)');
      expect(text).toMatch(/INV-2026-001 .*12,345\.67 17,345\.67/);
      expect(text).toMatch(/RC-2026-007 .*5,000\.00 12,345\.67/);
      expect(text).toMatch(/本期合计.*12,345\.67 5,345\.67 12,000\.00/);
      expect(text).toContain('人民币壹万贰仟元整');
      expect(text).toContain('https://recon.example.cn/confirm/abc123');
      expect(text).toContain('第 1 页');
    },
  );

  it('cuts a link into lines only where the width ends', () => {
    const measure = () => 1; // one unit per character
    expect(hardWrap('https://x.cn/c?token=ab-cd', 10, measure)).toEqual([
      'https://x.',
      'cn/c?token',
      '=ab-cd',
    ]);
    expect(hardWrap('short', 10, measure)).toEqual(['short']);
    expect(hardWrap('https://x.cn/c?token=ab-cd', 10, measure).join('')).toBe('https://x.cn/c?token=ab-cd');
  });

  pdfIt('keeps a long signed confirmation link whole from its start, however its token breaks', async () => {
    // A real link's shape: a JWT-like token whose signature has hyphens (break opportunities).
    const url =
      'https://recon.example/confirm?token=eyJwZXJpb2RJZCI6IjEiLCJjdXN0b21lckNvZGUiOiJSUFQiLCJyb3VuZCI6MSwiZXhwIjoxNzk4ODI2MjczfQ.Cdeq-TkfV-DZkcob25gZ_5dOgvnwL9LDxVTC_PMkfn4';
    const { body } = await renderReport(
      'statement',
      { ...REPORT_EXAMPLES.statement, confirmationUrl: url },
      'pdf',
    );
    const text = pdfToText(body);
    const first = text.split('\n').find((line) => line.includes('https://'))!;
    expect(first).toContain('https://recon.example/confirm?token=eyJ');
    // The lines, put back together, are the link.
    const lines = text.split('\n').map((line) => line.trim());
    const start = lines.findIndex((line) => line.includes('https://'));
    let joined = lines[start].slice(lines[start].indexOf('https://'));
    for (let i = start + 1; !joined.endsWith('fn4') && i < start + 5; i++) joined += lines[i];
    expect(joined).toBe(url);
  });

  pdfIt(
    'confirmation letter PDF shows the balance in figures and capital numerals, and the reply slip',
    async () => {
      const { body } = await renderReport('confirmation', REPORT_EXAMPLES.confirmation, 'pdf');
      const text = squash(pdfToText(body));
      expect(text).toContain('企业询证函');
      expect(text).toContain('Balance Confirmation Letter');
      expect(text).toMatch(/2026-01-31 12,345\.67/);
      expect(text).toContain('人民币壹万贰仟叁佰肆拾伍元陆角柒分');
      expect(text).toContain('回执');
      expect(text).toContain('信息证明无误');
      expect(text).toContain('信息不符');
    },
  );

  pdfIt('embeds a subset of the CJK font', async () => {
    const { body } = await renderReport('bridge', REPORT_EXAMPLES.bridge, 'pdf');
    const fonts = pdfFonts(body)
      .split('\n')
      .filter((line) => /NotoSansSC/.test(line));
    expect(fonts.length).toBeGreaterThan(0);
    // name+subset prefix, CID TrueType, embedded yes, subset yes, unicode map yes
    for (const line of fonts)
      expect(line).toMatch(/^[A-Z]{6}\+NotoSansSC-\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const text = squash(pdfToText(body));
    expect(text).toContain('余额调节表');
    expect(text).toMatch(/调节后余额 Adjusted balance 14,144\.33/);
    expect(text).toMatch(/未解释差额 Unexplained 0\.00/);
  });

  pdfIt('English-only and Chinese-only documents', async () => {
    const en = squash(pdfToText((await renderReport('aging', REPORT_EXAMPLES.aging, 'pdf', 'en')).body));
    expect(en).toContain('Accounts Receivable Aging');
    expect(en).not.toContain('账龄分析');
    expect(en).toMatch(/Total 1,000.00 2,000.50 800.00 300.00 12,390.67 16,491.17/);
    const zh = squash(pdfToText((await renderReport('aging', REPORT_EXAMPLES.aging, 'pdf', 'zh')).body));
    expect(zh).toContain('应收账款账龄分析');
    expect(zh).not.toContain('Accounts Receivable Aging');
    expect(zh).toContain('90天以上');
  });

  pdfIt('breaks long tables across pages, repeating the header', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => ({
      date: '2026-01-15',
      docNo: `INV-${String(i + 1).padStart(4, '0')}`,
      kind: 'INVOICE',
      amount: '100.01',
    }));
    const { body } = await renderReport('statement', { ...REPORT_EXAMPLES.statement, lines }, 'pdf');
    const pages = pdfToText(body)
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages.slice(0, -1)) expect(page).toContain('Doc no.');
    expect(squash(pages.join(''))).toMatch(/INV-0120 .*100\.01 17,001\.20/);
    expect(pages[0]).toContain(`共 ${pages.length} 页`);
  });

  it('XLSX keeps amounts as numbers with a money format, and the capital numerals as text', async () => {
    const { body } = await renderReport('statement', REPORT_EXAMPLES.statement, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('对账单 Statement of Account');
    const cells: ExcelJS.Cell[] = [];
    sheet?.eachRow((row) => row.eachCell((cell) => void cells.push(cell)));
    const invoice = cells.find((c) => c.value === 12345.67);
    expect(invoice?.numFmt).toBe('#,##0.00;-#,##0.00');
    expect(cells.some((c) => c.value === '人民币壹万贰仟元整')).toBe(true);
    const dates = cells.filter((c) => c.value instanceof Date).map((c) => (c.value as Date).toISOString());
    expect(dates[0]?.slice(0, 10)).toBe('2026-02-03'); // the issue date is a date cell too (#19.11)
    expect(dates.map((d) => d.slice(0, 10))).toContain('2026-01-01');
    expect(cells.some((c) => c.value === '日期\nDate')).toBe(true);
  });

  it('XLSX makes a date cell only of a real date: 2026-02-30 stays the text it was, not 2 March', async () => {
    const lines = [{ date: '2026-02-30', docNo: 'INV-BAD', kind: 'INVOICE', amount: '1.00' }];
    const { body } = await renderReport('statement', { ...REPORT_EXAMPLES.statement, lines }, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    workbook.worksheets[0]?.eachRow((row) => row.eachCell((cell) => void cells.push(cell)));
    const dates = cells.filter((c) => c.value instanceof Date).map((c) => (c.value as Date).toISOString());
    expect(dates.map((d) => d.slice(0, 10))).not.toContain('2026-03-02');
    expect(cells.some((c) => c.value === '2026-02-30')).toBe(true);
  });

  it('CSV carries exact amounts and both languages', async () => {
    const { body } = await renderReport('differences', REPORT_EXAMPLES.differences, 'csv');
    const text = body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1)).records.map((r) => r.cells);
    expect(rows[0]).toEqual(['差异报告 Difference Report']);
    expect(rows).toContainEqual(['合计 Total', '3', '2144.33']);
    expect(rows).toContainEqual([
      '金额不符 Amount mismatch',
      '2026-01-05',
      'INV-2026-001',
      'INV2026001',
      '12345.67',
      '12340.00',
      '-5.67', // the effect on our balance: theirs − ours, the bridge's sign
      '银行手续费 Bank fee',
      '未处理 Open',
    ]);
  });

  it('CSV writes every amount with its decimals, balances and totals alike', async () => {
    // The running balance and the closing balance are sums: "12000" beside "5000.00" before.
    const { body } = await renderReport(
      'statement',
      {
        ...REPORT_EXAMPLES.statement,
        openingBalance: '5000',
        lines: [{ ...REPORT_EXAMPLES.statement.lines[0]!, amount: '7000' }],
      },
      'csv',
    );
    const rows = parseCsv(body.toString('utf8').slice(1)).records.map((r) => r.cells);
    expect(rows).toContainEqual(['期初余额 Opening balance', '5000.00']);
    expect(rows).toContainEqual(['期末余额 Closing balance', '12000.00']);
    expect(rows.find((r) => r[1] === 'INV-2026-001')?.slice(5)).toEqual(['7000.00', '', '12000.00']);
  });

  it('builds the balance bridge and says when it does not tie', () => {
    const off = buildReport('bridge', { ...REPORT_EXAMPLES.bridge, theirClosingBalance: '14188.66' });
    const paragraph = off.blocks.find((b) => b.type === 'paragraph');
    expect(paragraph).toMatchObject({ text: { zh: expect.stringContaining('未解释差额 44.33') } });
  });
});
