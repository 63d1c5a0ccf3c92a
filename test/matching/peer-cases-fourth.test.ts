import { normalizeReference, reconcile } from '../../matching';
import { doc, groups, input, line } from '../support/match-lines';

// Peer scenarios found by running `recon match` on files (#18 acceptance, fourth round): each outcome
// argued from docs/matching.md.

describe('an invoice number introduced in words (BlackLine / Oracle ARCS transaction matching)', () => {
  it('"Invoice No. 00123", "Inv. No. 123" and "Invoice Nr. 123" are INV123: both prefixes go, then the zeros', () => {
    const forms = ['Invoice No. 00123', 'Inv. No. 123', 'Invoice Nr. 123', 'INV123', 'inv no 0123'];
    expect(new Set(forms.map(normalizeReference))).toEqual(new Set(['123']));
    // A word that only begins like the prefixes is no prefix.
    expect(normalizeReference('Inventory 12')).toBe('inventory12');
  });

  it('our invoice referenced "Invoice No. 00123" pairs with their INV123 twenty days later', () => {
    const r = reconcile(
      input(
        [line('2026-10-05', 'Invoice No. 00123', '800', { id: 'O1' })],
        [doc('2026-10-25', 'INV123', '800', { id: 'T1' })],
      ),
    );
    // Before: MISSING_IN_THEIRS O1 and MISSING_IN_OURS T1 ("invoiceno00123" against "123").
    expect(groups(r)).toEqual([['NORMALIZED_REFERENCE', ['O1'], ['T1'], '0']]);
    expect(r.differences).toEqual([]);
  });
});
