import { agreeing, counted } from '../../common/counted';

describe('counted', () => {
  it('says "1 line" and "2 lines", with an irregular plural when given', () => {
    expect(counted(1, 'line')).toBe('1 line');
    expect(counted(0, 'line')).toBe('0 lines');
    expect(counted(2, 'row')).toBe('2 rows');
    expect(counted(-1, 'day')).toBe('-1 day');
    expect(counted(1, 'new entry', 'new entries')).toBe('1 new entry');
    expect(counted(3, 'new entry', 'new entries')).toBe('3 new entries');
    expect(`${counted(1, 'row')} ${agreeing(1, 'is', 'are')}`).toBe('1 row is');
    expect(`${counted(5, 'row')} ${agreeing(5, 'is', 'are')}`).toBe('5 rows are');
  });
});
