import { reconcile } from '../../matching';
import { diffs, doc, groups, input, line } from '../support/match-lines';

// #18 speed assignment, remaining cases: a reversal and re-bill; two documents of one amount and day.
const summary = (r: ReturnType<typeof reconcile>) => ({
  groups: groups(r),
  differences: diffs(r),
  suggestions: r.suggestions.length,
  tied: r.bridge.tied,
});

describe('reversal and re-bill', () => {
  it('our invoice, its full reversal and the corrected invoice against only the corrected one on theirs: the reversal pair nets out, the corrected pair matches', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-100', '1000', { id: 'O1' }),
          doc('2026-10-04', 'INV-100-R', '-1000', { id: 'O2', kind: 'CREDIT_NOTE', reference: 'INV-100' }),
          doc('2026-10-04', 'INV-101', '1200', { id: 'O3' }),
        ],
        [doc('2026-10-05', 'INV-101', '1200', { id: 'T1' })],
      ),
    );
    const s = summary(r);
    expect(s.groups).toContainEqual([expect.any(String), ['O3'], ['T1'], '0']);
    // The invoice and its reversal cancel on our side: nothing of them is a difference.
    expect(s.differences).toEqual([]);
    expect(s.groups.filter((g) => (g[1] as string[]).includes('O1'))).toEqual([
      [expect.any(String), ['O1', 'O2'], [], '0'],
    ]);
    expect(s.tied).toBe(true);
  });

  it('the same when the corrected invoice keeps the number and the reversal names it only in the description', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-7001', '500', { id: 'O1' }),
          doc('2026-10-06', 'CN-7001', '-500', {
            id: 'O2',
            kind: 'CREDIT_NOTE',
            description: 'reversal of INV-7001',
          }),
          doc('2026-10-06', 'INV-7001', '450', { id: 'O3' }),
        ],
        [doc('2026-10-08', 'INV-7001', '450', { id: 'T1' })],
      ),
    );
    const s = summary(r);
    expect(s.groups).toContainEqual([expect.any(String), ['O3'], ['T1'], '0']);
    expect(s.groups).toContainEqual([expect.any(String), ['O1', 'O2'], [], '0']);
    expect(s.differences).toEqual([]);
    expect(s.tied).toBe(true);
  });

  it('a reversal on their side too: both pairs match each other, nothing nets alone', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-100', '1000', { id: 'O1' }),
          doc('2026-10-04', 'CN-100', '-1000', { id: 'O2', kind: 'CREDIT_NOTE', reference: 'INV-100' }),
        ],
        [
          doc('2026-10-03', 'INV-100', '1000', { id: 'T1' }),
          doc('2026-10-04', 'CN-100', '-1000', { id: 'T2', kind: 'CREDIT_NOTE', reference: 'INV-100' }),
        ],
      ),
    );
    const s = summary(r);
    expect(s.groups.map((g) => [g[1], g[2]]).sort()).toEqual([
      [['O1'], ['T1']],
      [['O2'], ['T2']],
    ]);
    expect(s.differences).toEqual([]);
  });

  it('a partial credit is not a reversal: it stays a difference when their side lacks it', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-100', '1000', { id: 'O1' }),
          doc('2026-10-04', 'CN-100', '-100', { id: 'O2', kind: 'CREDIT_NOTE', reference: 'INV-100' }),
        ],
        [doc('2026-10-03', 'INV-100', '1000', { id: 'T1' })],
      ),
    );
    const s = summary(r);
    expect(s.groups).toContainEqual([expect.any(String), ['O1'], ['T1'], '0']);
    expect(s.differences.map((d) => [d[0], d[1]])).toEqual([['MISSING_IN_THEIRS', ['O2']]]);
  });
});

describe('two documents with the same amount on the same day', () => {
  it('pair by reference, never crossed', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-10', 'INV-301', '750', { id: 'O1' }),
          doc('2026-10-10', 'INV-302', '750', { id: 'O2' }),
        ],
        [doc('2026-10-10', 'INV 302', '750', { id: 'T1' }), doc('2026-10-10', 'inv301', '750', { id: 'T2' })],
      ),
    );
    expect(
      summary(r)
        .groups.map((g) => [g[1], g[2]])
        .sort(),
    ).toEqual([
      [['O1'], ['T2']],
      [['O2'], ['T1']],
    ]);
  });

  it('when one of them is typed with a typo, the other still pairs by reference and the typo by fuzzy match, never crossed', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-10', 'INV-30001', '750', { id: 'O1' }),
          doc('2026-10-10', 'INV-30002', '750', { id: 'O2' }),
        ],
        [
          doc('2026-10-10', 'INV-30002', '750', { id: 'T1' }),
          doc('2026-10-10', 'INV-30010', '750', { id: 'T2' }),
        ],
      ),
    );
    const pairs = summary(r).groups.map((g) => [g[1], g[2]]);
    expect(pairs).toContainEqual([['O2'], ['T1']]);
    expect(pairs).not.toContainEqual([['O2'], ['T2']]);
    expect(pairs).not.toContainEqual([['O1'], ['T1']]);
  });

  it('receipts of one amount on one day naming different invoices in their descriptions pair by what they name', () => {
    const rec = (id: string, d: string) =>
      line('2026-10-12', '', '-750', { id, reference: undefined, description: d, kind: 'RECEIPT' });
    const r = reconcile(
      input(
        [rec('O1', '收款 INV 301'), rec('O2', '收款 INV 302')],
        [rec('T1', 'payment for INV-302'), rec('T2', 'payment for INV-301')],
      ),
    );
    expect(
      summary(r)
        .groups.map((g) => [g[1], g[2]])
        .sort(),
    ).toEqual([
      [['O1'], ['T2']],
      [['O2'], ['T1']],
    ]);
  });
});
