import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkReportData, OPTIONAL_FIELDS, ReportDataError } from '../../reports/data-shape';
import { REPORT_EXAMPLES } from '../../reports/examples';
import { REPORT_KINDS } from '../../reports/index';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const problem = (run: () => void) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ReportDataError) return error.message;
    throw error;
  }
  return 'no error';
};

describe('report data is checked against its example before rendering (#19)', () => {
  it.each(REPORT_KINDS)('every example fits its own shape: %s', (kind) => {
    expect(problem(() => checkReportData(kind, clone(REPORT_EXAMPLES[kind])))).toBe('no error');
  });

  it('names the row and the field of an amount that is not one', () => {
    const data = clone(REPORT_EXAMPLES.differences) as unknown as { differences: Record<string, unknown>[] };
    data.differences[1].difference = 'abc';
    expect(problem(() => checkReportData('differences', data))).toBe(
      'report data, differences row 2, field difference: "abc" is not an amount; write it as decimal text, e.g. "2000.00"',
    );
  });

  it('refuses an amount given as a JSON number (money is exact text), a missing amount and a list that is not one', () => {
    const number = clone(REPORT_EXAMPLES.statement) as unknown as { lines: Record<string, unknown>[] };
    number.lines[0].amount = 12345.67;
    expect(problem(() => checkReportData('statement', number))).toMatch(
      /^report data, lines row 1, field amount: 12345.67 is not an amount/,
    );
    const missing = clone(REPORT_EXAMPLES.statement) as unknown as Record<string, unknown>;
    delete missing.openingBalance;
    expect(problem(() => checkReportData('statement', missing))).toBe(
      'report data, field openingBalance: is missing',
    );
    const notList = clone(REPORT_EXAMPLES.differences) as unknown as Record<string, unknown>;
    notList.differences = { a: 1 };
    expect(problem(() => checkReportData('differences', notList))).toBe(
      'report data, field differences: {"a":1} is not a list',
    );
  });

  it('names a nested list inside a row (aging buckets)', () => {
    const data = clone(REPORT_EXAMPLES.aging) as unknown as { rows: { buckets: unknown[] }[] };
    data.rows[0].buckets[2] = '1,000';
    expect(problem(() => checkReportData('aging', data))).toMatch(
      /^report data, rows row 1, field buckets\[2\]: "1,000" is not an amount/,
    );
  });

  it('lets optional fields be absent and nullable ones be null', () => {
    const data = clone(REPORT_EXAMPLES.differences) as unknown as Record<string, unknown> & {
      company: Record<string, unknown>;
      differences: Record<string, unknown>[];
    };
    delete data.company.nameEn;
    data.differences[1].ourAmount = null;
    delete data.differences[1].reason;
    expect(problem(() => checkReportData('differences', data))).toBe('no error');
  });

  it("keeps OPTIONAL_FIELDS equal to the report types' optional keys", () => {
    // The report data's types: reports/ and what it takes from the contract and collections.
    const files = ['reports/types.ts', 'contract/documents.ts', 'collections/letter-types.ts'];
    const types = files
      .map((file) => readFileSync(path.resolve(__dirname, '../..', file), 'utf8'))
      .join('\n');
    const optional = new Set([...types.matchAll(/readonly (\w+)\?:/g)].map((m) => m[1]));
    expect([...OPTIONAL_FIELDS].sort()).toEqual([...optional].sort());
  });
});
