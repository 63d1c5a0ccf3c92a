import { toEnglishWords } from '../../reports/english-words';

describe('amounts in English words (the customer page and letters, cheque style)', () => {
  it.each([
    ['0', 'CNY zero and 00/100'],
    ['300.25', 'CNY three hundred and 25/100'],
    ['1200.5', 'CNY one thousand two hundred and 50/100'],
    ['1000000', 'CNY one million and 00/100'],
    ['21015.07', 'CNY twenty-one thousand fifteen and 07/100'],
    ['-1200.50', 'CNY minus one thousand two hundred and 50/100'],
    [
      '123456789012.99',
      'CNY one hundred and twenty-three billion four hundred and fifty-six million seven hundred and eighty-nine thousand twelve and 99/100',
    ],
  ])('%s → %s', (amount, words) => {
    expect(toEnglishWords(amount, 'CNY')).toBe(words);
  });

  it('refuses what it cannot write', () => {
    expect(() => toEnglishWords('1e20', 'CNY')).toThrow(RangeError);
  });
});
