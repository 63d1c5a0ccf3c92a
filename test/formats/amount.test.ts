import { FormatErrorCode as ImportErrorCode } from '../../formats/errors';
import { fromUnits, negateAmount, parseAmount, toUnits } from '../../formats/amount';

const value = (input: Parameters<typeof parseAmount>[0]): string => {
  const parsed = parseAmount(input);
  if (!parsed.ok) throw new Error(`${String(input)}: ${parsed.code} ${parsed.reason}`);
  return parsed.value;
};
const code = (input: Parameters<typeof parseAmount>[0]): ImportErrorCode | null => {
  const parsed = parseAmount(input);
  return parsed.ok ? null : parsed.code;
};

describe('parseAmount', () => {
  it.each([
    ['1,234.56', '1234.56'],
    ['(1,234.56)', '-1234.56'],
    ['-1234.56', '-1234.56'],
    ['¥1,234.56', '1234.56'],
    ['￥1,234.56', '1234.56'],
    ['1234.56元', '1234.56'],
    ['１，２３４．５６', '1234.56'],
    ['（１，２３４．５６）', '-1234.56'],
    ['－１２３４．５６', '-1234.56'],
    ['-¥1,234.56', '-1234.56'],
    ['¥-1,234.56', '-1234.56'],
    ['1234.56-', '-1234.56'],
    ['RMB 1,000', '1000'],
    [' 12.50 ', '12.5'],
    ['0012.3400', '12.34'],
    ['+7', '7'],
    ['.5', '0.5'],
    ['(0.00)', '0'],
    ['−3', '-3'],
    ['1 234.56', '1234.56'],
    ['9999999999999999.9999', '9999999999999999.9999'],
  ])('%s -> %s', (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  it('reads XLSX numbers as Excel shows them, without float noise', () => {
    expect(value(1234.56)).toBe('1234.56');
    expect(value(0.1 + 0.2)).toBe('0.3');
    expect(value(-500)).toBe('-500');
    expect(value(0)).toBe('0');
  });

  it.each([
    ['', ImportErrorCode.MISSING_VALUE],
    ['-', ImportErrorCode.MISSING_VALUE],
    ['—', ImportErrorCode.MISSING_VALUE],
    ['12O.00', ImportErrorCode.INVALID_AMOUNT],
    ['1,23.4', ImportErrorCode.INVALID_AMOUNT],
    ['1.234,56', ImportErrorCode.INVALID_AMOUNT],
    ['abc', ImportErrorCode.INVALID_AMOUNT],
    ['1.23456', ImportErrorCode.AMOUNT_TOO_PRECISE],
    ['12345678901234567', ImportErrorCode.AMOUNT_OUT_OF_RANGE],
  ])('%j is refused with %s', (input, expected) => {
    expect(code(input)).toBe(expected);
  });

  it('refuses a null cell and a boolean', () => {
    expect(code(null)).toBe(ImportErrorCode.MISSING_VALUE);
    expect(code(true)).toBe(ImportErrorCode.INVALID_AMOUNT);
    expect(code(Number.NaN)).toBe(ImportErrorCode.INVALID_AMOUNT);
    expect(code(1e-7)).toBe(ImportErrorCode.AMOUNT_TOO_PRECISE);
    expect(value(0.3 - 0.1 - 0.2)).toBe('0');
  });
});

describe('units', () => {
  it('sums exactly through integer ten-thousandths', () => {
    const total = ['0.1', '0.2', '-0.3', '1234.5678'].map(toUnits).reduce((a, b) => a + b, 0n);
    expect(fromUnits(total)).toBe('1234.5678');
    expect(fromUnits(toUnits('-0.05'))).toBe('-0.05');
    expect(fromUnits(0n)).toBe('0');
  });

  it('negates text', () => {
    expect(negateAmount('12.5')).toBe('-12.5');
    expect(negateAmount('-12.5')).toBe('12.5');
    expect(negateAmount('0')).toBe('0');
  });
});
