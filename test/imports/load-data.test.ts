import { loadLedgerEntriesSql, loadStatementLinesSql } from '../../imports/load-data';

describe('LOAD DATA statements name their ids as the canonical strings they are', () => {
  it('writes an id past 2^53 digit for digit (a number would have lost the last ones)', () => {
    expect(loadStatementLinesSql('9007199254740993', '12')).toMatch(
      /SET statement_id = 9007199254740993, import_file_id = 12$/,
    );
    expect(loadLedgerEntriesSql('9007199254740995', '7', 'ERP')).toContain(
      'SET customer_id = 9007199254740995, import_file_id = 7',
    );
  });

  it('refuses anything else before it reaches the SQL text', () => {
    for (const bad of ['1 OR 1=1', '01', '', '-3', '1.5', ' 2']) {
      expect(() => loadStatementLinesSql(bad, '1')).toThrow(RangeError);
      expect(() => loadLedgerEntriesSql('1', bad, 'ERP')).toThrow(RangeError);
    }
  });
});
