import { MockActivityEnvironment } from '@temporalio/testing';
import ExcelJS from 'exceljs';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import type { ActivityDeps } from '../../activities/activity-deps';
import { createSendStatement } from '../../activities/send-statement';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Money } from '../../money/decimal';
import type { StatementMessage } from '../../notifications/statement-transport';
import { REPORT_EXAMPLES } from '../../reports/examples';
import { renderReport } from '../../reports/index';
import { sheetName } from '../../reports/render/xlsx';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedCustomer } from '../support/fixtures';
import { hasPoppler, pdfToText } from './pdf-text';

// Issue #19 points 10 and 11: documents a customer and a finance team can use as they are.
const pdfIt = hasPoppler() ? it : it.skip;

async function workbook(body: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book.worksheets[0];
}

const cellsOf = (sheet: ExcelJS.Worksheet): ExcelJS.Cell[] => {
  const cells: ExcelJS.Cell[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => void cells.push(cell)));
  return cells;
};

describe('XLSX (#19.11)', () => {
  it('cuts a long sheet name at a word, never inside one', async () => {
    expect(sheetName('月度对账汇总 Monthly Reconciliation Summary')).toBe(
      '月度对账汇总 Monthly Reconciliation',
    );
    expect(sheetName('对账单 Statement of Account')).toBe('对账单 Statement of Account');
    expect(sheetName('x'.repeat(40))).toBe('x'.repeat(31));
    expect(sheetName('a/b: c?')).toBe('a b c');
    const summary = await workbook((await renderReport('summary', REPORT_EXAMPLES.summary, 'xlsx')).body);
    expect(summary.name).toBe('月度对账汇总 Monthly Reconciliation');
  });

  it('freezes the main table’s header row and puts a filter on its columns', async () => {
    const sheet = await workbook((await renderReport('statement', REPORT_EXAMPLES.statement, 'xlsx')).body);
    const header = cellsOf(sheet).find((c) => c.value === '日期\nDate')!;
    const row = Number(header.row);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: row });
    // The filter spans the header, the opening row and every line (not the totals under them).
    expect(sheet.autoFilter).toBe(`A${row}:H${row + 1 + REPORT_EXAMPLES.statement.lines.length}`);
  });

  it('the confirmation letter’s balance is a number and its dates are dates', async () => {
    const sheet = await workbook(
      (await renderReport('confirmation', REPORT_EXAMPLES.confirmation, 'xlsx')).body,
    );
    const cells = cellsOf(sheet);
    const rightOf = (title: string) => {
      const labelCell = cells.find((c) => c.value === title)!;
      return sheet.getRow(Number(labelCell.row)).getCell(2);
    };
    const balance = rightOf('余额（CNY） Balance (CNY)');
    expect(balance.value).toBe(12345.67);
    expect(balance.numFmt).toBe('#,##0.00;-#,##0.00');
    const date = rightOf('日期 Date').value;
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString().slice(0, 10)).toBe(REPORT_EXAMPLES.confirmation.issueDate);
    expect(rightOf('截止日期 As of').value).toBeInstanceOf(Date);
  });
});

describe('询证函 (#19.10)', () => {
  const pageOf = (pages: string[], text: string, last = false) => {
    const found = pages.map((p, i) => (p.includes(text) ? i : -1)).filter((i) => i >= 0);
    return last ? found[found.length - 1] : found[0];
  };

  pdfIt('keeps the reply slip on one page wherever the letter ends', async () => {
    // Notes of growing length push the cut line down the page: the slip never runs onto the next one.
    for (let lines = 0; lines <= 14; lines += 2) {
      const notes = Array.from({ length: lines }, (_, i) => `第${i + 1}项备注 note ${i + 1}`).join('\n');
      const { body } = await renderReport('confirmation', { ...REPORT_EXAMPLES.confirmation, notes }, 'pdf');
      const pages = pdfToText(body).split('\f');
      const slip = pageOf(pages, '回执');
      expect([lines, pageOf(pages, 'Signed by', true)]).toEqual([lines, slip]);
      expect([lines, pageOf(pages, '2. 信息不符')]).toEqual([lines, slip]);
    }
  });

  pdfIt('promises an online link only when it carries one or one was e-mailed', async () => {
    const { confirmationUrl: _url, ...withoutLink } = REPORT_EXAMPLES.confirmation;
    const plain = pdfToText((await renderReport('confirmation', withoutLink, 'pdf', 'en')).body);
    expect(plain).not.toContain('link');
    const sent = pdfToText(
      (await renderReport('confirmation', { ...withoutLink, sentOn: '2026-02-01' }, 'pdf', 'en')).body,
    ).replace(/\s+/g, ' ');
    expect(sent).toContain('confirm online with the link in our e-mail of 2026-02-01');
    const withLink = pdfToText(
      (
        await renderReport(
          'confirmation',
          { ...withoutLink, confirmationUrl: 'https://r.example/c' },
          'pdf',
          'en',
        )
      ).body,
    ).replace(/\s+/g, ' ');
    expect(withLink).toContain('confirm online at the link below');
    expect(withLink).toContain('https://r.example/c');
  });
});

describe('the statement e-mail (#19.10)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('statement_mail');
  });
  afterAll(async () => db?.drop());

  it('names kinds in words and says who sends it and whom to ask', async () => {
    const customer = await seedCustomer(
      db.dataSource,
      'ML1',
      [
        { id: 'o1', date: '2026-10-05', ref: 'INV-1', kind: 'INVOICE', amount: '1000.00' },
        { id: 'o2', date: '2026-10-20', ref: 'RC-1', kind: 'RECEIPT', amount: '-400.00' },
      ],
      [],
    );
    const period = await db.dataSource.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      workflowId: 'recon-ML1-2026-10',
      currency: 'CNY',
      ourOpeningBalance: new Money(0),
      ourClosingBalance: new Money('600'),
    });
    const sent: StatementMessage[] = [];
    const deps = {
      dataSource: db.dataSource,
      transport: { send: async (m: StatementMessage) => void sent.push(m) },
      customerLinks: { secret: 's'.repeat(32), publicUrl: 'https://recon.example', ttlSeconds: 3600 },
      companyName: '上海对账科技有限公司',
      companyContact: '应收组 ar@recon.example',
    } as ActivityDeps;
    await new MockActivityEnvironment().run(createSendStatement(deps), { periodId: period.id, round: 1 });
    expect(sent).toHaveLength(1);
    const text = sent[0].text;
    expect(text).toMatch(/INV-1\s+发票 Invoice\s+1,000\.00/);
    expect(text).toMatch(/RC-1\s+收款 Receipt\s+-400\.00/);
    expect(text).not.toMatch(/\bINVOICE\b|\bRECEIPT\b/);
    expect(text).toContain('此致 Regards,\n上海对账科技有限公司');
    expect(text).toContain('如有疑问请联系 Questions: 应收组 ar@recon.example');
  });

  pdfIt(
    'reads the period once: the 询证函 is made from the period the statement loaded (#20 soak)',
    async () => {
      const customer = await seedCustomer(
        db.dataSource,
        'ML2',
        [{ id: 'q1', date: '2026-10-05', ref: 'INV-9', kind: 'INVOICE', amount: '2500.00' }],
        [],
      );
      const period = await db.dataSource.getRepository(ReconciliationPeriod).save({
        customerId: customer.id,
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        workflowId: 'recon-ML2-2026-10',
        currency: 'CNY',
        ourOpeningBalance: new Money(0),
        ourClosingBalance: new Money('2500'),
      });
      const sent: StatementMessage[] = [];
      const deps = {
        dataSource: db.dataSource,
        transport: { send: async (m: StatementMessage) => void sent.push(m) },
        customerLinks: { secret: 's'.repeat(32), publicUrl: 'https://recon.example', ttlSeconds: 3600 },
        companyName: '上海对账科技有限公司',
      } as ActivityDeps;
      // Every statement TypeORM sends goes through its query runner's query().
      const statements: string[] = [];
      const original = MysqlQueryRunner.prototype.query;
      const spy = jest.spyOn(MysqlQueryRunner.prototype, 'query').mockImplementation(function (
        this: MysqlQueryRunner,
        ...args: Parameters<MysqlQueryRunner['query']>
      ) {
        statements.push(args[0]);
        return original.apply(this, args);
      });
      try {
        await new MockActivityEnvironment().run(createSendStatement(deps), { periodId: period.id, round: 1 });
      } finally {
        spy.mockRestore();
      }
      // One joined read of the period and its customer; no other read of either table (the status
      // move's row lock aside).
      const reads = (table: string) =>
        statements.filter(
          (sql) =>
            /^\s*SELECT/i.test(sql) &&
            !/FOR UPDATE/i.test(sql) &&
            new RegExp(`FROM \`?${table}\`?`).test(sql),
        );
      expect(reads('reconciliation_periods')).toHaveLength(1);
      expect(reads('customers')).toHaveLength(0);
      // The letter still carries the customer, the balance and the round's short link.
      expect(sent).toHaveLength(1);
      const letter = pdfToText(sent[0].attachments[1].content).replace(/\s+/g, ' ');
      expect(letter).toContain('CF-ML2-2026-10');
      expect(letter).toContain('2,500.00');
      expect(letter).toContain(sent[0].shortUrl!);
    },
  );
});
