import fc from 'fast-check';
import { RiskClass } from '../../contract/credit/enums';
import { classOf, SCORE_WEIGHTS, scoreBehaviour, type CustomerBehaviour } from '../../credit/score';
import { Money } from '../../money/decimal';

const amount = fc.integer({ min: 0, max: 10_000_000_00 }).map((n) => new Money(n).div(100));

const behaviour: fc.Arbitrary<CustomerBehaviour> = fc
  .record({
    invoiced: amount,
    dueShare: fc.double({ min: 0, max: 1, noNaN: true }),
    lateShare: fc.double({ min: 0, max: 1, noNaN: true }),
    lateDays: fc.integer({ min: 0, max: 400 }),
    invoices: fc.integer({ min: 0, max: 500 }),
    disputedLines: fc.integer({ min: 0, max: 100 }),
    statements: fc.integer({ min: 0, max: 12 }),
    responseDays: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
    balanceNow: amount,
    balanceBefore: amount,
  })
  .map((r) => {
    const dueAmount = r.invoiced.times(r.dueShare.toFixed(6));
    const lateAmount = dueAmount.times(r.lateShare.toFixed(6));
    return {
      invoiced: r.invoiced,
      dueAmount,
      lateAmount,
      lateAmountDays: lateAmount.times(r.lateDays),
      invoices: r.invoices,
      disputedLines: r.disputedLines,
      statements: r.statements,
      responseDays: r.responseDays === null ? null : new Money(r.responseDays),
      balanceNow: r.balanceNow,
      balanceBefore: r.balanceBefore,
    };
  });

describe('the credit score (property)', () => {
  it('is the weighted sum of its components, 0–100, weights adding to 100, class by the score', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    fc.assert(
      fc.property(behaviour, (b) => {
        const result = scoreBehaviour(b);
        const weighted = result.components.reduce((sum, c) => sum + c.points * c.weight, 0) / 100;
        expect(Math.abs(result.score - weighted)).toBeLessThanOrEqual(0.5);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        for (const c of result.components) expect(c.points >= 0 && c.points <= 100).toBe(true);
        expect(result.riskClass).toBe(classOf(result.score));
        expect(result.suggestedLimit.gte(0)).toBe(true);
        expect(result.suggestedLimit.mod(1000).isZero()).toBe(true);
      }),
    );
  });

  it('paying later never raises the score; D suggests no credit', () => {
    fc.assert(
      fc.property(behaviour, fc.integer({ min: 1, max: 90 }), (b, more) => {
        const later = { ...b, lateAmountDays: b.lateAmountDays.plus(b.lateAmount.times(more)) };
        expect(scoreBehaviour(later).score).toBeLessThanOrEqual(scoreBehaviour(b).score);
        const result = scoreBehaviour(b);
        if (result.riskClass === RiskClass.D) expect(result.suggestedLimit.isZero()).toBe(true);
      }),
    );
  });
});
