import { reconcile } from '../../matching';
import { diffs, doc, groups, input, line, pay, suggested } from '../support/match-lines';

// Scenarios of the kinds other reconciliation systems test (Odoo's matching rules and bank
// statement reconciliation, ERPNext's payment reconciliation, Blnk's matching rules and drifts,
// Lerian Matcher's tolerances), written as customer-statement cases with the outcome argued from
// docs/matching.md: every line ends in one group or one difference, the bridge ties, and an
// ambiguity is a suggestion, never a wrong auto-match.
const pct = (absolute: string, percent: string) => ({ tolerances: { '*': { absolute, percent } } });

describe('partial payments', () => {
  it('a part payment on both sides naming the invoice pairs with its twin; the invoice pairs with its own', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '1000', { id: 'O1' }), pay('2026-10-10', 'INV-1', '-400', { id: 'O2' })],
        [doc('2026-10-03', 'INV-1', '1000', { id: 'T1' }), pay('2026-10-11', 'INV-1', '-400', { id: 'T2' })],
      ),
    );
    expect(r.groups.map((g) => [g.ourIds, g.theirIds]).sort()).toEqual([
      [['O1'], ['T1']],
      [['O2'], ['T2']],
    ]);
    expect(r.differences).toEqual([]);
  });

  it('a part payment only the customer booked is MISSING_IN_OURS, and the invoice still pairs (no AMOUNT_MISMATCH of 600)', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '1000', { id: 'O1' })],
        [doc('2026-10-03', 'INV-1', '1000', { id: 'T1' }), pay('2026-10-11', 'INV-1', '-400', { id: 'T2' })],
      ),
    );
    expect(groups(r)).toEqual([['EXACT_REFERENCE', ['O1'], ['T1'], '0']]);
    expect(diffs(r)).toEqual([['MISSING_IN_OURS', [], ['T2'], '-400']]);
    expect(r.bridge.tied).toBe(true);
  });
});

describe('one payment for several invoices, and several for one', () => {
  it('one remittance naming three invoices in its reference field against the customer booking it per invoice', () => {
    const r = reconcile(
      input(
        [pay('2026-10-15', 'INV-11, INV-12, INV-13', '-600', { id: 'O1' })],
        [
          pay('2026-10-15', 'INV-11', '-100', { id: 'T1' }),
          pay('2026-10-15', 'INV-12', '-200', { id: 'T2' }),
          pay('2026-10-15', 'INV-13', '-300', { id: 'T3' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([['TEXT_REFERENCE', ['O1'], ['T1', 'T2', 'T3'], '0']]);
  });

  it('one payment without any reference that only one combination of open payments adds up to is grouped', () => {
    const r = reconcile(
      input(
        [pay('2026-10-15', '', '-1234.56', { id: 'O1' })],
        [
          pay('2026-10-14', '', '-1000', { id: 'T1' }),
          pay('2026-10-15', '', '-234.56', { id: 'T2' }),
          pay('2026-10-16', '', '-77', { id: 'T3' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([['ONE_TO_MANY', ['O1'], ['T1', 'T2'], '0']]);
    expect(diffs(r)).toEqual([['MISSING_IN_OURS', [], ['T3'], '-77']]);
  });

  it('two combinations that both add up are suggestions only, every line left open', () => {
    const r = reconcile(
      input(
        [pay('2026-10-15', '', '-1000', { id: 'O1' })],
        [
          pay('2026-10-14', '', '-300', { id: 'T1' }),
          pay('2026-10-14', '', '-700', { id: 'T2' }),
          pay('2026-10-15', '', '-400', { id: 'T3' }),
          pay('2026-10-15', '', '-600', { id: 'T4' }),
        ],
      ),
    );
    expect(r.groups).toEqual([]);
    expect(suggested(r)).toEqual(
      expect.arrayContaining([
        [['O1'], ['T1', 'T2']],
        [['O1'], ['T3', 'T4']],
      ]),
    );
    expect(r.differences).toHaveLength(5);
    expect(r.bridge.tied).toBe(true);
  });
});

describe('tolerances (Blnk drift, Odoo payment tolerance, Lerian Matcher)', () => {
  it('a 1 % drift takes 100.50 against 100 and leaves 105.50 an AMOUNT_MISMATCH', () => {
    const rules = pct('0', '1');
    const within = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '100', { id: 'O1' })],
        [doc('2026-10-03', 'INV-1', '100.50', { id: 'T1' })],
        {
          rules,
        },
      ),
    );
    expect(groups(within)).toEqual([['NORMALIZED_REFERENCE', ['O1'], ['T1'], '0.5']]);
    expect(diffs(within)).toEqual([['TOLERANCE', ['O1'], ['T1'], '0.5']]);
    const beyond = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '100', { id: 'O1' })],
        [doc('2026-10-03', 'INV-1', '105.50', { id: 'T1' })],
        {
          rules,
        },
      ),
    );
    expect(diffs(beyond)).toEqual([['AMOUNT_MISMATCH', ['O1'], ['T1'], '5.5']]);
  });

  it('the absolute tolerance is inclusive to the cent: 50.00 apart matches, 50.01 does not', () => {
    const rules = pct('50', '0');
    const at = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '10000', { id: 'O1' })],
        [doc('2026-10-03', 'INV-1', '9950', { id: 'T1' })],
        {
          rules,
        },
      ),
    );
    expect(groups(at)).toEqual([['NORMALIZED_REFERENCE', ['O1'], ['T1'], '-50']]);
    const over = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '10000', { id: 'O1' })],
        [doc('2026-10-03', 'INV-1', '9949.99', { id: 'T1' })],
        {
          rules,
        },
      ),
    );
    expect(diffs(over)).toEqual([['AMOUNT_MISMATCH', ['O1'], ['T1'], '-50.01']]);
  });

  it('over- and under-payment are treated alike', () => {
    for (const theirs of ['1010', '990']) {
      const r = reconcile(
        input(
          [doc('2026-10-03', 'INV-1', '1000', { id: 'O1' })],
          [doc('2026-10-03', 'INV 1', theirs, { id: 'T1' })],
          {
            rules: pct('10', '0'),
          },
        ),
      );
      expect(r.groups.map((g) => g.rule)).toEqual(['NORMALIZED_REFERENCE']);
    }
  });

  it('a zero tolerance matches only equal amounts', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '1000', { id: 'O1' })],
        [doc('2026-10-03', 'INV-1', '999.99', { id: 'T1' })],
        {
          rules: pct('0', '0'),
        },
      ),
    );
    expect(diffs(r)).toEqual([['AMOUNT_MISMATCH', ['O1'], ['T1'], '-0.01']]);
  });

  it('without a reference, an amount off by a bank fee is never auto-matched on amount alone', () => {
    const r = reconcile(
      input([pay('2026-10-10', '', '-1000', { id: 'O1' })], [pay('2026-10-10', '', '-985', { id: 'T1' })]),
    );
    expect(r.groups).toEqual([]);
    // Odoo proposes the payment for the open amount it is within tolerance of; here a clerk confirms.
    expect(r.suggestions.map((s) => [s.rule, s.ourIds, s.theirIds, s.residual, s.evidence])).toEqual([
      [
        'AMOUNT_DATE_WINDOW',
        ['O1'],
        ['T1'],
        '15',
        'amounts -1,000.00 and -985.00 differ by 15.00, within tolerance, same day, no document number in common: amounts alone, for a clerk to confirm',
      ],
    ]);
    expect(r.suggestions[0].confidence).toBeLessThan(0.8);
    expect(diffs(r).map((d) => d[0])).toEqual(['MISSING_IN_OURS', 'MISSING_IN_THEIRS']);
    expect(r.bridge.tied).toBe(true);
  });

  it('two documents with numbers of their own that differ are not suggested on a near amount', () => {
    const r = reconcile(
      input(
        [doc('2026-10-10', 'INV-5', '1000', { id: 'O1' })],
        [doc('2026-10-10', 'INV-6', '990', { id: 'T1' })],
      ),
    );
    expect(r.groups).toEqual([]);
    expect(r.suggestions).toEqual([]);
  });
});

describe('rounding', () => {
  it('three thirds of 100.00 at 33.33 paid by one 100.00 is one group with a 0.01 TOLERANCE residual', () => {
    const r = reconcile(
      input(
        [pay('2026-10-20', 'INV-31', '-100', { id: 'O1' })],
        [
          pay('2026-10-20', 'INV-31', '-33.33', { id: 'T1' }),
          pay('2026-10-21', 'INV-31', '-33.33', { id: 'T2' }),
          pay('2026-10-22', 'INV-31', '-33.33', { id: 'T3' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([['ONE_TO_MANY', ['O1'], ['T1', 'T2', 'T3'], '0.01']]);
    expect(diffs(r)).toEqual([['TOLERANCE', ['O1'], ['T1', 'T2', 'T3'], '0.01']]);
  });

  it('four-decimal amounts stay exact: 0.0001 apart is not equal under a zero tolerance', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '10.0001', { id: 'O1' })],
        [doc('2026-10-03', 'INV-1', '10', { id: 'T1' })],
        {
          rules: pct('0', '0'),
        },
      ),
    );
    expect(diffs(r)).toEqual([['AMOUNT_MISMATCH', ['O1'], ['T1'], '-0.0001']]);
  });
});

describe('date windows', () => {
  it('same amount, no reference: 3 days apart pairs; 12 days apart does not', () => {
    const near = reconcile(
      input([pay('2026-10-05', '', '-750', { id: 'O1' })], [pay('2026-10-08', '', '-750', { id: 'T1' })]),
    );
    expect(groups(near)).toEqual([['AMOUNT_DATE_WINDOW', ['O1'], ['T1'], '0']]);
    const far = reconcile(
      input([pay('2026-10-05', '', '-750', { id: 'O1' })], [pay('2026-10-17', '', '-750', { id: 'T1' })]),
    );
    expect(far.groups).toEqual([]);
    expect(diffs(far).map((d) => d[0])).toEqual(['MISSING_IN_OURS', 'MISSING_IN_THEIRS']);
  });

  it('of two same-amount candidates only one inside the window: that one pairs', () => {
    const r = reconcile(
      input(
        [pay('2026-10-05', '', '-500', { id: 'O1' })],
        [pay('2026-10-06', '', '-500', { id: 'T1' }), pay('2026-10-20', '', '-500', { id: 'T2' })],
      ),
    );
    expect(groups(r)).toEqual([['AMOUNT_DATE_WINDOW', ['O1'], ['T1'], '0']]);
    expect(diffs(r)).toEqual([['MISSING_IN_OURS', [], ['T2'], '-500']]);
  });
});

describe('same amount, many candidates', () => {
  it('one payment against three of the same amount within the window: suggestions, no group', () => {
    const r = reconcile(
      input(
        [pay('2026-10-10', '', '-500', { id: 'O1' })],
        [
          pay('2026-10-09', '', '-500', { id: 'T1' }),
          pay('2026-10-10', '', '-500', { id: 'T2' }),
          pay('2026-10-11', '', '-500', { id: 'T3' }),
        ],
      ),
    );
    expect(r.groups).toEqual([]);
    // Each candidate is put before the clerk, nearest first (the same day before a day apart).
    expect(r.suggestions.map((s) => [s.ourIds, s.theirIds, s.confidence])).toEqual([
      [['O1'], ['T2'], 0.5],
      [['O1'], ['T1'], 0.49],
      [['O1'], ['T3'], 0.49],
    ]);
    expect(r.bridge.tied).toBe(true);
  });

  it('two invoices of one amount on each side pair by their references, never crossed', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-10', 'INV-0041', '500', { id: 'O1' }),
          doc('2026-10-10', 'INV-0042', '500', { id: 'O2' }),
        ],
        [doc('2026-10-10', 'inv 42', '500', { id: 'T2' }), doc('2026-10-10', 'inv 41', '500', { id: 'T1' })],
      ),
    );
    expect(r.groups.map((g) => [g.ourIds, g.theirIds]).sort()).toEqual([
      [['O1'], ['T1']],
      [['O2'], ['T2']],
    ]);
  });

  it('an invoice whose own number is open on the other side with another amount is never paired with a stranger of its amount', () => {
    const r = reconcile(
      input(
        [doc('2026-10-10', 'INV-7', '800', { id: 'O1' })],
        [doc('2026-10-10', 'INV-7', '880', { id: 'T1' }), doc('2026-10-10', 'INV-9', '800', { id: 'T2' })],
      ),
    );
    expect(diffs(r)).toEqual([
      ['AMOUNT_MISMATCH', ['O1'], ['T1'], '80'],
      ['MISSING_IN_OURS', [], ['T2'], '800'],
    ]);
  });
});

describe('references written differently', () => {
  it.each([
    ['INV-000123', 'inv 123'],
    ['INV/123', 'Inv#123'],
    ['发票号：１２３', 'INV-123'],
    ['No. 123', 'INV123'],
    ['  inv-123 ', 'INV-123'],
  ])('%s and %s are one document', (a, b) => {
    const r = reconcile(
      input([doc('2026-10-03', a, '1000', { id: 'O1' })], [doc('2026-10-20', b, '1000', { id: 'T1' })]),
    );
    expect(r.groups.map((g) => [g.ourIds, g.theirIds])).toEqual([[['O1'], ['T1']]]);
  });

  it('different document types with one number are not one document (SO-123 is no INV-123)', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'SO-123', '1000', { id: 'O1' })],
        [doc('2026-10-25', 'INV-123', '1000', { id: 'T1' })],
      ),
    );
    expect(r.groups).toEqual([]);
  });
});

describe('reversals and credit notes on both sides', () => {
  it('an invoice and its full credit note booked by both sides pair one to one', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-50', '2000', { id: 'O1' }),
          doc('2026-10-09', 'CN-50', '-2000', { id: 'O2', reference: 'INV-50', kind: 'CREDIT_NOTE' }),
        ],
        [
          doc('2026-10-04', 'INV-50', '2000', { id: 'T1' }),
          doc('2026-10-10', 'CN-50', '-2000', { id: 'T2', reference: 'INV-50', kind: 'CREDIT_NOTE' }),
        ],
      ),
    );
    expect(r.groups.map((g) => [g.ourIds, g.theirIds]).sort()).toEqual([
      [['O1'], ['T1']],
      [['O2'], ['T2']],
    ]);
    expect(r.differences).toEqual([]);
  });

  it('a refund paid out to the customer (a positive receipt line) pairs with its twin', () => {
    const r = reconcile(
      input(
        [pay('2026-10-12', 'RF-8', '300', { id: 'O1' })],
        [pay('2026-10-12', 'RF 8', '300', { id: 'T1' })],
      ),
    );
    expect(r.groups.map((g) => [g.ourIds, g.theirIds])).toEqual([[['O1'], ['T1']]]);
  });
});

describe('currencies', () => {
  it('the same amount and reference in two currencies never pairs across them', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '1000', { id: 'O1', currency: 'USD' })],
        [doc('2026-10-03', 'INV-1', '1000', { id: 'T1', currency: 'CNY' })],
      ),
    );
    expect(r.groups).toEqual([]);
    expect(r.suggestions).toEqual([]);
  });

  it("uses each currency's own tolerance: USD 5 absolute, CNY the default 50", () => {
    const rules = {
      tolerances: { '*': { absolute: '50', percent: '0' }, USD: { absolute: '5', percent: '0' } },
    };
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-1', '1000', { id: 'O1', currency: 'USD' }),
          doc('2026-10-03', 'INV-2', '1000', { id: 'O2', currency: 'CNY' }),
        ],
        [
          doc('2026-10-03', 'INV-1', '1020', { id: 'T1', currency: 'USD' }),
          doc('2026-10-03', 'INV-2', '1020', { id: 'T2', currency: 'CNY' }),
        ],
        { rules },
      ),
    );
    expect(groups(r)).toEqual([['NORMALIZED_REFERENCE', ['O2'], ['T2'], '20']]);
    expect(diffs(r)).toContainEqual(['AMOUNT_MISMATCH', ['O1'], ['T1'], '20']);
  });
});

describe('the period end', () => {
  it('a receipt booked by us at the end of the month and by the customer next month is TIMING', () => {
    const r = reconcile(
      input([pay('2026-10-30', 'RC-9', '-2000', { id: 'O1' })], [], { ourOpening: '0', theirOpening: '0' }),
    );
    expect(diffs(r)).toEqual([['TIMING', ['O1'], [], '2000']]);
  });

  it('a payment dated before the period start that only one side has is a late entry, TIMING', () => {
    const r = reconcile(input([], [pay('2026-09-29', 'RC-1', '-100', { id: 'T1' })]));
    expect(diffs(r)).toEqual([['TIMING', [], ['T1'], '-100']]);
  });
});

describe('references only in descriptions', () => {
  it('one payment per side whose descriptions both name two invoices pairs, and the evidence cites both', () => {
    const r = reconcile(
      input(
        [pay('2026-10-12', '', '-8000', { id: 'O1', docNo: 'RC-1', description: '货款 发票号 123, 124' })],
        [pay('2026-10-13', '', '-8000', { id: 'T1', description: 'payment INV 00123 / INV 124' })],
      ),
    );
    expect(r.groups.map((g) => [g.rule, g.ourIds, g.theirIds, g.evidence])).toEqual([
      [
        'TEXT_REFERENCE',
        ['O1'],
        ['T1'],
        'our description "货款 发票号 123, 124" and their description "payment INV 00123 / INV 124" name the same documents (123, 124), amounts add up to -8,000.00',
      ],
    ]);
  });
});

describe('groups within tolerance and repeats', () => {
  it('two combinations within tolerance of one payment (600 + 399, 600 + 401 against 1,000) are suggestions, never applied', () => {
    const r = reconcile(
      input(
        [pay('2026-10-10', '', '-1000', { id: 'O1' })],
        [
          pay('2026-10-10', '', '-600', { id: 'T1' }),
          pay('2026-10-10', '', '-399', { id: 'T2' }),
          pay('2026-10-11', '', '-401', { id: 'T3' }),
        ],
      ),
    );
    expect(r.groups).toEqual([]);
    expect(suggested(r)).toEqual([
      [['O1'], ['T1', 'T2']],
      [['O1'], ['T1', 'T3']],
    ]);
    expect(r.suggestions.every((s) => s.confidence < 0.8)).toBe(true);
    expect(r.bridge.tied).toBe(true);
  });

  it('N:1 within tolerance: our two receipts against their one, 1.00 apart, with the residual as TOLERANCE', () => {
    const r = reconcile(
      input(
        [pay('2026-10-10', '', '-600', { id: 'O1' }), pay('2026-10-10', '', '-399', { id: 'O2' })],
        [pay('2026-10-10', '', '-1000', { id: 'T1' })],
      ),
    );
    expect(groups(r)).toEqual([['ONE_TO_MANY', ['O1', 'O2'], ['T1'], '-1']]);
    expect(diffs(r)).toEqual([['TOLERANCE', ['O1', 'O2'], ['T1'], '-1']]);
  });

  it('an invoice we entered twice against one on their statement: one pair and our repeat a DUPLICATE', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '100', { id: 'O1' }), doc('2026-10-03', 'INV-1', '100', { id: 'O2' })],
        [doc('2026-10-03', 'INV-1', '100', { id: 'T1' })],
      ),
    );
    expect(r.groups.map((g) => [g.ourIds, g.theirIds])).toEqual([[['O1'], ['T1']]]);
    expect(diffs(r)).toEqual([['DUPLICATE', ['O2'], [], '-100']]);
    expect(r.bridge.tied).toBe(true);
  });

  it('an invoice and its reversal on both sides, the reversal numbered differently on each: two pairs', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-1', '1000', { id: 'O1' }),
          doc('2026-10-05', 'INV-1-R', '-1000', {
            id: 'O2',
            kind: 'CREDIT_NOTE',
            description: 'reverse INV-1',
          }),
        ],
        [
          doc('2026-10-03', 'INV-1', '1000', { id: 'T1' }),
          line('2026-10-06', 'INV-1', '-1000', { id: 'T2', kind: 'CREDIT_NOTE' }),
        ],
      ),
    );
    expect(r.groups.map((g) => [g.ourIds, g.theirIds]).sort()).toEqual([
      [['O1'], ['T1']],
      [['O2'], ['T2']],
    ]);
    expect(r.differences).toEqual([]);
  });
});

describe('scenarios from the peers, second round (#18 acceptance)', () => {
  it('our receipt with its own number naming the invoice, against the customer’s two transfers naming it (Blnk one-to-many by reference, ERPNext allocation)', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-400', '1000', { id: 'O1' }),
          doc('2026-10-20', 'RC-3', '-1000', { id: 'O2', kind: 'RECEIPT', reference: 'INV-400' }),
        ],
        [
          line('2026-10-03', 'INV-400', '1000', { id: 'T1' }),
          pay('2026-10-10', 'INV-400', '-600', { id: 'T2' }),
          pay('2026-10-20', 'INV-400', '-400', { id: 'T3' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([
      ['EXACT_REFERENCE', ['O1'], ['T1'], '0'],
      ['ONE_TO_MANY', ['O2'], ['T2', 'T3'], '0'],
    ]);
    expect(r.differences).toEqual([]);
  });

  it('receipts numbered by each side pair by the cheque number both carry (ERPNext: reference no. of the payment)', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'RC-1', '-500', { id: 'O1', kind: 'RECEIPT', reference: 'CHQ 000123' })],
        [doc('2026-10-04', 'PV-88', '-500', { id: 'T1', kind: 'RECEIPT', reference: 'Cheque No. 123' })],
      ),
    );
    expect(groups(r)).toEqual([['NORMALIZED_REFERENCE', ['O1'], ['T1'], '0']]);
    const zh = reconcile(
      input(
        [doc('2026-10-03', 'RC-2', '-800', { id: 'O1', kind: 'RECEIPT', reference: '支票号 004567' })],
        [doc('2026-10-03', 'FK-7', '-800', { id: 'T1', kind: 'RECEIPT', reference: '支票 4567' })],
      ),
    );
    expect(groups(zh)).toEqual([['NORMALIZED_REFERENCE', ['O1'], ['T1'], '0']]);
  });

  it('a number written without the zeros inside it (INV/2019/0002 as INV/2019/2) is no conflict: amount and day pair it (Odoo invoice names)', () => {
    const r = reconcile(
      input(
        [doc('2026-10-05', 'INV/2019/0002', '100', { id: 'O1' })],
        [line('2026-10-05', 'INV/2019/2', '100', { id: 'T1' })],
      ),
    );
    expect(groups(r)).toEqual([['AMOUNT_DATE_WINDOW', ['O1'], ['T1'], '0']]);
    expect(r.groups[0].confidence).toBeGreaterThanOrEqual(0.8);
  });
});
