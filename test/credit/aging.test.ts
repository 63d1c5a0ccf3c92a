import fc from 'fast-check';
import { AgingBasis, TermsKind } from '../../contract/credit/enums';
import { ageOpenItems, agingBuckets, bucketIndex, validateEdges } from '../../credit/aging';
import { applyReceivables, openBalance, type LedgerItem } from '../../credit/open-items';
import { dueSchedule } from '../../credit/terms';
import { dateOfDay, dayNumber } from '../../formats/date';

const net = (days: number) => (e: LedgerItem) =>
  dueSchedule({ kind: TermsKind.NET, days, instalments: [] }, e.date, e.units);
const entry = (id: number, date: string, units: bigint): LedgerItem => ({
  id: String(id),
  date,
  kind: units > 0n ? 'INVOICE' : 'RECEIPT',
  units,
  currency: 'CNY',
  docNo: `D${id}`,
  reference: null,
});

describe('aging by due date beside aging by document date', () => {
  it('cuts configurable buckets: not due, 1–30, 31–60, 61–90, 90+', () => {
    expect(agingBuckets([30, 60, 90], AgingBasis.DUE_DATE).map((b) => b.key)).toEqual([
      'NOT_DUE',
      'D1_30',
      'D31_60',
      'D61_90',
      'D90_PLUS',
    ]);
    expect([-5, 0, 1, 30, 31, 90, 91].map((d) => bucketIndex(d, [30, 60, 90]))).toEqual([
      0, 0, 1, 1, 2, 3, 4,
    ]);
    expect(agingBuckets([15, 45], AgingBasis.DUE_DATE).map((b) => b.key)).toEqual([
      'NOT_DUE',
      'D1_15',
      'D16_45',
      'D45_PLUS',
    ]);
    expect(validateEdges([30, 30]).map((p) => p.reason)).toEqual(['edges must increase']);
    expect(validateEdges([]).length).toBe(1);
  });

  it('ages an invoice by when it falls due, or by its date', () => {
    const items = applyReceivables([entry(1, '2026-01-01', 1000n), entry(2, '2026-03-01', 500n)], net(60));
    const byDue = ageOpenItems(items, '2026-03-15', [30, 60, 90], AgingBasis.DUE_DATE)[0];
    const byDoc = ageOpenItems(items, '2026-03-15', [30, 60, 90], AgingBasis.DOCUMENT_DATE)[0];
    // Due 2026-03-02 (13 days over) and 2026-04-30 (not due); by date 73 and 14 days old.
    expect(byDue.buckets).toEqual([500n, 1000n, 0n, 0n, 0n]);
    expect(byDoc.buckets).toEqual([0n, 500n, 0n, 1000n, 0n]);
    expect(byDue.overdue).toBe(1000n);
    expect(byDue.oldestOverdueDays).toBe(13);
  });

  it('ties every aging to the balance, whatever the basis and buckets', () => {
    const arb = fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 300 }),
        units: fc.bigInt({ min: -100_000n, max: 100_000n }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(
        arb,
        fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(AgingBasis.DUE_DATE, AgingBasis.DOCUMENT_DATE),
        (raw, edges, basis) => {
          const entries = raw.map((r, i) =>
            entry(i + 1, dateOfDay(dayNumber('2026-01-01') + r.day), r.units),
          );
          const items = applyReceivables(entries, net(30));
          const sorted = [...edges].sort((a, b) => a - b);
          for (const aged of ageOpenItems(items, '2026-08-01', sorted, basis)) {
            expect(aged.buckets.reduce((a, b) => a + b, 0n) + aged.unapplied).toBe(aged.total);
            expect(aged.total).toBe(openBalance(items).get(aged.currency));
          }
        },
      ),
    );
  });
});
