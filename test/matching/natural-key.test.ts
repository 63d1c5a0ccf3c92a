import fc from 'fast-check';
import { naturalCompare, naturalKey, trailingNumbers } from '../../matching/line-order';

// naturalKey is a loop over characters (it runs for every line the engine sorts); it must give the
// key the regular-expression definition gave, and sort as naturalCompare does.
const byRegex = (id: string) =>
  id.replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(24, '0'));
const ids = fc.stringMatching(/^[A-Za-z0-9\-_/. 单号]{0,16}$/);

describe('naturalKey', () => {
  it('is the regular-expression key, character for character', () => {
    fc.assert(
      fc.property(ids, (id) => expect(naturalKey(id)).toBe(byRegex(id))),
      { numRuns: 5_000 },
    );
    for (const id of ['', '0', '000', 'L9', 'L10', 'C000001-O111', '007x0', 'a0b00c'])
      expect(naturalKey(id)).toBe(byRegex(id));
  });

  it('orders digit runs as numbers: L9 before L10', () => {
    const sorted = ['L10', 'L9', 'L1', 'L009', 'K2'].sort((a, b) =>
      naturalKey(a) < naturalKey(b) ? -1 : naturalKey(a) > naturalKey(b) ? 1 : 0,
    );
    expect(sorted).toEqual(['K2', 'L1', 'L9', 'L009', 'L10']);
    expect(naturalCompare('L9', 'L10')).toBeLessThan(0);
  });

  it('sorts the same padded to the longest digit run as padded to 24 (prepare pads to the longest)', () => {
    const longest = (list: string[]) =>
      Math.max(
        1,
        ...list.flatMap((id) => (id.match(/\d+/g) ?? []).map((d) => d.replace(/^0+(?=\d)/, '').length)),
      );
    const order = (list: string[], width: number) =>
      list
        .map((id, i) => ({ id, i, key: naturalKey(id, width) }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i))
        .map((e) => e.i);
    fc.assert(
      fc.property(fc.array(ids, { maxLength: 40 }), (list) => {
        const width = longest(list);
        fc.pre(width <= 24);
        expect(order(list, width)).toEqual(order(list, 24));
      }),
      { numRuns: 3_000 },
    );
  });

  it('orders ids of one prefix and a number by the number as their natural keys order them', () => {
    const byKey = (a: string, b: string) =>
      naturalKey(a) < naturalKey(b) ? -1 : naturalKey(a) > naturalKey(b) ? 1 : a < b ? -1 : a > b ? 1 : 0;
    const prefix = fc.stringMatching(/^([A-Za-z0-9\-_/. 单号]{0,8}[A-Za-z\-_/. 单号])?$/);
    const digits = fc.stringMatching(/^[0-9]{1,15}$/);
    fc.assert(
      fc.property(prefix, fc.array(digits, { minLength: 1, maxLength: 30 }), (p, runs) => {
        const list = runs.map((d) => `${p}${d}`);
        const numbers = trailingNumbers(list.map((id) => ({ id })))!;
        expect(numbers).toBeDefined();
        const byNumber = list
          .map((id, i) => ({ id, n: numbers[i] }))
          .sort((a, b) => a.n - b.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((e) => e.id);
        expect(byNumber).toEqual([...list].sort(byKey));
      }),
      { numRuns: 3_000 },
    );
    // Anything else keeps the general order: two prefixes, no number, a run beyond 15 digits.
    for (const list of [['A1', 'B1'], ['A01-1', 'A1-1'], ['X'], ['L1', 'L'], [`L${'9'.repeat(16)}`]])
      expect(trailingNumbers(list.map((id) => ({ id })))).toBeUndefined();
    expect(Array.from(trailingNumbers([{ id: 'C000001-O15' }, { id: 'C000001-O007' }])!)).toEqual([15, 7]);
  });
});
