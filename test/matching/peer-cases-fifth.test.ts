import { reconcile } from '../../matching';
import { diffs, doc, groups, input, pay, suggested } from '../support/match-lines';

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
    // Their one 300 is wanted by two of ours: the suggestion says so, not "1 candidates".
    expect(r.suggestions.find((s) => s.ourIds[0] === 'O1' && s.theirIds[0] === 'T3')?.evidence).toBe(
      'amount -300.00 on both sides, same day, 2 lines of ours of this amount',
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

describe('a bank reference with our invoice number among its words (Blnk "contains" on reference, ERPNext bank transactions)', () => {
  it('their transfers "TRF/INV-7001/ACME" and "TRF/INV-7002/ACME" pair with our receipts referencing INV-7001 and INV-7002', () => {
    const r = reconcile(
      input(
        [
          pay('2026-10-10', 'INV-7001', '-500', { id: 'O1', docNo: 'RC-1' }),
          pay('2026-10-10', 'INV-7002', '-500', { id: 'O2', docNo: 'RC-2' }),
        ],
        [
          pay('2026-10-11', 'TRF/INV-7002/ACME', '-500', { id: 'T1' }),
          pay('2026-10-11', 'TRF/INV-7001/ACME', '-500', { id: 'T2' }),
        ],
      ),
    );
    // Before: four suggestions by amount, two of them "the documents differ", and four MISSING lines.
    expect(groups(r)).toEqual([
      ['TEXT_REFERENCE', ['O1'], ['T2'], '0'],
      ['TEXT_REFERENCE', ['O2'], ['T1'], '0'],
    ]);
    expect(r.groups.find((g) => g.ourIds[0] === 'O1')?.evidence).toBe(
      'their reference "TRF/INV-7001/ACME" ~ our reference INV-7001, amounts add up to -500.00',
    );
    expect(r.differences).toEqual([]);
  });

  it('"ACME INV-7001 OCT" names INV-7001 a week later, beyond the date window', () => {
    const r = reconcile(
      input(
        [pay('2026-10-02', 'INV-7001', '-500', { id: 'O1', docNo: 'RC-1' })],
        [pay('2026-10-20', 'ACME INV-7001 OCT', '-500', { id: 'T1' })],
      ),
    );
    expect(groups(r)).toEqual([['TEXT_REFERENCE', ['O1'], ['T1'], '0']]);
  });
});

describe('one document booked in parts on one side, its total apart beyond tolerance (ERPNext partial purchase invoices, Blnk one-to-many outside its drift)', () => {
  it('our INV-1 of 1,000 against their INV-1 of 600 and 300 is one AMOUNT_MISMATCH of -100 for the document', () => {
    const r = reconcile(
      input(
        [doc('2026-10-05', 'INV-1', '1000', { id: 'O1' })],
        [doc('2026-10-06', 'INV-1', '600', { id: 'T1' }), doc('2026-10-07', 'INV-1', '300', { id: 'T2' })],
      ),
    );
    // Before: AMOUNT_MISMATCH O1/T1 of -400 and MISSING_IN_OURS T2 of 300, a part of INV-1 called missing.
    expect(diffs(r)).toEqual([['AMOUNT_MISMATCH', ['O1'], ['T1', 'T2'], '-100']]);
    expect(r.differences[0].explanation).toBe(
      'INV-1: 1,000.00 in our books, 900.00 in theirs in 2 lines (600.00 + 300.00) (-100.00, beyond the tolerance of 50.00)',
    );
    expect(r.bridge.tied).toBe(true);
  });

  it('the same with our side in parts', () => {
    const r = reconcile(
      input(
        [doc('2026-10-05', 'INV-1', '600', { id: 'O1' }), doc('2026-10-05', 'INV-1', '300', { id: 'O2' })],
        [doc('2026-10-06', 'INV-1', '1000', { id: 'T1' })],
      ),
    );
    expect(diffs(r)).toEqual([['AMOUNT_MISMATCH', ['O1', 'O2'], ['T1'], '100']]);
  });

  it('a part repeating another is still a DUPLICATE, and parts on both sides still pair one by one', () => {
    const repeat = reconcile(
      input(
        [doc('2026-10-05', 'INV-1', '1000', { id: 'O1' })],
        [doc('2026-10-06', 'INV-1', '900', { id: 'T1' }), doc('2026-10-16', 'INV-1', '900', { id: 'T2' })],
      ),
    );
    expect(diffs(repeat)).toEqual([
      ['AMOUNT_MISMATCH', ['O1'], ['T1'], '-100'],
      ['DUPLICATE', [], ['T2'], '900'],
    ]);
    const both = reconcile(
      input(
        [doc('2026-10-05', 'INV-1', '600', { id: 'O1' }), doc('2026-10-05', 'INV-1', '400', { id: 'O2' })],
        [doc('2026-10-06', 'INV-1', '600', { id: 'T1' }), doc('2026-10-07', 'INV-1', '300', { id: 'T2' })],
      ),
    );
    expect(groups(both)).toEqual([['EXACT_REFERENCE', ['O1'], ['T1'], '0']]);
    expect(diffs(both)).toEqual([['AMOUNT_MISMATCH', ['O2'], ['T2'], '-100']]);
  });

  it('payments with numbers of their own naming one invoice are separate documents, not its parts', () => {
    const r = reconcile(
      input(
        [pay('2026-10-20', 'INV-1', '-1000', { id: 'O1', docNo: 'RC-1' })],
        [
          pay('2026-10-21', 'INV-1', '-600', { id: 'T1', docNo: 'PAY-7' }),
          pay('2026-10-22', 'INV-1', '-300', { id: 'T2', docNo: 'PAY-8' }),
        ],
      ),
    );
    expect(r.differences.find((d) => d.theirIds.length > 1)).toBeUndefined();
  });
});
