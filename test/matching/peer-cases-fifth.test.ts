import { reconcile } from '../../matching';
import { diffs, groups, input, pay, suggested } from '../support/match-lines';

// Peer scenarios, fifth round (#18 acceptance): each outcome argued from docs/matching.md.

describe('a combination and a single line both explain one payment (Odoo: no_amount_check_keep_first / exact_match)', () => {
  it('our 250 against their 100, 200 and 300 at the default tolerance of 50: two fits, suggestions only', () => {
    const r = reconcile(
      input(
        [pay('2026-10-10', '', '-250', { id: 'O1' })],
        [
          pay('2026-10-03', '', '-100', { id: 'T1' }),
          pay('2026-10-05', '', '-200', { id: 'T2' }),
          pay('2026-10-09', '', '-300', { id: 'T3' }),
        ],
      ),
    );
    // Before: 100 + 200 applied with a residual of 50.00 while 300 alone is as close.
    expect(groups(r)).toEqual([]);
    expect(suggested(r)).toEqual(
      expect.arrayContaining([
        [['O1'], ['T1', 'T2']],
        [['O1'], ['T3']],
      ]),
    );
    expect(r.bridge.tied).toBe(true);
  });

  it('a payment of 1,000 against 600 + 390 and a single 995 on the same day is no proven fit either', () => {
    const r = reconcile(
      input(
        [pay('2026-10-10', '', '-1000', { id: 'O1' })],
        [
          pay('2026-10-08', '', '-600', { id: 'T1' }),
          pay('2026-10-09', '', '-390', { id: 'T2' }),
          pay('2026-10-10', '', '-995', { id: 'T3' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([]);
    expect(r.differences.map((d) => d.kind)).not.toContain('TOLERANCE');
  });

  it('an exact single line left to a clerk (two of ours of its amount) is never passed over for a combination', () => {
    const r = reconcile(
      input(
        [pay('2026-10-09', '', '-300', { id: 'O1' }), pay('2026-10-10', '', '-300', { id: 'O2' })],
        [
          pay('2026-10-03', '', '-100', { id: 'T1' }),
          pay('2026-10-05', '', '-200', { id: 'T2' }),
          pay('2026-10-09', '', '-300', { id: 'T3' }),
        ],
      ),
    );
    // Before: O1 grouped with 100 + 200 although their 300 of the same day is its twin, and the
    // 300 left "1 candidates" for O2.
    expect(groups(r)).toEqual([]);
    expect(suggested(r)).toEqual(
      expect.arrayContaining([
        [['O1'], ['T3']],
        [['O1'], ['T1', 'T2']],
      ]),
    );
  });

  it('an exact combination still beats a single line within tolerance (600 + 400 against 1,000, not 995)', () => {
    const r = reconcile(
      input(
        [pay('2026-10-10', '', '-1000', { id: 'O1' })],
        [
          pay('2026-10-08', '', '-600', { id: 'T1' }),
          pay('2026-10-09', '', '-400', { id: 'T2' }),
          pay('2026-10-10', '', '-995', { id: 'T3' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([['ONE_TO_MANY', ['O1'], ['T1', 'T2'], '0']]);
    expect(diffs(r)).toEqual([['MISSING_IN_OURS', [], ['T3'], '-995']]);
  });
});
