import { normalizeReference, reconcile } from '../../matching';
import { diffs, doc, groups, input, line, pay, text } from '../support/match-lines';

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

describe('a payment less a write-off both naming the invoices (Odoo payment with write-off, ERPNext deductions)', () => {
  it("our receipt of 990 and write-off of 10 against the customer's 1,000 naming the same invoices are one exact group", () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-02', 'INV-11', '600', { id: 'O1' }),
          doc('2026-10-03', 'INV-12', '400', { id: 'O2' }),
          text('2026-10-20', 'payment INV-11 INV-12', '-990', { id: 'O3', docNo: 'RC-1' }),
          text('2026-10-20', 'write off INV-12', '-10', { id: 'O4', docNo: 'ADJ-1', kind: 'ADJUSTMENT' }),
        ],
        [
          doc('2026-10-02', 'INV-11', '600', { id: 'T1' }),
          doc('2026-10-03', 'INV-12', '400', { id: 'T2' }),
          pay('2026-10-25', 'INV-11, INV-12', '-1000', { id: 'T3' }),
        ],
      ),
    );
    // Before: O3 against T3 within tolerance (a TOLERANCE line of -10.00) and the write-off O4
    // MISSING_IN_THEIRS (+10.00): two differences that only cancel each other.
    expect(groups(r)).toEqual([
      ['EXACT_REFERENCE', ['O1'], ['T1'], '0'],
      ['EXACT_REFERENCE', ['O2'], ['T2'], '0'],
      ['TEXT_REFERENCE', ['O3', 'O4'], ['T3'], '0'],
    ]);
    expect(r.groups.find((g) => g.theirIds[0] === 'T3')?.evidence).toBe(
      'our descriptions "payment INV-11 INV-12" and their reference "INV-11, INV-12" name the same documents (11, 12), amounts add up to -1,000.00',
    );
    expect(r.differences).toEqual([]);
    expect(r.bridge.tied).toBe(true);
  });

  it('without the write-off the receipt still pairs within tolerance, its residual a TOLERANCE line', () => {
    const r = reconcile(
      input(
        [text('2026-10-20', 'payment INV-11 INV-12', '-990', { id: 'O3', docNo: 'RC-1' })],
        [pay('2026-10-25', 'INV-11, INV-12', '-1000', { id: 'T3' })],
      ),
    );
    expect(groups(r)).toEqual([['TEXT_REFERENCE', ['O3'], ['T3'], '-10']]);
    expect(r.differences.map((d) => [d.kind, d.amount])).toEqual([['TOLERANCE', '-10']]);
  });
});

describe('a reference field listing documents written each with its letters, "INV-11/INV-12"', () => {
  it("reads two invoices: the customer's 1,000 against our receipt and write-off naming them is one group", () => {
    const r = reconcile(
      input(
        [
          text('2026-10-20', 'payment INV-11 INV-12', '-990', { id: 'O3', docNo: 'RC-1' }),
          text('2026-10-20', 'write off INV-12', '-10', { id: 'O4', docNo: 'ADJ-1', kind: 'ADJUSTMENT' }),
        ],
        [pay('2026-10-25', 'INV-11/INV-12', '-1000', { id: 'T3' })],
      ),
    );
    // Before: "INV-11/INV-12" was one number, so the subset O3 + O4 was only a suggestion saying
    // "the documents differ", and all three lines were MISSING.
    expect(groups(r)).toEqual([['TEXT_REFERENCE', ['O3', 'O4'], ['T3'], '0']]);
    expect(r.differences).toEqual([]);
  });

  it('one number with slashes (PAY/2020/0031, INV/2019/0002) is no such list', () => {
    for (const reference of ['PAY/2020/0031', 'INV/2019/0002']) {
      const r = reconcile(
        input(
          [text('2026-10-20', 'payment INV-11 INV-12', '-1000', { id: 'O1', docNo: 'RC-1' })],
          [pay('2026-10-29', reference, '-1000', { id: 'T1' })],
        ),
      );
      expect(r.groups).toEqual([]);
    }
  });
});

describe('a statement line imported twice, its amount less a bank fee (ERPNext bank transactions, Blnk duplicates)', () => {
  it('pairs within tolerance under the reference, the repeat a DUPLICATE, never an AMOUNT_MISMATCH within tolerance', () => {
    const r = reconcile(
      input(
        [pay('2026-10-05', 'INV-5', '-1000', { id: 'O1', docNo: 'RC-1' })],
        [pay('2026-10-06', 'INV-5', '-985', { id: 'T1' }), pay('2026-10-06', 'INV-5', '-985', { id: 'T2' })],
      ),
    );
    // Before: AMOUNT_MISMATCH O1/T1 of 15.00 (within the tolerance of 50.00) and DUPLICATE T2.
    expect(groups(r)).toEqual([['NORMALIZED_REFERENCE', ['O1'], ['T1'], '15']]);
    expect(diffs(r)).toEqual([
      ['DUPLICATE', [], ['T2'], '-985'],
      ['TOLERANCE', ['O1'], ['T1'], '15'],
    ]);
    expect(r.bridge.tied).toBe(true);
  });

  it('two lines of one amount under the document on different days stay a split, not a fee and a repeat', () => {
    const r = reconcile(
      input(
        [pay('2026-10-05', 'INV-6', '-60', { id: 'O1', docNo: 'RC-1' })],
        [pay('2026-10-06', 'INV-6', '-30', { id: 'T1' }), pay('2026-10-09', 'INV-6', '-30', { id: 'T2' })],
      ),
    );
    expect(groups(r)).toEqual([['ONE_TO_MANY', ['O1'], ['T1', 'T2'], '0']]);
  });
});

describe('evidence of instalments under one reference within tolerance (Odoo payment difference)', () => {
  it("gives the target and the residual, not only the parts' total", () => {
    const r = reconcile(
      input(
        [
          pay('2026-10-05', 'INV-40', '-600', { id: 'O1', docNo: 'RC-1' }),
          pay('2026-10-06', 'INV-40', '-400', { id: 'O2', docNo: 'RC-2' }),
        ],
        [pay('2026-10-20', 'INV-40', '-985', { id: 'T1' })],
      ),
    );
    expect(groups(r)).toEqual([['ONE_TO_MANY', ['O1', 'O2'], ['T1'], '15']]);
    // Before: "… adding up to -1,000.00", silent on the -985.00 it was matched against.
    expect(r.groups[0].evidence).toBe(
      'reference INV-40 shared by 2 lines adding up to -1,000.00 against -985.00: residual 15.00 within tolerance',
    );
  });
});

describe('a payment reference of a long word joined to its number (Odoo: invoice matching without a partner, with a write-off)', () => {
  it('their bank line labelled "doudlidou3555" names our receipt referenced doudlidou3555: one group within 10 %, its write-off a TOLERANCE line', () => {
    const r = reconcile(
      input(
        [pay('2026-10-05', 'doudlidou3555', '-100', { id: 'O1', docNo: 'RC-1', currency: 'EUR' })],
        [text('2026-10-20', 'doudlidou3555', '-95', { id: 'T1', currency: 'EUR' })],
        { rules: { tolerances: { '*': { absolute: '0', percent: '10' } } } },
      ),
    );
    // Before: the description was read as "oudlidou3555" and "3555" (letters cut at 8): both MISSING.
    expect(groups(r)).toEqual([['TEXT_REFERENCE', ['O1'], ['T1'], '5']]);
    expect(diffs(r)).toEqual([['TOLERANCE', ['O1'], ['T1'], '5']]);
  });
});

describe('a payment and its reversal on one side only (Odoo: a reverted payment; a cheque returned unpaid)', () => {
  it('our payment PAY-8 and RPAY-8 reversing it net to zero as one group; the payment their bank shows pairs by its reference', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-05', 'PAY-8', '-10', { id: 'O1', kind: 'RECEIPT', currency: 'EUR' }),
          doc('2026-10-06', 'RPAY-8', '10', {
            id: 'O2',
            kind: 'RECEIPT',
            reference: 'PAY-8',
            currency: 'EUR',
          }),
          pay('2026-10-07', '8', '-10', { id: 'O3', docNo: 'PAY-9', currency: 'EUR' }),
        ],
        [pay('2026-10-07', '8', '-10', { id: 'T1', currency: 'EUR' })],
      ),
    );
    // Before: MISSING_IN_THEIRS O1 (+10.00) and MISSING_IN_THEIRS O2 (-10.00), only cancelling.
    expect(groups(r)).toEqual([
      ['NORMALIZED_REFERENCE', ['O1', 'O2'], [], '0'],
      ['NORMALIZED_REFERENCE', ['O3'], ['T1'], '0'],
    ]);
    expect(r.differences).toEqual([]);
  });

  it('a partial refund is no reversal, and a reversal their statement shows too is theirs to match', () => {
    const partial = reconcile(
      input(
        [
          doc('2026-10-05', 'PAY-8', '-10', { id: 'O1', kind: 'RECEIPT' }),
          doc('2026-10-06', 'RPAY-8', '4', { id: 'O2', kind: 'RECEIPT', reference: 'PAY-8' }),
        ],
        [],
      ),
    );
    expect(partial.groups).toEqual([]);
    const shown = reconcile(
      input(
        [
          doc('2026-10-05', 'PAY-8', '-10', { id: 'O1', kind: 'RECEIPT' }),
          doc('2026-10-06', 'RPAY-8', '10', { id: 'O2', kind: 'RECEIPT', reference: 'PAY-8' }),
        ],
        [doc('2026-10-05', 'PAY-8', '-10', { id: 'T1', kind: 'RECEIPT' })],
      ),
    );
    expect(groups(shown)).toEqual([['EXACT_REFERENCE', ['O1'], ['T1'], '0']]);
  });
});

describe('peer scenarios Recon already met (fourth round, kept as regressions)', () => {
  it('Odoo similar communications: two payments under a1b2c3 against one bank line of their total; the third payment (d1e2f3) stays out', () => {
    const r = reconcile(
      input(
        [
          pay('2026-10-05', 'a1b2c3', '-500', { id: 'O1', docNo: 'PAY-1' }),
          pay('2026-10-06', 'a1b2c3', '-500', { id: 'O2', docNo: 'PAY-2' }),
          pay('2026-10-06', 'd1e2f3', '-500', { id: 'O3', docNo: 'PAY-3' }),
        ],
        [pay('2026-10-07', 'a1b2c3', '-1000', { id: 'T1' })],
      ),
    );
    expect(groups(r)).toEqual([['ONE_TO_MANY', ['O1', 'O2'], ['T1'], '0']]);
    expect(diffs(r)).toEqual([['MISSING_IN_THEIRS', ['O3'], [], '500']]);
  });

  it('Odoo payment tolerance of 2 %: 1,185.80 and 1,234.20 against 1,210.00 both pair, their residuals TOLERANCE lines; at 0.5 % 990 against 1,000 is an AMOUNT_MISMATCH', () => {
    const twoPercent = { rules: { tolerances: { '*': { absolute: '0', percent: '2' } } } };
    const r = reconcile(
      input(
        [
          pay('2026-10-05', 'INV-1210', '-1210', { id: 'O1', docNo: 'RC-1' }),
          pay('2026-10-06', 'INV-1211', '-1210', { id: 'O2', docNo: 'RC-2' }),
        ],
        [
          pay('2026-10-05', 'INV-1210', '-1185.80', { id: 'T1' }),
          pay('2026-10-06', 'INV-1211', '-1234.20', { id: 'T2' }),
        ],
        twoPercent,
      ),
    );
    expect(diffs(r)).toEqual([
      ['TOLERANCE', ['O1'], ['T1'], '24.2'],
      ['TOLERANCE', ['O2'], ['T2'], '-24.2'],
    ]);
    const halfPercent = reconcile(
      input(
        [pay('2026-10-05', 'INV-1000', '-1000', { id: 'O1', docNo: 'RC-1' })],
        [pay('2026-10-05', 'INV-1000', '-990', { id: 'T1' })],
        { rules: { tolerances: { '*': { absolute: '0', percent: '0.5' } } } },
      ),
    );
    expect(diffs(halfPercent)).toEqual([['AMOUNT_MISMATCH', ['O1'], ['T1'], '10']]);
  });

  it('bank narrations name our references: a Belgian structured communication, NEFT and IMPS transfers', () => {
    const r = reconcile(
      input(
        [
          pay('2026-10-05', '+++020/3430/57642+++', '-100', { id: 'O1', docNo: 'RC-1' }),
          pay('2026-10-05', 'HDFCN52022010112345', '-1000', { id: 'O2', docNo: 'PE-1' }),
          pay('2026-10-05', '201012345678', '-2000', { id: 'O3', docNo: 'PE-2' }),
        ],
        [
          text('2026-10-20', 'COMMUNICATION: +++020/3430/57642+++', '-100', { id: 'T1' }),
          text('2026-10-20', 'NEFT/HDFCN52022010112345/ACME LTD', '-1000', { id: 'T2' }),
          text('2026-10-21', 'IMPS/P2A/201012345678/ACME', '-2000', { id: 'T3' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([
      ['TEXT_REFERENCE', ['O1'], ['T1'], '0'],
      ['TEXT_REFERENCE', ['O2'], ['T2'], '0'],
      ['TEXT_REFERENCE', ['O3'], ['T3'], '0'],
    ]);
  });
});

describe('the text rule names amounts ours first, as the residual (theirs − ours) reads', () => {
  it('our receipt named in their transfer, 600 against 590: "amounts -600.00 and -590.00 differ by 10.00"', () => {
    const r = reconcile(
      input(
        [pay('2026-10-12', 'SINV-5', '-600', { id: 'O1', docNo: 'PE-2' })],
        [text('2026-10-27', 'transfer for SINV-5 rest', '-590', { id: 'T1' })],
      ),
    );
    expect(groups(r)).toEqual([['TEXT_REFERENCE', ['O1'], ['T1'], '10']]);
    // Before: "amounts -590.00 and -600.00 differ by 10.00", theirs first when our line was the one named.
    expect(r.groups[0].evidence).toBe(
      'their description "transfer for SINV-5 rest" ~ our reference SINV-5, amounts -600.00 and -590.00 differ by 10.00, within tolerance',
    );
  });
});
