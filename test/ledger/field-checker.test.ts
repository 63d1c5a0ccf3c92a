import { FieldChecker } from '../../ledger/line-validation';

// The ledger's and statements' field checks read dates through the one date module: a date not
// written YYYY-MM-DD and a day that does not exist are told apart.
describe('the field checker', () => {
  it('takes a calendar date, and says whether a refused one is miswritten or no such day', () => {
    const checker = new FieldChecker(3);
    expect(checker.date('entryDate', '2028-02-29')).toBe('2028-02-29');
    expect(checker.date('entryDate', '2026-02-30')).toBeNull();
    expect(checker.date('entryDate', '2026/02/03')).toBeNull();
    expect(checker.date('entryDate', 20260203)).toBeNull();
    expect(checker.problems).toEqual([
      { index: 3, field: 'entryDate', reason: 'is not a calendar date' },
      { index: 3, field: 'entryDate', reason: 'must be a date YYYY-MM-DD' },
      { index: 3, field: 'entryDate', reason: 'must be a date YYYY-MM-DD' },
    ]);
  });
});
