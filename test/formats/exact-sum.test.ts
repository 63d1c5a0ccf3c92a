import fc from 'fast-check';
import { ExactSum } from '../../formats/amount';
import { Money } from '../../money/decimal';

describe('ExactSum', () => {
  it('adds small and large amounts exactly', () => {
    const sum = new ExactSum();
    for (const amount of ['0.1', '0.2', '-0.3', '99999999999.9999', '9999999999999999.9999', '-0.0001'])
      sum.add(amount);
    expect(sum.value()).toBe('10000099999999999.9997');
  });

  it('agrees with Decimal for any list of amounts, across the flush threshold', () => {
    const amount = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }))
      .map(([negative, units]) =>
        new Money(units.toString())
          .dividedBy(10_000)
          .times(negative ? -1 : 1)
          .toFixed(),
      );
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 50 }), (amounts) => {
        const sum = new ExactSum();
        for (const a of amounts) sum.add(a);
        const expected = amounts.reduce((acc, a) => acc.plus(a), new Money(0));
        expect(new Money(sum.value()).equals(expected)).toBe(true);
      }),
    );
  });
});
