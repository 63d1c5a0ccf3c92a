import { reconcile } from '../../matching';
import { diffs, doc, groups, input, pay, text } from '../support/match-lines';

// Peer scenarios found by running `recon match` on files (#18 acceptance, third round): each outcome
// argued from docs/matching.md.

describe('partial payments: one side references the invoice, the other names it in the description', () => {
  it('our two receipts referencing SINV-1 pair with their two transfers naming it, by amount, not left MISSING (ERPNext payment entries)', () => {
    // The transfers are booked more than the date window after ours: only the document ties them.
    const r = reconcile(
      input(
        [
          doc('2026-10-02', 'SINV-0001', '1000', { id: 'O1' }),
          doc('2026-10-05', 'PE-0001', '-400', { id: 'O2', kind: 'RECEIPT', reference: 'SINV-0001' }),
          doc('2026-10-12', 'PE-0002', '-600', { id: 'O3', kind: 'RECEIPT', reference: 'SINV-0001' }),
        ],
        [
          doc('2026-10-02', 'SINV-0001', '1000', { id: 'T1' }),
          text('2026-10-20', 'transfer for SINV-0001', '-400', { id: 'T2' }),
          text('2026-10-26', 'transfer for SINV-0001 (rest)', '-600', { id: 'T3' }),
        ],
      ),
    );
    // Before: MISSING_IN_OURS T2, MISSING_IN_OURS T3 and MISSING_IN_THEIRS O2, O3.
    expect(groups(r)).toEqual([
      ['EXACT_REFERENCE', ['O1'], ['T1'], '0'],
      ['TEXT_REFERENCE', ['O2'], ['T2'], '0'],
      ['TEXT_REFERENCE', ['O3'], ['T3'], '0'],
    ]);
    expect(r.groups.find((g) => g.ourIds[0] === 'O2')?.evidence).toBe(
      'their description "transfer for SINV-0001" ~ our reference SINV-0001, amounts add up to -400.00 (2 lines carry the document: the one of this amount, nearest in date)',
    );
    expect(r.differences).toEqual([]);
    expect(r.bridge.tied).toBe(true);
  });

  it('the same with the sides the other way round: our descriptions, their references', () => {
    const r = reconcile(
      input(
        [
          text('2026-10-20', '收款 发票号 INV-7001', '-300', { id: 'O1' }),
          text('2026-10-27', '收款 发票号 INV-7001 余款', '-700', { id: 'O2' }),
        ],
        [
          pay('2026-10-06', 'INV-7001', '-700', { id: 'T1' }),
          pay('2026-10-03', 'INV-7001', '-300', { id: 'T2' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([
      ['TEXT_REFERENCE', ['O1'], ['T2'], '0'],
      ['TEXT_REFERENCE', ['O2'], ['T1'], '0'],
    ]);
  });

  it('no line of the amount among them: nothing is paired by the document alone', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-05', 'PE-1', '-400', { id: 'O1', kind: 'RECEIPT', reference: 'SINV-0009' }),
          doc('2026-10-06', 'PE-2', '-600', { id: 'O2', kind: 'RECEIPT', reference: 'SINV-0009' }),
        ],
        [text('2026-10-25', 'transfer for SINV-0009', '-800', { id: 'T1' })],
      ),
    );
    expect(r.groups).toEqual([]);
    expect(diffs(r).map((d) => d[0])).not.toContain('TEXT_REFERENCE');
    expect(r.bridge.tied).toBe(true);
  });
});

describe('evidence of a reference match within tolerance', () => {
  it('a bank fee under one reference written alike on both sides says "=", not "the same once normalised" (Odoo payment difference)', () => {
    const r = reconcile(
      input(
        [pay('2026-10-12', 'INV-20', '-1000', { id: 'O1', docNo: 'RC-20' })],
        [pay('2026-10-13', 'INV-20', '-985', { id: 'T1', description: 'bank fee deducted' })],
      ),
    );
    expect(groups(r)).toEqual([['NORMALIZED_REFERENCE', ['O1'], ['T1'], '15']]);
    // Before: "reference INV-20 ~ INV-20 (the same once normalised)", of two references written alike.
    expect(r.groups[0].evidence).toBe(
      'reference INV-20 = INV-20, amounts differ by 15.00, within tolerance, 1 day apart',
    );
    expect(diffs(r)).toEqual([['TOLERANCE', ['O1'], ['T1'], '15']]);
  });
});

describe('many to many under a shared reference (Blnk: many-to-many by reference)', () => {
  const po = (id: string, date: string, docNo: string, amount: string) =>
    doc(date, docNo, amount, { id, reference: 'PO-9' });

  it('our invoices with numbers of their own under order PO-9 against the customer’s two lines under PO-9 are one group', () => {
    const r = reconcile(
      input(
        [
          po('O1', '2026-10-01', 'INV-1', '300'),
          po('O2', '2026-10-01', 'INV-2', '700'),
          po('O3', '2026-10-02', 'INV-3', '500'),
        ],
        [po('T1', '2026-10-03', '', '400'), po('T2', '2026-10-03', '', '1100')],
      ),
    );
    // Before: two AMOUNT_MISMATCH ("INV-1: 300.00 in our books, 400.00 in theirs") and INV-3 MISSING.
    expect(groups(r)).toEqual([['MANY_TO_MANY', ['O1', 'O2', 'O3'], ['T1', 'T2'], '0']]);
    expect(r.groups[0].evidence).toBe(
      'reference PO-9 shared by 3 lines of ours (INV-1, INV-2, INV-3) and 2 of theirs, with equal totals 1,500.00',
    );
    expect(r.differences).toEqual([]);
  });

  it('the same when their lines carry their own numbers too; totals apart beyond tolerance stay open', () => {
    const both = reconcile(
      input(
        [po('O1', '2026-10-01', 'INV-1', '300'), po('O2', '2026-10-01', 'INV-2', '700')],
        [po('T1', '2026-10-03', 'AP-1', '400'), po('T2', '2026-10-03', 'AP-2', '600')],
      ),
    );
    expect(groups(both)).toEqual([['MANY_TO_MANY', ['O1', 'O2'], ['T1', 'T2'], '0']]);
    const apart = reconcile(
      input(
        [po('O1', '2026-10-01', 'INV-1', '300'), po('O2', '2026-10-01', 'INV-2', '700')],
        [po('T1', '2026-10-03', 'AP-1', '400'), po('T2', '2026-10-03', 'AP-2', '900')],
      ),
    );
    expect(apart.groups).toEqual([]);
    expect(apart.bridge.tied).toBe(true);
  });
});

describe('a creditor reference printed in groups in the description (Odoo text location: narration)', () => {
  it('"Communication: RF12 3456" names our receipt referenced RF12 3456, beyond the date window', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-01', 'INV/2019/00006', '600', { id: 'O1', reference: 'RF12 3456' }),
          doc('2026-10-01', 'INV/2019/00005', '600', { id: 'O2' }),
          doc('2026-10-20', 'BNK1/2020/0005', '-600', { id: 'O3', kind: 'RECEIPT', reference: 'RF12 3456' }),
        ],
        [
          doc('2026-10-01', 'INV/2019/00006', '600', { id: 'T1' }),
          doc('2026-10-01', 'INV/2019/00005', '600', { id: 'T2' }),
          text('2026-10-28', 'Communication: RF12 3456', '-600', { id: 'T3' }),
        ],
      ),
    );
    // Before: the groups were read as two numbers (rf12, 3456): O3 MISSING_IN_THEIRS, T3 MISSING_IN_OURS.
    expect(groups(r)).toEqual([
      ['EXACT_REFERENCE', ['O1'], ['T1'], '0'],
      ['EXACT_REFERENCE', ['O2'], ['T2'], '0'],
      ['TEXT_REFERENCE', ['O3'], ['T3'], '0'],
    ]);
    expect(r.groups.find((g) => g.theirIds[0] === 'T3')?.evidence).toBe(
      'their description "Communication: RF12 3456" ~ our reference RF12 3456, amounts add up to -600.00',
    );
  });
});

describe('references of payments', () => {
  it('a bank transfer\'s UTR is its reference on both sides: "UTR 998877" against 998877 (ERPNext bank reconciliation)', () => {
    const r = reconcile(
      input(
        [doc('2026-10-15', 'RC-5', '-950', { id: 'O1', kind: 'RECEIPT', reference: '998877' })],
        [pay('2026-10-27', 'UTR 998877', '-950', { id: 'T1' })],
      ),
    );
    // Before: MISSING_IN_OURS and MISSING_IN_THEIRS, 12 days apart.
    expect(groups(r)).toEqual([['NORMALIZED_REFERENCE', ['O1'], ['T1'], '0']]);
    expect(r.groups[0].evidence).toBe('reference 998877 ~ UTR 998877, amounts equal, 12 days apart');
  });

  it('a credit note under one reference written alike, beside the invoice it names, says "=" (the references were not normalised)', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-02', 'INV-100', '1000', { id: 'O1' }),
          doc('2026-10-09', 'CN-100', '-1000', { id: 'O2', kind: 'CREDIT_NOTE', reference: 'INV-100' }),
        ],
        [
          doc('2026-10-02', 'INV-100', '1000', { id: 'T1' }),
          pay('2026-10-20', 'INV-100', '-1000', { id: 'T2', kind: 'CREDIT_NOTE' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([
      ['EXACT_REFERENCE', ['O1'], ['T1'], '0'],
      ['NORMALIZED_REFERENCE', ['O2'], ['T2'], '0'],
    ]);
    // Before: "reference INV-100 ~ INV-100".
    expect(r.groups.find((g) => g.ourIds[0] === 'O2')?.evidence).toBe(
      'reference INV-100 = INV-100, amounts equal, 11 days apart',
    );
  });
});

describe('a statement with every sign reversed (the customer sent their payables as they book them)', () => {
  it('never pairs our invoice with their receipt under its number: each document is an AMOUNT_MISMATCH saying the sign is reversed', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-05', 'INV-1', '1000', { id: 'O1' }),
          doc('2026-10-06', 'RC-1', '-1000', { id: 'O2', kind: 'RECEIPT', reference: 'INV-1' }),
        ],
        [
          doc('2026-10-05', '', '-1000', { id: 'T1', reference: 'INV-1' }),
          pay('2026-10-06', 'INV-1', '1000', { id: 'T2' }),
        ],
      ),
    );
    // Before: EXACT_REFERENCE O1 (invoice) ⇄ T2 (receipt) and O2 (receipt) ⇄ T1 (invoice), tied, nothing said.
    expect(r.groups).toEqual([]);
    expect(diffs(r)).toEqual([
      ['AMOUNT_MISMATCH', ['O1'], ['T1'], '-2000'],
      ['AMOUNT_MISMATCH', ['O2'], ['T2'], '2000'],
    ]);
    expect(r.differences.every((d) => d.explanation.includes('the sign is reversed on one side'))).toBe(true);
    expect(r.bridge.tied).toBe(true);
  });
});
