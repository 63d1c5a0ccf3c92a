import fc from 'fast-check';
import { KeyNumbers } from '../../matching/keys';
import { prepare, type Prepared } from '../../matching/prepare';
import { reservedForReferences } from '../../matching/state';

// reservedForReferences looks placed lines up among the open lines' items instead of putting every
// placed line's item in a set: its answers must be those of the plain definition, for every line,
// placed or open, asked before or after other lines are placed.
function byDefinition(ours: Prepared[], theirs: Prepared[]): (line: Prepared) => boolean {
  const open = { ours: new Set<number>(), theirs: new Set<number>() };
  const matched = { ours: new Set<number>(), theirs: new Set<number>() };
  for (const line of [...ours, ...theirs]) {
    if (line.placed) {
      if (line.itemKey) matched[line.side].add(line.itemKey);
    } else for (const k of line.docKeys) open[line.side].add(k);
  }
  return (line) =>
    (line.itemKey !== 0 && matched[line.side].has(line.itemKey)) ||
    line.docKeys.some((k) => open[line.side === 'ours' ? 'theirs' : 'ours'].has(k));
}

const reference = fc.constantFrom('INV-1', 'inv 1', 'INV-2', 'PMT-9', '付款 PMT-9', '', 'No.0003');
const line = fc.record({
  docNo: reference,
  reference,
  amount: fc.constantFrom('100', '-100', '250.25', '7'),
  placed: fc.boolean(),
  placedLater: fc.boolean(),
});

it('answers as the plain definition for open and placed lines, fixed when it is asked for', () => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 12 }), fc.array(line, { maxLength: 12 }), (o, t) => {
      // One numbering of documents and items for both sides, as the engine prepares them.
      const keys = new KeyNumbers();
      const side = (rows: typeof o, name: 'ours' | 'theirs') => {
        const lines = prepare(
          rows.map((r, i) => ({
            id: `${name}${i}`,
            date: '2026-10-01',
            kind: 'INVOICE',
            currency: 'CNY',
            ...r,
          })),
          name,
          keys,
        );
        for (const l of lines) l.placed = rows[Number(l.id.slice(name.length))].placed;
        return lines;
      };
      const ours = side(o, 'ours');
      const theirs = side(t, 'theirs');
      const expected = byDefinition(ours, theirs);
      const answers = [...ours, ...theirs].map(expected);
      const reserved = reservedForReferences(ours, theirs);
      // Lines placed after the snapshot keep their answers.
      for (const l of [...ours, ...theirs])
        if ((l.side === 'ours' ? o : t)[Number(l.id.replace(/\D/g, ''))].placedLater) l.placed = true;
      expect([...ours, ...theirs].map(reserved)).toEqual(answers);
    }),
    { numRuns: 3_000 },
  );
});
