import fc from 'fast-check';
import {
  MAX_TASK_PRIORITY,
  orderWorklist,
  taskPriorityOf,
  worklistPriority,
} from '../../collections/worklist-order';
import { RiskClass } from '../../contract/credit/enums';

describe('the collector’s worklist order: amount overdue × days × risk class', () => {
  it('weighs amount, days and class as a product, exactly', () => {
    expect(
      worklistPriority({ customerId: '1', overdue: '1000.50', daysOverdue: 10, riskClass: RiskClass.B }),
    ).toBe(10_005_000n * 10n * 2n);
    expect(worklistPriority({ customerId: '1', overdue: '0', daysOverdue: 90, riskClass: RiskClass.D })).toBe(
      0n,
    );
    expect(worklistPriority({ customerId: '1', overdue: '5', daysOverdue: 0, riskClass: RiskClass.D })).toBe(
      0n,
    );
  });

  it('puts the larger product first, whichever factor makes it larger', () => {
    const ordered = orderWorklist([
      { customerId: '1', overdue: '10000', daysOverdue: 5, riskClass: RiskClass.A }, // 50,000 × 1
      { customerId: '2', overdue: '1000', daysOverdue: 40, riskClass: RiskClass.D }, // 40,000 × 4
      { customerId: '3', overdue: '2000', daysOverdue: 30, riskClass: RiskClass.B }, // 60,000 × 2
      { customerId: '10', overdue: '2000', daysOverdue: 30, riskClass: RiskClass.B }, // tie with 3
    ]);
    expect(ordered.map((c) => c.customerId)).toEqual(['2', '3', '10', '1']);
  });

  it('is a total order that does not depend on the input order', () => {
    const candidate = fc.record({
      customerId: fc.integer({ min: 1, max: 10_000 }).map(String),
      overdue: fc.integer({ min: 0, max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2)),
      daysOverdue: fc.integer({ min: 0, max: 400 }),
      riskClass: fc.constantFrom(RiskClass.A, RiskClass.B, RiskClass.C, RiskClass.D),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(candidate, { selector: (c) => c.customerId, maxLength: 30 }),
        (candidates) => {
          const ordered = orderWorklist(candidates);
          expect(orderWorklist([...candidates].reverse())).toEqual(ordered);
          for (let i = 1; i < ordered.length; i += 1)
            expect(worklistPriority(ordered[i - 1]) >= worklistPriority(ordered[i])).toBe(true);
        },
      ),
    );
  });

  it("stores as a task's priority a SMALLINT that never puts a smaller product ahead of a larger one", () => {
    const candidate = fc.record({
      customerId: fc.constant('1'),
      overdue: fc.integer({ min: 0, max: 1_000_000_000_000 }).map((cents) => (cents / 100).toFixed(2)),
      daysOverdue: fc.integer({ min: 0, max: 3_650 }),
      riskClass: fc.constantFrom(RiskClass.A, RiskClass.B, RiskClass.C, RiskClass.D),
    });
    fc.assert(
      fc.property(candidate, candidate, (a, b) => {
        const [pa, pb] = [taskPriorityOf(a), taskPriorityOf(b)];
        expect(Number.isInteger(pa) && pa >= 0 && pa <= MAX_TASK_PRIORITY).toBe(true);
        if (worklistPriority(a) > worklistPriority(b)) expect(pa).toBeGreaterThanOrEqual(pb);
      }),
      { numRuns: 2000 },
    );
    // 1,000 × log10(1 + product): 100,000 → 5000, nothing overdue → 0.
    expect(
      taskPriorityOf({ customerId: '1', overdue: '5000', daysOverdue: 20, riskClass: RiskClass.A }),
    ).toBe(5000);
    expect(taskPriorityOf({ customerId: '1', overdue: '0', daysOverdue: 20, riskClass: RiskClass.D })).toBe(
      0,
    );
  });
});
