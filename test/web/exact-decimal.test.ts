import fc from 'fast-check';
import Decimal from 'decimal.js';
import {
  isZeroDecimal,
  plainAmount,
  subtractDecimals,
  sumDecimals,
} from '../../web/src/format/exact-decimal';

describe('exact sums of decimal strings for the selection bar', () => {
  it('adds and subtracts without a float', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.30');
    expect(sumDecimals([])).toBe('0.00');
    expect(sumDecimals(['1000.0000', '-15.00', '0.005'])).toBe('985.0050');
    expect(sumDecimals(['-0.01', '0.01'])).toBe('0.00');
    expect(sumDecimals(['-0.5'])).toBe('-0.50');
    expect(sumDecimals(['99999999999999999.99', '0.01'])).toBe('100000000000000000.00');
    expect(subtractDecimals('1200.00', '1250.50')).toBe('-50.50');
    expect(subtractDecimals('-3', '-3.000')).toBe('0.000');
    expect(isZeroDecimal('-0.000')).toBe(true);
    expect(isZeroDecimal('0.001')).toBe(false);
    expect(plainAmount('-15')).toBe('-15.00');
    expect(plainAmount('1234567.125')).toBe('1234567.125');
  });

  it('refuses what is not an amount rather than guessing', () => {
    expect(() => sumDecimals(['1e3'])).toThrow(RangeError);
    expect(() => subtractDecimals('abc', '1')).toThrow('not a decimal amount: "abc"');
  });

  it('agrees with decimal.js on any list of amounts (fast-check)', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 4 }))
      .map(([units, scale]) => new Decimal(units.toString()).div(new Decimal(10).pow(scale)).toFixed(scale));
    fc.assert(
      fc.property(
        fc.array(amount, { maxLength: 40 }),
        fc.array(amount, { maxLength: 40 }),
        (ours, theirs) => {
          const expected = theirs
            .reduce((total, value) => total.plus(value), new Decimal(0))
            .minus(ours.reduce((total, value) => total.plus(value), new Decimal(0)));
          const difference = subtractDecimals(sumDecimals(theirs), sumDecimals(ours));
          expect(new Decimal(difference).equals(expected)).toBe(true);
          expect(isZeroDecimal(difference)).toBe(expected.isZero());
        },
      ),
    );
  });
});
