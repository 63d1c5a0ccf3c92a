import fc from 'fast-check';
import { compareSla, mergeInSlaOrder, type QueueCursor } from '../../tasks/queue-order';

const cursor = fc.record({
  dueAt: fc.integer({ min: 0, max: 20 }).map((d) => new Date(Date.UTC(2026, 11, 1 + d))),
  priority: fc.integer({ min: 0, max: 3 }),
  id: fc.bigInt({ min: 1n, max: 10n ** 12n }).map(String),
});

describe('mergeInSlaOrder', () => {
  it('gives what sorting the lists together and cutting would give', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cursor, { maxLength: 30 }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 80 }),
        (lists, limit) => {
          // Ids unique across lists, as a queue's sources are disjoint; each list in SLA order.
          const seen = new Set<string>();
          const sources = lists.map((list) =>
            list.filter((c) => !seen.has(c.id) && seen.add(c.id)).sort(compareSla),
          );
          const expected = sources.flat().sort(compareSla).slice(0, limit);
          expect(mergeInSlaOrder<QueueCursor>(sources, limit)).toEqual(expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
