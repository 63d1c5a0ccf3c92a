import { TemplateError } from '../../imports/errors';
import { parseTemplate } from '../../imports/template';

const problemsOf = (input: unknown): string[] => {
  try {
    parseTemplate(input);
    return [];
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return error.problems.map((p) => p.field);
  }
};

describe('mapping template validation', () => {
  it('accepts a signed-amount and a debit/credit template', () => {
    expect(parseTemplate({ columns: { date: '日期' }, amount: { column: '金额' } })).toBeTruthy();
    const full = {
      version: 1,
      encoding: 'gb18030',
      delimiter: ';',
      sheet: '对账单',
      headerRow: 3,
      headerRows: 2,
      dateFormat: 'DMY',
      columns: {
        date: 1,
        reference: '参考号',
        docNo: '单号',
        description: '摘要',
        externalId: 'ID',
        kind: '类型',
        currency: '币种',
      },
      amount: { debit: '借方', credit: '贷方', debitIs: 'DECREASE' },
      kindMap: { 开票: 'INVOICE' },
      skipRowsStartingWith: ['合计'],
      currency: 'CNY',
    };
    expect(parseTemplate(full)).toEqual(full);
  });

  it('lists every problem with its path', () => {
    expect(
      problemsOf({
        colums: {},
        columns: { reference: '', amount: 'x' },
        amount: { column: 0, positiveMeans: 'UP' },
        dateFormat: 'YYYY',
        headerRow: -1,
        kindMap: { 开票: 'BILL' },
        currency: 'rmb',
      }).sort(),
    ).toEqual(
      [
        'colums',
        'columns.amount',
        'columns.date',
        'columns.reference',
        'amount.column',
        'amount.positiveMeans',
        'dateFormat',
        'headerRow',
        'kindMap.开票',
        'currency',
      ].sort(),
    );
  });

  it('refuses non-objects and header-less templates that name columns', () => {
    expect(problemsOf('x')).toEqual(['']);
    expect(problemsOf({ columns: { date: 1 }, amount: { debit: 2 } })).toEqual(['amount.credit']);
    expect(problemsOf({ headerRow: 0, columns: { date: '日期' }, amount: { column: 2 } })).toEqual([
      'headerRow',
    ]);
    expect(problemsOf({ headerRow: 0, columns: { date: 1 }, amount: { column: 2 } })).toEqual([]);
  });
});
