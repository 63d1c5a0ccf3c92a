import fc from 'fast-check';
import { CreditReasonCode } from '../../contract/credit/check';
import { CreditDecision, RiskClass } from '../../contract/credit/enums';
import { decideCredit, type CreditPosition } from '../../credit/credit-check';
import { Money } from '../../money/decimal';

// Amounts in units of 1/10,000 turned into decimals: sub-cent values and signs included.
const units = (min: number, max: number) => fc.integer({ min, max }).map((n) => new Money(n).div(10_000));

const position = fc.record({
  currency: fc.constant('CNY'),
  balance: units(-5_000_000, 50_000_000),
  disputed: units(-1_000_000, 60_000_000),
  openOrders: units(-1_000_000, 10_000_000),
  limit: fc.option(units(0, 80_000_000), { nil: null }),
  onHold: fc.boolean(),
  holdReason: fc.constant(null),
  riskClass: fc.constantFrom(...Object.values(RiskClass)),
  active: fc.boolean(),
}) as fc.Arbitrary<CreditPosition>;

const RANK = { [CreditDecision.OK]: 0, [CreditDecision.WARN]: 1, [CreditDecision.BLOCK]: 2 };

describe('decideCredit (property)', () => {
  it('exposure is open receivables + disputed + orders, disputed never more than is owed', () => {
    fc.assert(
      fc.property(position, units(0, 10_000_000), (p, amount) => {
        const a = decideCredit(p, amount);
        expect(a.exposure.eq(a.openReceivables.plus(a.disputed).plus(a.openOrders))).toBe(true);
        expect(a.openReceivables.plus(a.disputed).eq(p.balance)).toBe(true);
        expect(a.disputed.gte(0) && a.disputed.lte(Money.max(p.balance, 0))).toBe(true);
        if (p.limit) expect(a.available!.eq(p.limit.minus(a.exposure).minus(amount))).toBe(true);
        else expect(a.available).toBeNull();
      }),
    );
  });

  it('blocks exactly when on hold, inactive or over the limit; lists a reason for anything not OK', () => {
    fc.assert(
      fc.property(position, units(0, 10_000_000), (p, amount) => {
        const a = decideCredit(p, amount);
        const over = p.limit !== null && a.exposure.plus(amount).gt(p.limit);
        expect(a.decision === CreditDecision.BLOCK).toBe(p.onHold || !p.active || over);
        expect(a.reasons.some((r) => r.code === CreditReasonCode.OVER_LIMIT)).toBe(over);
        expect(a.decision === CreditDecision.OK).toBe(a.reasons.length === 0);
      }),
    );
  });

  it('a larger order never gets a better answer', () => {
    fc.assert(
      fc.property(position, units(0, 10_000_000), units(0, 10_000_000), (p, x, y) => {
        const [small, large] = x.lte(y) ? [x, y] : [y, x];
        expect(RANK[decideCredit(p, large).decision]).toBeGreaterThanOrEqual(
          RANK[decideCredit(p, small).decision],
        );
      }),
    );
  });
});
