import fc from 'fast-check';
import { canonicalOrder, mayRepeatIds, naturalKey, trailingNumbers } from '../../matching/line-order';

// canonicalOrder puts each day's few lines in order by insertion (a crowded day by a sort, days far
// apart by one sort over all): it must give exactly the stable sort by day, natural id, then id,
// input order kept among equals, for ids of one prefix and a number as for any others.
const byDefinition = (lines: Array<{ id: string; day: number }>) =>
  [...lines].sort(
    (a, b) =>
      a.day - b.day ||
      (naturalKey(a.id) < naturalKey(b.id) ? -1 : naturalKey(a.id) > naturalKey(b.id) ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

const numbered = fc.tuple(fc.constantFrom('C7-O', 'C7-O0', 'C7-O00'), fc.nat(60)).map(([p, n]) => `${p}${n}`);
const anyId = fc.stringMatching(/^[A-Za-z0-9\-_]{0,8}$/);
const day = fc.oneof(
  fc.integer({ min: 20_727, max: 20_760 }), // a month and its edges
  fc.constant(20_730), // a crowded day
  fc.integer({ min: 0, max: 60_000 }), // years apart
);

it('is the stable sort by day, natural id and id, whatever the days and ids', () => {
  for (const ids of [numbered, anyId])
    fc.assert(
      fc.property(fc.array(fc.record({ id: ids, day, tag: fc.nat() }), { maxLength: 90 }), (lines) => {
        expect(canonicalOrder(lines)).toEqual(byDefinition(lines));
      }),
      { numRuns: 2_000 },
    );
});

it('says ids may repeat exactly when two of their numbers are equal (or they have none)', () => {
  expect(mayRepeatIds(trailingNumbers([{ id: 'O1' }, { id: 'O2' }]))).toBe(false);
  expect(mayRepeatIds(trailingNumbers([{ id: 'O1' }, { id: 'O01' }]))).toBe(true);
  expect(mayRepeatIds(trailingNumbers([{ id: 'O1' }, { id: 'O1' }]))).toBe(true);
  expect(mayRepeatIds(trailingNumbers([{ id: 'O1' }, { id: 'X' }]))).toBe(true);
});
