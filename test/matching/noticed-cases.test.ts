import { reconcile } from '../../matching';
import { referencesInText } from '../../matching/text-references';
import { doc, input, line, text } from '../support/match-lines';

// Cases noticed in the #18 review, each with the decision argued in docs/matching.md.
describe('documents of one amount on one day with different numbers', () => {
  it('INV-5 against INV-6 is a suggestion for a clerk, never a silent auto-match', () => {
    const r = reconcile(
      input(
        [doc('2026-10-05', 'INV-5', '100', { id: 'O1' })],
        [doc('2026-10-05', 'INV-6', '100', { id: 'T1' })],
      ),
    );
    expect(r.groups).toEqual([]);
    expect(r.suggestions.map((s) => [s.rule, s.ourIds, s.theirIds])).toEqual([
      ['AMOUNT_DATE_WINDOW', ['O1'], ['T1']],
    ]);
    expect(r.suggestions[0].evidence).toMatch(/INV-5.*INV-6/);
    expect(r.differences.map((d) => [d.kind, d.amount]).sort()).toEqual([
      ['MISSING_IN_OURS', '100'],
      ['MISSING_IN_THEIRS', '-100'],
    ]);
    expect(r.bridge.tied).toBe(true);
  });

  it('still pairs on amount and date when only one side carries a number', () => {
    const r = reconcile(
      input([doc('2026-10-05', 'INV-5', '100', { id: 'O1' })], [doc('2026-10-05', '', '100', { id: 'T1' })]),
    );
    expect(r.groups.map((g) => [g.rule, g.ourIds, g.theirIds])).toEqual([
      ['AMOUNT_DATE_WINDOW', ['O1'], ['T1']],
    ]);
  });

  it('words in a reference column ("十月货款", "bank transfer") are no document number: amount and day still pair', () => {
    for (const words of ['十月货款', 'bank transfer']) {
      const r = reconcile(
        input(
          [doc('2026-10-05', 'INV-5001', '100', { id: 'O1' })],
          [line('2026-10-05', words, '100', { id: 'T1' })],
        ),
      );
      expect(r.groups.map((g) => [g.rule, g.ourIds, g.theirIds])).toEqual([
        ['AMOUNT_DATE_WINDOW', ['O1'], ['T1']],
      ]);
    }
  });

  it('still pairs when a description on the other side names the number', () => {
    const r = reconcile(
      input(
        [doc('2026-10-05', 'RC-17', '-100', { id: 'O1', kind: 'RECEIPT', reference: 'INV-505' })],
        [doc('2026-10-05', 'PAY-9', '-100', { id: 'T1', kind: 'RECEIPT', description: 'payment INV-505' })],
      ),
    );
    expect(r.groups.map((g) => [g.ourIds, g.theirIds])).toEqual([[['O1'], ['T1']]]);
    expect(r.suggestions).toEqual([]);
  });
});

describe('zero-amount lines', () => {
  it('a customer with only zero-amount lines has no difference: the lines change neither balance', () => {
    const r = reconcile(
      input(
        [doc('2026-10-05', 'INV-5', '0', { id: 'O1' }), doc('2026-10-06', '', '0.00', { id: 'O2' })],
        [doc('2026-10-07', 'CN-9', '0', { id: 'T1', kind: 'CREDIT_NOTE' })],
      ),
    );
    expect(r.differences).toEqual([]);
    // Each is still accounted for once: a group of its own with nothing against it.
    expect(r.groups.map((g) => [g.rule, g.ourIds, g.theirIds, g.residual]).sort()).toEqual([
      ['ZERO_AMOUNT', [], ['T1'], '0'],
      ['ZERO_AMOUNT', ['O1'], [], '0'],
      ['ZERO_AMOUNT', ['O2'], [], '0'],
    ]);
    expect(r.groups[0].evidence).toMatch(/zero/);
    expect(r.bridge.tied).toBe(true);
  });

  it('a zero amount against the same document with an amount is still an AMOUNT_MISMATCH', () => {
    const r = reconcile(
      input(
        [doc('2026-10-05', 'INV-5', '0', { id: 'O1' })],
        [doc('2026-10-05', 'INV-5', '250', { id: 'T1' })],
      ),
    );
    expect(r.differences.map((d) => [d.kind, d.ourIds, d.theirIds, d.amount])).toEqual([
      ['AMOUNT_MISMATCH', ['O1'], ['T1'], '250'],
    ]);
  });

  it('zero-amount lines on both sides under one number still pair with each other', () => {
    const r = reconcile(
      input([doc('2026-10-05', 'INV-5', '0', { id: 'O1' })], [doc('2026-10-05', 'INV-5', '0', { id: 'T1' })]),
    );
    expect(r.groups.map((g) => [g.rule, g.ourIds, g.theirIds])).toEqual([
      ['EXACT_REFERENCE', ['O1'], ['T1']],
    ]);
  });
});

describe('amounts adding up across documents with different numbers', () => {
  it('one invoice INV-300 against INV-301 + INV-302 of the same total is a suggestion, never applied', () => {
    const r = reconcile(
      input(
        [doc('2026-10-05', 'INV-300', '1500', { id: 'O1' })],
        [
          doc('2026-10-05', 'INV-301', '1000', { id: 'T1' }),
          doc('2026-10-06', 'INV-302', '500', { id: 'T2' }),
        ],
      ),
    );
    expect(r.groups).toEqual([]);
    expect(r.suggestions.map((s) => [s.rule, s.ourIds, s.theirIds])).toEqual([
      ['ONE_TO_MANY', ['O1'], ['T1', 'T2']],
    ]);
    expect(r.suggestions[0].evidence).toMatch(
      /documents differ: our document number INV-300, their .*INV-301, INV-302/,
    );
    expect(r.differences.map((d) => [d.kind, d.amount]).sort()).toEqual([
      ['MISSING_IN_OURS', '1000'],
      ['MISSING_IN_OURS', '500'],
      ['MISSING_IN_THEIRS', '-1500'],
    ]);
    expect(r.bridge.tied).toBe(true);
  });

  it('within tolerance too: INV-310 against INV-311 + INV-312 20.00 short stays a suggestion', () => {
    const r = reconcile(
      input(
        [doc('2026-10-05', 'INV-310', '1500', { id: 'O1' })],
        [
          doc('2026-10-05', 'INV-311', '1000', { id: 'T1' }),
          doc('2026-10-06', 'INV-312', '480', { id: 'T2' }),
        ],
      ),
    );
    expect(r.groups).toEqual([]);
    expect(r.suggestions.map((s) => [s.rule, s.ourIds, s.theirIds])).toEqual([
      ['ONE_TO_MANY', ['O1'], ['T1', 'T2']],
    ]);
  });

  it('still groups by amounts when the parts carry no number (a payment split over two transfers)', () => {
    const r = reconcile(
      input(
        [doc('2026-10-05', 'RC-9', '-1500', { id: 'O1', kind: 'RECEIPT' })],
        [
          line('2026-10-05', '', '-1000', { id: 'T1', kind: 'RECEIPT' }),
          line('2026-10-06', '', '-500', { id: 'T2', kind: 'RECEIPT' }),
        ],
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.ourIds, g.theirIds])).toEqual([
      ['ONE_TO_MANY', ['O1'], ['T1', 'T2']],
    ]);
  });

  it('N:M left over with different numbers on each side says the documents differ', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-05', 'INV-401', '300', { id: 'O1' }),
          doc('2026-10-05', 'INV-402', '700', { id: 'O2' }),
        ],
        [
          doc('2026-10-05', 'INV-501', '400', { id: 'T1' }),
          doc('2026-10-06', 'INV-502', '600', { id: 'T2' }),
        ],
      ),
    );
    expect(r.groups).toEqual([]);
    const nm = r.suggestions.filter((s) => s.rule === 'MANY_TO_MANY');
    expect(nm.map((s) => [s.ourIds, s.theirIds])).toEqual([
      [
        ['O1', 'O2'],
        ['T1', 'T2'],
      ],
    ]);
    expect(nm[0].evidence).toMatch(/documents differ/);
  });
});

describe('one line paying two invoices written "inv 101/102"', () => {
  it('reads both numbers, in a description or a reference; one number (PAY/2020/0031, 2020/0031) stays one', () => {
    expect(referencesInText('payment inv 101/102').sort()).toEqual(['101', '102']);
    expect(referencesInText('货款 发票 0101/0102/0103').sort()).toEqual(['101', '102', '103']);
    expect(referencesInText('PAY/2020/0031')).toEqual(['20200031']);
    expect(referencesInText('INV/2019/0002')).toEqual(['20190002']);
  });

  it('their receipt "INV 101/102" against our two receipts naming INV-101 and INV-102 is one TEXT_REFERENCE group', () => {
    const r = reconcile(
      input(
        [
          line('2026-10-20', 'INV-101', '-1000', { id: 'O1', kind: 'RECEIPT', docNo: 'RC-1' }),
          line('2026-10-20', 'INV-102', '-500', { id: 'O2', kind: 'RECEIPT', docNo: 'RC-2' }),
        ],
        [line('2026-10-21', 'INV 101/102', '-1500', { id: 'T1', kind: 'RECEIPT', docNo: 'PAY-77' })],
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.ourIds, g.theirIds, g.residual])).toEqual([
      ['TEXT_REFERENCE', ['O1', 'O2'], ['T1'], '0'],
    ]);
    expect(r.groups[0].evidence).toMatch(/INV 101\/102/);
  });

  it('a receipt naming "inv 101/102" on each side cites both documents, not one number 101102', () => {
    const r = reconcile(
      input(
        [line('2026-10-20', 'inv 101/102', '-1500', { id: 'O1', kind: 'RECEIPT', docNo: 'RC-9' })],
        [text('2026-10-21', 'payment inv 101/102', '-1500', { id: 'T1' })],
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.ourIds, g.theirIds])).toEqual([['TEXT_REFERENCE', ['O1'], ['T1']]]);
    expect(r.groups[0].evidence).toMatch(/name the same documents \(101, 102\)/);
  });
});

describe('the text rule cites the field its documents were found in', () => {
  it("their description naming our receipt's reference cites that reference, not the receipt's own number (Odoo)", () => {
    const r = reconcile(
      input(
        [line('2026-10-20', 'INV/2019/00002', '-100', { id: 'O1', kind: 'RECEIPT', docNo: 'RC-1' })],
        [text('2026-10-21', 'invoice 2019-00002', '-100', { id: 'T1' })],
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.evidence])).toEqual([
      [
        'TEXT_REFERENCE',
        'their description "invoice 2019-00002" ~ our reference INV/2019/00002, amounts add up to -100.00',
      ],
    ]);
  });

  it('three instalments naming one invoice are three lines naming one document, not "3 documents RC-900"', () => {
    const r = reconcile(
      input(
        [line('2026-10-25', 'INV-900', '-3000', { id: 'O1', kind: 'RECEIPT', docNo: 'RC-900' })],
        [
          text('2026-10-05', 'instalment 1 of INV-900', '-1000', { id: 'T1' }),
          text('2026-10-15', 'instalment 2 of INV-900', '-1000', { id: 'T2' }),
          text('2026-10-25', 'instalment 3 of INV-900', '-1000', { id: 'T3' }),
        ],
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.theirIds, g.evidence])).toEqual([
      [
        'TEXT_REFERENCE',
        ['T1', 'T2', 'T3'],
        'their descriptions "instalment 1 of INV-900" (3 lines) ~ our reference INV-900, amounts add up to -3,000.00',
      ],
    ]);
  });

  it('our description naming their receipts by the invoices they pay cites those references', () => {
    const r = reconcile(
      input(
        [text('2026-10-20', '收到货款 INV 301, 302', '-1500', { id: 'O1' })],
        [
          line('2026-10-20', 'INV-301', '-1000', { id: 'T1', kind: 'RECEIPT', docNo: 'PAY-1' }),
          line('2026-10-20', 'INV-302', '-500', { id: 'T2', kind: 'RECEIPT', docNo: 'PAY-2' }),
        ],
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.evidence])).toEqual([
      [
        'TEXT_REFERENCE',
        'our description "收到货款 INV 301, 302" ~ their references INV-301, INV-302, amounts add up to -1,500.00',
      ],
    ]);
  });
});

describe('a statement line entered twice, with no document number', () => {
  it('pairs one of the two identical lines by amount and day; the other is a DUPLICATE, not three open lines', () => {
    const twin = { kind: 'RECEIPT', description: '电汇 付INV-103' };
    const r = reconcile(
      input(
        [doc('2026-10-20', 'RC-2', '-700', { id: 'O1', kind: 'RECEIPT' })],
        [
          line('2026-10-20', '', '-700', { id: 'T1', ...twin, reference: undefined }),
          line('2026-10-20', '', '-700', { id: 'T2', ...twin, reference: undefined }),
        ],
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.ourIds, g.theirIds])).toEqual([
      ['AMOUNT_DATE_WINDOW', ['O1'], ['T1']],
    ]);
    expect(r.suggestions).toEqual([]);
    expect(r.differences.map((d) => [d.kind, d.theirIds, d.amount])).toEqual([['DUPLICATE', ['T2'], '-700']]);
  });

  it('two lines that differ in anything (day, description) stay candidates for a clerk', () => {
    const r = reconcile(
      input(
        [doc('2026-10-20', 'RC-2', '-700', { id: 'O1', kind: 'RECEIPT' })],
        [
          text('2026-10-20', '电汇 付INV-103', '-700', { id: 'T1' }),
          text('2026-10-20', '电汇 付INV-104', '-700', { id: 'T2' }),
        ],
      ),
    );
    expect(r.groups).toEqual([]);
    expect(r.suggestions.map((s) => s.theirIds)).toEqual([['T1'], ['T2']]);
  });
});

describe('one-digit document numbers after their letters (ERPNext SINV-1)', () => {
  it('a receipt whose reference lists "SINV-1, SINV-2" groups with the receipts naming each, by TEXT_REFERENCE', () => {
    expect(referencesInText('SINV-1, SINV-2').sort()).toEqual(['sinv1', 'sinv2']);
    expect(referencesInText('paid on the 5 of May')).toEqual([]);
    const r = reconcile(
      input(
        [line('2026-10-10', 'SINV-1, SINV-2', '-1500', { id: 'O1', kind: 'RECEIPT', docNo: 'PE-1' })],
        [
          line('2026-10-10', 'SINV-1', '-1000', { id: 'T1', kind: 'RECEIPT' }),
          line('2026-10-10', 'SINV-2', '-500', { id: 'T2', kind: 'RECEIPT' }),
        ],
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.ourIds, g.theirIds, g.evidence])).toEqual([
      [
        'TEXT_REFERENCE',
        ['O1'],
        ['T1', 'T2'],
        'our reference "SINV-1, SINV-2" ~ their references SINV-1, SINV-2, amounts add up to -1,500.00',
      ],
    ]);
  });
});
