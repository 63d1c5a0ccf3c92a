import { DEMO_CUSTOMERS, DEMO_PERIODS } from '../../demo/demo-data';
import { Money, sumMoney } from '../../money/decimal';

const TWO_DECIMALS = /^-?\d+\.\d{2}$/;

describe('the demo data set', () => {
  it.each(DEMO_PERIODS.map((p) => [p.customerCode, p]))(
    '%s: each side adds up to its own closing balance',
    (_, period) => {
      const statement = period.statement;
      const theirClosing = new Money(statement.openingBalance).plus(
        sumMoney(statement.lines.map((l) => new Money(l.amount))),
      );
      expect(theirClosing.toFixed(2)).toBe(statement.closingBalance);
      const before = period.ledger.filter((e) => e.entryDate < period.periodStart);
      expect(sumMoney(before.map((e) => new Money(e.amount))).toFixed(2)).toBe(period.ourOpeningBalance);
    },
  );

  it('writes every amount as an exact two-decimal string, and every id once', () => {
    const amounts = DEMO_PERIODS.flatMap((p) => [
      ...p.ledger.map((e) => e.amount),
      ...p.statement.lines.map((l) => l.amount),
    ]);
    expect(amounts.filter((a) => !TWO_DECIMALS.test(a))).toEqual([]);
    const ledgerIds = DEMO_PERIODS.flatMap((p) => p.ledger.map((e) => e.externalId));
    expect(new Set(ledgerIds).size).toBe(ledgerIds.length);
    for (const period of DEMO_PERIODS) {
      const ids = period.statement.lines.map((l) => l.externalId);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(DEMO_CUSTOMERS.map((c) => c.code)).toEqual(DEMO_PERIODS.map((p) => p.customerCode));
  });

  it('plants the differences it says: the clean customer ties line for line, the others by exactly their differences', () => {
    const closing = (code: string) => {
      const period = DEMO_PERIODS.find((p) => p.customerCode === code)!;
      const ours = sumMoney(period.ledger.map((e) => new Money(e.amount)));
      return { ours, theirs: new Money(period.statement.closingBalance), period };
    };
    const clean = closing('C001');
    expect(clean.ours.equals(clean.theirs)).toBe(true);
    expect(clean.period.plantedDifferences).toEqual([]);
    const amounts = (list: Array<{ amount: string }>) => list.map((x) => x.amount).sort();
    expect(amounts(clean.period.ledger.filter((e) => e.kind !== 'OPENING'))).toEqual(
      amounts(clean.period.statement.lines),
    );
    // Our closing + the planted differences = their closing.
    expect(closing('C002').ours.plus('20000').equals(closing('C002').theirs)).toBe(true);
    expect(closing('C003').ours.minus('4250').minus('15').plus('1500').equals(closing('C003').theirs)).toBe(
      true,
    );
    expect(closing('C004').ours.minus('60').equals(closing('C004').theirs)).toBe(true);
  });
});
