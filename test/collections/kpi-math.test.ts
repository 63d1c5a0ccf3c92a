import { collectionKpis } from '../../collections/kpi-math';
import { paidLateness } from '../../collections/payment-behaviour';
import { ApplicationSource } from '../../contract/credit/enums';
import type { OpenDebit } from '../../credit/open-items';

const units = (n: number) => BigInt(Math.round(n * 10_000));

describe('collection KPIs from their sums', () => {
  it('computes DSO, CEI, overdue share and promises kept as docs/collections.md defines them', () => {
    // 30 days; 1,000 open at the start, 3,000 invoiced, 1,500 open at the end of which 600 overdue.
    expect(
      collectionKpis({
        days: 30,
        openAtStart: units(1000),
        invoiced: units(3000),
        openAtEnd: units(1500),
        overdueAtEnd: units(600),
        promisesKept: 3,
        promisesBroken: 1,
      }),
    ).toEqual({
      dso: '15.00', // 1,500 ÷ 3,000 × 30
      cei: '80.65', // (1,000 + 3,000 − 1,500) ÷ (1,000 + 3,000 − 900 current) = 2,500 ÷ 3,100
      overdueShare: '40.00', // 600 ÷ 1,500
      promisesKept: '75.00', // 3 ÷ 4
    });
  });

  it('answers null where a ratio has nothing to divide by', () => {
    expect(
      collectionKpis({
        days: 10,
        openAtStart: 0n,
        invoiced: 0n,
        openAtEnd: 0n,
        overdueAtEnd: 0n,
        promisesKept: 0,
        promisesBroken: 0,
      }),
    ).toEqual({ dso: null, cei: null, overdueShare: null, promisesKept: null });
  });
});

describe('paid lateness (payment behaviour)', () => {
  const debit = (id: string, amount: number, dueDate: string, clearedOn: string | null): OpenDebit => ({
    entryId: id,
    part: 1,
    parts: 1,
    date: '2026-01-01',
    dueDate,
    kind: 'INVOICE',
    docNo: id,
    currency: 'CNY',
    units: units(amount),
    openUnits: clearedOn ? 0n : units(amount),
    applications: clearedOn
      ? [{ creditId: 'r', units: units(amount), on: clearedOn, source: ApplicationSource.OLDEST_FIRST }]
      : [],
    clearedOn,
  });

  it('weights days by amount and counts what was settled late, in the window only', () => {
    const debits = [
      debit('A', 300, '2026-03-01', '2026-03-11'), // 10 days late
      debit('B', 100, '2026-03-01', '2026-02-27'), // 2 days early
      debit('C', 500, '2026-03-01', null), // still open: not settled
      debit('D', 900, '2025-01-01', '2025-01-20'), // settled before the window
    ];
    expect(paidLateness(debits, 'CNY', '2026-01-01', '2026-06-30')).toEqual({
      paidItems: 2,
      paidLate: 1,
      averageDaysToPay: '7.00', // (300 × 10 − 100 × 2) ÷ 400
      paidLateShare: '75.00', // 300 ÷ 400
    });
    expect(paidLateness(debits, 'USD', '2026-01-01', '2026-06-30')).toEqual({
      paidItems: 0,
      paidLate: 0,
      averageDaysToPay: null,
      paidLateShare: null,
    });
  });
});
