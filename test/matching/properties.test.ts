import fc from 'fast-check';
import {
  fromUnits,
  reconcile,
  toUnits,
  type MatchLine,
  type ReconcileInput,
  type ReconcileResult,
} from '../../matching';

const PLACING = new Set(['MISSING_IN_OURS', 'MISSING_IN_THEIRS', 'AMOUNT_MISMATCH', 'TIMING', 'DUPLICATE']);

// Small pools of references, dates and amounts so that the rules really collide.
const reference = fc.constantFrom(
  'INV-1',
  'inv 1',
  '发票号：１',
  'INV-2',
  'PMT-9',
  '付款 PMT-9',
  'X-77',
  '',
  'No.0003',
);
const amount = fc.oneof(
  fc.constantFrom(
    '0.1',
    '0.2',
    '0.3',
    '100',
    '-100',
    '250.25',
    '-250.25',
    '99999999999999.9999',
    '-99999999999999.9999',
  ),
  fc.bigInt({ min: -100_000_000n, max: 100_000_000n }).map((units) => fromUnits(units)),
);
const day = fc.integer({ min: 1, max: 31 }).map((d) => `2026-10-${String(d).padStart(2, '0')}`);
const lineArb = fc.record({
  date: day,
  reference,
  amount,
  kind: fc.constantFrom('INVOICE', 'RECEIPT', 'CREDIT_NOTE'),
});
const side = (prefix: string) =>
  fc
    .array(lineArb, { maxLength: 18 })
    .map((lines) => lines.map((l, i): MatchLine => ({ ...l, id: `${prefix}${i}`, currency: 'CNY' })));

const sumOf = (lines: MatchLine[]) => lines.reduce((total, l) => total + toUnits(l.amount), 0n);

const inputArb = fc
  .record({
    ours: side('o'),
    theirs: side('t'),
    ourOpening: amount,
    theirOpening: amount,
    noise: fc.bigInt({ min: -500n, max: 500n }),
  })
  .map(({ ours, theirs, ourOpening, theirOpening, noise }): ReconcileInput => ({
    ours,
    theirs,
    period: { start: '2026-10-01', end: '2026-10-31' },
    ourOpening,
    theirOpening,
    ourClosing: fromUnits(toUnits(ourOpening) + sumOf(ours)),
    // Sometimes their closing is off by a little: the bridge must say so, exactly.
    theirClosing: fromUnits(toUnits(theirOpening) + sumOf(theirs) + noise),
  }));

const shuffle = <T>(items: T[], seed: number) => {
  const copy = [...items];
  let state = seed || 1;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
};

describe('matching invariants (fast-check)', () => {
  it('places every line exactly once: in one applied group or one difference', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = reconcile(input);
        const placements = new Map<string, number>();
        const count = (key: string) => placements.set(key, (placements.get(key) ?? 0) + 1);
        for (const g of result.groups)
          [...g.ourIds.map((id) => `o:${id}`), ...g.theirIds.map((id) => `t:${id}`)].forEach(count);
        for (const d of result.differences.filter((x) => PLACING.has(x.kind))) {
          [...d.ourIds.map((id) => `o:${id}`), ...d.theirIds.map((id) => `t:${id}`)].forEach(count);
        }
        const expected = [...input.ours.map((l) => `o:${l.id}`), ...input.theirs.map((l) => `t:${l.id}`)];
        return expected.every((key) => placements.get(key) === 1) && placements.size === expected.length;
      }),
      { numRuns: 300 },
    );
  });

  it('ties the bridge exactly: our closing + differences + unexplained = their closing, tied ⇔ nothing unexplained', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { bridge, differences } = reconcile(input);
        const total = differences.reduce((sum, d) => sum + toUnits(d.amount), toUnits(input.ourClosing));
        return (
          toUnits(bridge.computedTheirClosing) === total &&
          total + toUnits(bridge.unexplained) === toUnits(input.theirClosing) &&
          bridge.tied === (toUnits(bridge.unexplained) === 0n) &&
          bridge.lines.length === differences.length
        );
      }),
      { numRuns: 300 },
    );
  });

  it('ties whenever the two sides really agree (no noise, same openings)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const fair = {
          ...input,
          theirOpening: input.ourOpening,
          theirClosing: fromUnits(toUnits(input.ourOpening) + sumOf(input.theirs)),
        };
        return reconcile(fair).bridge.tied;
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const a: ReconcileResult = reconcile(input);
        const b = reconcile({
          ...input,
          ours: shuffle(input.ours, seed),
          theirs: shuffle(input.theirs, seed + 7),
        });
        return JSON.stringify(a) === JSON.stringify(b);
      }),
      { numRuns: 200 },
    );
  });

  it('is exact: a thousand 0.1s and 0.2s are 300 to the unit, and extreme amounts survive', () => {
    const many = Array.from({ length: 1000 }, (_, i): MatchLine => ({
      id: `m${i}`,
      date: '2026-10-10',
      reference: `R${i}`,
      kind: 'INVOICE',
      amount: i % 2 ? '0.1' : '0.2',
      currency: 'CNY',
    }));
    const result = reconcile({
      ours: many,
      theirs: [],
      period: { start: '2026-10-01', end: '2026-10-31' },
      ourOpening: '0',
      theirOpening: '0',
      ourClosing: '150',
      theirClosing: '0',
    });
    expect(result.bridge).toMatchObject({ computedTheirClosing: '0', unexplained: '0', tied: true });
    expect(fromUnits(toUnits('99999999999999.9999') + toUnits('-99999999999999.9999'))).toBe('0');
    expect(fromUnits(toUnits('0.1') + toUnits('0.2'))).toBe('0.3');
  });
});
