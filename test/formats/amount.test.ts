import fc from 'fast-check';
import { FormatErrorCode as ImportErrorCode } from '../../formats/errors';
import { formatAmount, fromUnits, negateAmount, parseAmount, toUnits } from '../../formats/amount';

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

// The BigInt forms fromUnits and formatAmount had before their fast paths for units a double holds
// exactly: every amount, small or beyond 2^53 units, must come out as they wrote it.
const SCALE = 10_000n;
function fromUnitsByBigInt(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const fraction = (abs % SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  return `${negative && abs !== 0n ? '-' : ''}${abs / SCALE}${fraction ? `.${fraction}` : ''}`;
}
function formatByBigInt(units: bigint, decimals: number): string {
  const text = fromUnitsByBigInt(units);
  const negative = text.startsWith('-');
  const [integer, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const padded = fraction.padEnd(decimals, '0');
  return `${negative ? '-' : ''}${integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${padded ? `.${padded}` : ''}`;
}

describe('units to text', () => {
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  const units = fc.oneof(
    fc.bigInt({ min: 1n - 10n ** 20n, max: 10n ** 20n - 1n }),
    fc.bigInt({ min: -limit - 10n, max: limit + 10n }),
    fc.bigInt({ min: -limit - 10n, max: -limit + 10n }),
    fc.bigInt({ min: limit - 10n, max: limit + 10n }),
    fc.bigInt({ min: -100_000n, max: 100_000n }),
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => BigInt(n) * 10_000n),
  );

  it('fromUnits and formatAmount write every amount as the BigInt arithmetic does', () => {
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 4 }), (u, decimals) => {
        expect(fromUnits(u)).toBe(fromUnitsByBigInt(u));
        expect(formatAmount(u, decimals)).toBe(formatByBigInt(u, decimals));
        expect(formatAmount(fromUnitsByBigInt(u), decimals)).toBe(formatByBigInt(u, decimals));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes the edges of the fast path', () => {
    // 2^53 − 1 = 9,007,199,254,740,991 units
    expect(fromUnits(limit)).toBe('900719925474.0991');
    expect(fromUnits(-limit - 1n)).toBe('-900719925474.0992');
    expect(fromUnits(99_999_999n)).toBe('9999.9999');
    expect(fromUnits(-50n)).toBe('-0.005');
    expect(formatAmount(-12_345_675_000n)).toBe('-1,234,567.50');
    expect(formatAmount(10_000n, 0)).toBe('1');
    expect(formatAmount(1n, 2)).toBe('0.0001');
    expect(formatAmount(0n, 3)).toBe('0.000');
  });
});
