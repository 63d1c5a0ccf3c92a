import fc from 'fast-check';
import { reconcile, type MatchLine } from '../../matching';
import { allowedResidual, DEFAULT_RULE_SETTINGS, toleranceRange } from '../../matching/settings';
import { input, line } from '../support/match-lines';

// 1:N and N:1 groups within tolerance (issue #18 point 7): the subset search must find exactly the
// groups the tolerance check accepts, and apply one only when it is proven the only fit.

const cents = (n: number) => (n / 100).toFixed(2);

/** How many subsets of 2..maxSize values add up to `target`, by enumeration. */
function fitsByBruteForce(values: number[], target: number, maxSize: number): number {
  let count = 0;
  const walk = (start: number, size: number, total: number) => {
    if (size >= 2 && total === target) count += 1;
    if (size === maxSize) return;
    for (let i = start; i < values.length; i += 1) walk(i + 1, size + 1, total + values[i]);
  };
  walk(0, 0, 0);
  return count;
}

describe('subset sums within tolerance', () => {
  it('a total above the target by up to the percent of that total matches, with its residual and the tolerance', () => {
    // 10,050.25 against 10,000: 50.25 over, allowed max(50, 0.5 % of 10,050.25 = 50.2512).
    const r = reconcile(
      input(
        [
          line('2026-10-03', 'A-1', '6000.00', { id: 'O1' }),
          line('2026-10-04', 'B-2', '4050.25', { id: 'O2' }),
        ],
        [line('2026-10-06', 'WIRE 889', '10000.00', { id: 'T1', kind: 'RECEIPT' })],
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.ourIds, g.theirIds, g.residual])).toEqual([
      ['ONE_TO_MANY', ['O1', 'O2'], ['T1'], '-50.25'],
    ]);
    expect(r.groups[0].evidence).toBe(
      '2 lines add up to 10,050.25 against 10,000.00: residual -50.25 within the tolerance of 50.2512',
    );
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'TOLERANCE', amount: '-50.25' })]);
    expect(r.bridge.tied).toBe(true);
  });

  it('one invoice paid in instalments that fall short within tolerance is one group (N:1)', () => {
    const r = reconcile(
      input(
        [line('2026-10-03', 'INV-5', '10000.00', { id: 'O1' })],
        [
          line('2026-10-05', 'PAY-1', '3000.00', { id: 'T1', kind: 'RECEIPT' }),
          line('2026-10-06', 'PAY-2', '3000.00', { id: 'T2', kind: 'RECEIPT' }),
          line('2026-10-07', 'PAY-3', '3990.00', { id: 'T3', kind: 'RECEIPT' }),
        ],
      ),
    );
    expect(r.groups.map((g) => [g.ourIds, g.theirIds, g.residual])).toEqual([
      [['O1'], ['T1', 'T2', 'T3'], '-10'],
    ]);
    expect(r.differences.map((d) => [d.kind, d.amount])).toEqual([['TOLERANCE', '-10']]);
  });

  it('a fit found before the search budget runs out is a suggestion, not a match: another may lie beyond', () => {
    // Amounts in cents. Target 14,000.00 ≡ 0 (mod 7). {a, b} fits (found first: a is the largest);
    // 23 lines ≡ 1 (mod 7) of 2,899.97–3,361.97 keep the search busy (no subset of 2–5 lines mixing
    // them with others adds up to the target); the five smallest lines (≡ 0) fit too, found last.
    const a = 1_398_995;
    const b = 1_005;
    const busy = Array.from({ length: 23 }, (_, i) => 289_997 + 2_100 * i);
    const last = [279_993, 279_993, 280_000, 280_007, 280_007];
    const amounts = [a, b, ...busy, ...last];
    expect(fitsByBruteForce(amounts, 1_400_000, 5)).toBe(2); // {a, b} and the last five
    const ours: MatchLine[] = amounts.map((value, i) =>
      line('2026-10-10', `INV-${100 + i}`, cents(value), { id: `O${String(i).padStart(2, '0')}` }),
    );
    const r = reconcile(
      input(ours, [line('2026-10-11', 'WIRE 1', '14000.00', { id: 'T1', kind: 'RECEIPT' })]),
    );
    expect(r.groups).toEqual([]);
    const found = r.suggestions.filter((s) => s.theirIds[0] === 'T1');
    expect(found.map((s) => s.ourIds)).toEqual([['O00', 'O01']]);
    expect(found[0].confidence).toBeLessThan(DEFAULT_RULE_SETTINGS.autoApplyConfidence);
    expect(found[0].evidence).toMatch(/cut off before another combination could be ruled out/);
  });

  it('the searched range is exactly the totals the tolerance check accepts', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 2_000_000n }),
        fc.bigInt({ min: 0n, max: 999_999n }),
        fc.bigInt({ min: -3n, max: 3n }),
        (target, absolute, percent, nudge) => {
          const settings = {
            ...DEFAULT_RULE_SETTINGS,
            tolerances: {
              '*': {
                absolute: (Number(absolute) / 10_000).toFixed(4),
                percent: (Number(percent) / 10_000).toFixed(4),
              },
            },
          };
          const { low, high } = toleranceRange(settings, 'CNY', target);
          const fits = (total: bigint) => {
            const gap = total > target ? total - target : target - total;
            return total >= 0n && gap <= allowedResidual(settings, 'CNY', target, total);
          };
          for (const edge of [low, high]) {
            const total = edge + nudge;
            if (total < 0n) continue;
            expect([total, fits(total)]).toEqual([total, total >= low && total <= high]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
