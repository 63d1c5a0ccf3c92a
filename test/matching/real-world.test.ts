import { reconcile } from '../../matching';
import { doc, input, kinds, line } from '../support/match-lines';

// Issue #18's defects, each as a case, and scenarios of the kind other reconciliation systems test
// (Odoo's reconciliation models, ERPNext's payment reconciliation, Lerian Matcher, Blnk).

describe('issue #18 defects', () => {
  it('5: the same document with amounts apart beyond tolerance is one AMOUNT_MISMATCH', () => {
    // Our document number, their reference, and a line of another document with our amount nearby.
    const r = reconcile(
      input(
        [doc('2026-10-10', 'INV-2026-0042', '8000.00', { id: 'O1' })],
        [
          line('2026-10-11', 'inv 2026 0042', '8800.00', { id: 'T1' }),
          line('2026-10-12', 'INV-2026-0077', '8000.00', { id: 'T2' }),
        ],
      ),
    );
    expect(r.differences.map((d) => [d.kind, d.ourIds, d.theirIds, d.amount])).toEqual(
      expect.arrayContaining([['AMOUNT_MISMATCH', ['O1'], ['T1'], '800']]),
    );
    expect(r.groups).toEqual([]);
    expect(kinds(r)).toEqual(['AMOUNT_MISMATCH', 'MISSING_IN_OURS']);
    expect(r.bridge.tied).toBe(true);
  });

  it('6: a repeat of a matched line is a DUPLICATE whatever its date, decided before TIMING', () => {
    const r = reconcile(
      input(
        [line('2026-10-05', 'INV-9', '300', { id: 'O1' })],
        [line('2026-10-05', 'INV-9', '300', { id: 'T1' }), line('2026-10-30', 'INV-9', '300', { id: 'T2' })],
      ),
    );
    expect(r.differences.map((d) => [d.kind, d.theirIds])).toEqual([['DUPLICATE', ['T2']]]);
  });

  it('7: one payment for several invoices within tolerance: a group and its TOLERANCE residual', () => {
    const r = reconcile(
      input(
        [
          line('2026-10-03', 'A-1', '5000.00', { id: 'O1' }),
          line('2026-10-04', 'B-2', '4000.00', { id: 'O2' }),
          line('2026-10-20', 'C-3', '7000.00', { id: 'O3' }),
        ],
        [
          line('2026-10-06', 'WIRE 889', '-8985.00', { id: 'T1', kind: 'RECEIPT' }),
          line('2026-10-21', 'C-3', '7000', { id: 'T2' }),
        ].map((l) => (l.id === 'T1' ? { ...l, amount: '8985.00' } : l)),
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.ourIds.sort(), g.theirIds, g.residual])).toEqual(
      expect.arrayContaining([['ONE_TO_MANY', ['O1', 'O2'], ['T1'], '-15']]),
    );
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'TOLERANCE', amount: '-15' })]);
    expect(r.bridge.tied).toBe(true);
  });

  it('7: several subsets within tolerance make suggestions, never an auto-match', () => {
    const r = reconcile(
      input(
        [
          line('2026-10-03', 'A-1', '5000.00', { id: 'O1' }),
          line('2026-10-03', 'B-2', '4000.00', { id: 'O2' }),
          line('2026-10-04', 'C-3', '4005.00', { id: 'O3' }),
        ],
        [line('2026-10-06', 'WIRE 889', '8990.00', { id: 'T1' })],
      ),
    );
    expect(r.groups).toEqual([]);
    expect(r.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(r.suggestions.every((s) => s.confidence < 0.8)).toBe(true);
  });

  it('8: document numbers in free text group a payment with the invoices it names', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-02', 'INV-0101', '1200.00', { id: 'O1' }),
          doc('2026-10-02', 'INV-0102', '800.00', { id: 'O2' }),
          doc('2026-10-09', '12345', '640.00', { id: 'O3' }),
        ],
        [
          line('2026-10-20', '', '2000.00', {
            id: 'T1',
            reference: undefined,
            description: 'payment INV 0101, 0102',
          }),
          line('2026-10-25', '', '640.00', {
            id: 'T2',
            reference: undefined,
            description: '货款 发票号 12345',
          }),
        ],
        { rules: { rules: ['EXACT_REFERENCE', 'NORMALIZED_REFERENCE', 'TEXT_REFERENCE'] } },
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.ourIds.sort(), g.theirIds])).toEqual([
      ['TEXT_REFERENCE', ['O1', 'O2'], ['T1']],
      ['TEXT_REFERENCE', ['O3'], ['T2']],
    ]);
    expect(r.groups[0].evidence).toMatch(
      /their description "payment INV 0101, 0102" ~ our document numbers INV-0101, INV-0102/,
    );
  });

  it('9: a line dated after the period end is not part of the period: its counterpart is TIMING', () => {
    // We booked the receipt on the 1st; the customer booked it on the 31st.
    const ours = [
      line('2026-10-10', 'INV-5', '900', { id: 'O1' }),
      line('2026-11-01', 'PAY-5', '-900', { id: 'O2' }),
    ];
    const theirs = [
      line('2026-10-10', 'INV-5', '900', { id: 'T1' }),
      line('2026-10-31', 'PAY-5', '-900', { id: 'T2' }),
    ];
    const r = reconcile({ ...input(ours, theirs), ourClosing: '900', theirClosing: '0' });
    expect(r.groups.map((g) => g.theirIds)).toEqual([['T1']]);
    expect(r.outsidePeriod).toEqual({ ourIds: ['O2'], theirIds: [] });
    expect(r.differences).toEqual([
      expect.objectContaining({
        kind: 'TIMING',
        theirIds: ['T2'],
        amount: '-900',
        explanation: expect.stringMatching(/after the period end/),
      }),
    ]);
    expect(r.bridge.tied).toBe(true);
  });

  it('10: never a group across currencies', () => {
    const r = reconcile(
      input(
        [line('2026-10-03', 'INV-1', '100', { currency: 'USD' })],
        [line('2026-10-03', 'INV-1', '100', { currency: 'CNY' })],
      ),
    );
    expect(r.groups).toEqual([]);
  });

  it('11: evidence names the fields compared', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'BNK1/2020/0005', '-500', { reference: 'PAY/2020/0031', id: 'O1' })],
        [line('2026-10-03', 'pay 2020 0031', '-500', { id: 'T1' })],
      ),
    );
    expect(r.groups[0].evidence).toBe('reference PAY/2020/0031 ~ pay 2020 0031, amounts equal, same day');
    const byDoc = reconcile(
      input(
        [doc('2026-10-03', 'INV-77', '500', { id: 'O1' })],
        [line('2026-10-03', 'inv 77', '500', { id: 'T1' })],
      ),
    );
    expect(byDoc.groups[0].evidence).toBe(
      'our document number INV-77 ~ their reference inv 77, amounts equal, same day',
    );
  });

  it('12: a rejected pairing is never proposed again; the lines stay open for others', () => {
    const base = input(
      [line('2026-10-10', 'A', '500.00', { id: 'O1' })],
      [line('2026-10-11', 'X', '500.00', { id: 'T1' }), line('2026-10-12', 'Y', '500.00', { id: 'T2' })],
    );
    const first = reconcile(base);
    expect(first.suggestions.map((s) => s.theirIds)).toEqual([['T1'], ['T2']]);
    const again = reconcile({ ...base, rejected: [{ ours: ['O1'], theirs: ['T1'] }] });
    expect(again.suggestions.map((s) => [s.ourIds, s.theirIds])).toEqual([[['O1'], ['T2']]]);
    expect(again.groups.map((g) => [g.ourIds, g.theirIds])).not.toContainEqual([['O1'], ['T1']]);
  });
});

describe('scenarios of the kind other reconciliation systems test', () => {
  it('a partial payment leaves the invoice open for the rest (ERPNext: outstanding amount)', () => {
    const r = reconcile(
      input(
        [doc('2026-10-02', 'SINV-0001', '10000', { id: 'O1' })],
        [line('2026-10-15', 'SINV-0001', '10000', { id: 'T1' })],
      ),
    );
    expect(r.groups).toHaveLength(1);
    const partial = reconcile(
      input(
        [
          doc('2026-10-02', 'SINV-0001', '10000', { id: 'O1' }),
          doc('2026-10-15', 'PE-0001', '-4000', { reference: 'SINV-0001', id: 'O2' }),
        ],
        [
          line('2026-10-02', 'SINV-0001', '10000', { id: 'T1' }),
          line('2026-10-16', 'SINV-0001', '-4000', { id: 'T2' }),
        ],
      ),
    );
    expect(partial.groups).toHaveLength(2);
    expect(partial.bridge.tied).toBe(true);
  });

  it('one invoice paid in instalments (Blnk: one-to-many)', () => {
    const r = reconcile(
      input(
        [doc('2026-10-01', 'INV-300', '3000', { id: 'O1' })],
        [
          line('2026-10-01', 'INV-300', '1000', { id: 'T1' }),
          line('2026-10-01', 'INV-300', '1000', { id: 'T2' }),
          line('2026-10-01', 'INV-300', '1000', { id: 'T3' }),
        ],
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.theirIds.length])).toEqual([['ONE_TO_MANY', 3]]);
    expect(r.differences).toEqual([]);
  });

  it('a write-off within the tolerance (Odoo: payment difference) is a TOLERANCE line, beyond it a mismatch', () => {
    const within = reconcile(
      input(
        [doc('2026-10-05', 'INV-8', '1000.00', { id: 'O1' })],
        [line('2026-10-05', 'INV-8', '999.50', { id: 'T1' })],
      ),
    );
    expect(kinds(within)).toEqual(['TOLERANCE']);
    const beyond = reconcile(
      input(
        [doc('2026-10-05', 'INV-8', '1000.00', { id: 'O1' })],
        [line('2026-10-05', 'INV-8', '999.50', { id: 'T1' })],
        {
          rules: { tolerances: { '*': { absolute: '0.10', percent: '0' } } },
        },
      ),
    );
    expect(kinds(beyond)).toEqual(['AMOUNT_MISMATCH']);
  });

  it('dates drift within the window, not beyond it (Lerian Matcher: date tolerance)', () => {
    const near = reconcile(input([line('2026-10-10', 'A', '123.45')], [line('2026-10-14', '', '123.45')]));
    expect(near.groups.map((g) => g.rule)).toEqual(['AMOUNT_DATE_WINDOW']);
    const far = reconcile(input([line('2026-10-01', 'A', '123.45')], [line('2026-10-25', '', '123.45')]));
    expect(far.groups).toEqual([]);
  });

  it('a reversal on one side cancels out; nothing is left over', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-05', 'INV-11', '700', { id: 'O1' }),
          doc('2026-10-06', 'INV-11-R', '-700', { reference: 'INV-11', id: 'O2' }),
        ],
        [],
      ),
    );
    expect(r.bridge.tied).toBe(true);
    expect(r.differences.reduce((sum, d) => sum + Number(d.amount), 0)).toBe(0);
  });

  it('the same amount twice on both sides is paired by reference, not crosswise', () => {
    const r = reconcile(
      input(
        [doc('2026-10-05', 'INV-1', '500', { id: 'O1' }), doc('2026-10-06', 'INV-2', '500', { id: 'O2' })],
        [line('2026-10-06', 'INV-2', '500', { id: 'T2' }), line('2026-10-05', 'INV-1', '500', { id: 'T1' })],
      ),
    );
    expect(r.groups.map((g) => [g.ourIds[0], g.theirIds[0]]).sort()).toEqual([
      ['O1', 'T1'],
      ['O2', 'T2'],
    ]);
  });
});
