import { reconcile } from '../../matching';
import { doc, groups, input, kinds, line, text } from '../support/match-lines';

// Cases of the kind other systems' reconciliation tests use (Lerian Matcher, Blnk, Odoo's bank
// reconciliation, ERPNext's payment reconciliation, BlackLine), each of which Recon got wrong.

describe('the same document, written differently, amounts within tolerance', () => {
  it('INV-9002 and "INV 9002" 0.10 apart is a normalised reference match with its residual, not "0 edits"', () => {
    const r = reconcile(
      input(
        [doc('2026-10-09', 'INV-9002', '1200.50', { id: 'O1' })],
        [doc('2026-10-10', 'INV 9002', '1200.40', { id: 'T1' })],
      ),
    );
    expect(groups(r)).toEqual([['NORMALIZED_REFERENCE', ['O1'], ['T1'], '-0.1']]);
    expect(r.groups[0].evidence).toBe(
      'document number INV-9002 ~ INV 9002 (the same once normalised), amounts differ by -0.10, within tolerance, 1 day apart',
    );
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'TOLERANCE', amount: '-0.1' })]);
  });

  it("names each side's field when they differ, and uses the currency's tolerance (USD 5 of 1000)", () => {
    const usd = { currency: 'USD' };
    const rules = {
      tolerances: { '*': { absolute: '50', percent: '0' }, USD: { absolute: '5', percent: '0' } },
    };
    const within = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '1000', { id: 'O1', ...usd })],
        [line('2026-10-03', 'inv 1', '996', { id: 'T1', ...usd })],
        { rules },
      ),
    );
    expect(within.groups.map((g) => [g.rule, g.evidence])).toEqual([
      [
        'NORMALIZED_REFERENCE',
        'our document number INV-1 ~ their reference inv 1 (the same once normalised), amounts differ by -4.00, within tolerance, same day',
      ],
    ]);
    const beyond = reconcile(
      input(
        [doc('2026-10-03', 'INV-1', '1000', { id: 'O1', ...usd })],
        [line('2026-10-03', 'inv 1', '990', { id: 'T1', ...usd })],
        { rules },
      ),
    );
    expect(beyond.groups).toEqual([]);
    expect(kinds(beyond)).toEqual(['AMOUNT_MISMATCH']);
  });

  it('a document split on one side is left to the grouping rules, not paired with one part by tolerance', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'INV-500', '1000', { id: 'O1' })],
        [doc('2026-10-04', 'INV-500', '990', { id: 'T1' }), doc('2026-10-05', 'INV-500', '10', { id: 'T2' })],
      ),
    );
    expect(groups(r)).toEqual([['ONE_TO_MANY', ['O1'], ['T1', 'T2'], '0']]);
  });
});

describe('references found in descriptions', () => {
  it('a receipt on each side whose descriptions name one invoice is a TEXT_REFERENCE pair, not an amount-and-date one', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-9001', '12345.67', { id: 'O1' }),
          line('2026-10-05', 'PAY 9001', '-12345.67', {
            id: 'O2',
            description: '收款 INV 9001',
            kind: 'RECEIPT',
          }),
        ],
        [
          line('2026-10-04', 'INV9001', '12345.67', { id: 'T1' }),
          text('2026-10-06', '货款 发票号 9001', '-12345.67', { id: 'T2' }),
        ],
      ),
    );
    expect(groups(r)).toContainEqual(['TEXT_REFERENCE', ['O2'], ['T2'], '0']);
    const pair = r.groups.find((g) => g.rule === 'TEXT_REFERENCE')!;
    expect(pair.evidence).toBe(
      'our description "收款 INV 9001" and their description "货款 发票号 9001" name the same document (9001), amounts add up to -12,345.67',
    );
  });

  it('partial payments of one invoice, each on both sides, pair by the invoice they name (ERPNext)', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-700', '1000', { id: 'O1' }),
          text('2026-10-08', 'part payment INV-700', '-400', { id: 'O2' }),
          text('2026-10-18', 'balance INV-700', '-600', { id: 'O3' }),
        ],
        [
          doc('2026-10-03', 'INV-700', '1000', { id: 'T1' }),
          text('2026-10-09', 'INV-700 1/2', '-400', { id: 'T2' }),
          text('2026-10-19', 'INV-700 2/2', '-600', { id: 'T3' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([
      ['EXACT_REFERENCE', ['O1'], ['T1'], '0'],
      ['TEXT_REFERENCE', ['O2'], ['T2'], '0'],
      ['TEXT_REFERENCE', ['O3'], ['T3'], '0'],
    ]);
  });

  it('a bank fee taken from a payment both sides describe by its invoice (Odoo): a group and its TOLERANCE line', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-77', '1000', { id: 'O1' }),
          text('2026-10-08', 'payment INV-77', '-1000', { id: 'O2', docNo: 'RC-5' }),
        ],
        [
          doc('2026-10-03', 'INV-77', '1000', { id: 'T1' }),
          text('2026-10-09', 'wire for INV 77 less fee', '-985', { id: 'T2' }),
        ],
      ),
    );
    expect(groups(r)).toContainEqual(['TEXT_REFERENCE', ['O2'], ['T2'], '15']);
    expect(r.differences.map((d) => [d.kind, d.amount])).toEqual([['TOLERANCE', '15']]);
    expect(r.bridge.tied).toBe(true);
  });

  it('the named document beats an equal amount on another line of the same day (Blnk: reference before amount)', () => {
    const r = reconcile(
      input(
        [text('2026-10-09', '收款 INV 900', '-1000', { id: 'O2' })],
        [
          text('2026-10-10', 'payment', '-1000', { id: 'T3' }),
          text('2026-10-10', '付 发票号 900', '-1000', { id: 'T2' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([['TEXT_REFERENCE', ['O2'], ['T2'], '0']]);
    expect(r.differences.map((d) => [d.kind, d.theirIds])).toEqual([['MISSING_IN_OURS', ['T3']]]);
  });
});

describe('reversed signs', () => {
  it('an invoice with its sign reversed on their statement is one AMOUNT_MISMATCH saying so, not two MISSING lines', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'INV-8', '1000', { id: 'O1' })],
        [doc('2026-10-03', 'INV-8', '-1000', { id: 'T1' })],
      ),
    );
    expect(r.differences.map((d) => [d.kind, d.ourIds, d.theirIds, d.amount])).toEqual([
      ['AMOUNT_MISMATCH', ['O1'], ['T1'], '-2000'],
    ]);
    expect(r.differences[0].explanation).toContain('the sign is reversed');
    expect(r.bridge.tied).toBe(true);
  });

  it('a receipt naming the invoice it pays is never taken for a reversed invoice', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'INV-8', '1000', { id: 'O1' })],
        [line('2026-10-03', 'INV-8', '-1000', { id: 'T1', kind: 'RECEIPT' })],
      ),
    );
    expect(kinds(r)).toEqual(['MISSING_IN_OURS', 'MISSING_IN_THEIRS']);
  });
});

describe('many to many without a reference', () => {
  it('leftovers that add up on both sides (BlackLine N:M) are suggested to a clerk, never applied', () => {
    const r = reconcile(
      input(
        [line('2026-10-03', '', '300', { id: 'O1' }), line('2026-10-04', '', '700', { id: 'O2' })],
        [line('2026-10-05', '', '400', { id: 'T1' }), line('2026-10-06', '', '600', { id: 'T2' })],
      ),
    );
    expect(r.groups).toEqual([]);
    expect(r.suggestions.map((s) => [s.rule, s.ourIds, s.theirIds, s.residual])).toEqual([
      ['MANY_TO_MANY', ['O1', 'O2'], ['T1', 'T2'], '0'],
    ]);
    expect(r.suggestions[0].evidence).toContain('add up to 1,000.00 each');
    expect(r.bridge.tied).toBe(true);
  });

  it('is not suggested when the totals differ or the dates lie far apart', () => {
    const apart = reconcile(
      input(
        [line('2026-10-01', '', '300', { id: 'O1' }), line('2026-10-02', '', '700', { id: 'O2' })],
        [line('2026-10-20', '', '400', { id: 'T1' }), line('2026-10-21', '', '600', { id: 'T2' })],
      ),
    );
    expect(apart.suggestions).toEqual([]);
    const short = reconcile(
      input(
        [line('2026-10-03', '', '300', { id: 'O1' }), line('2026-10-04', '', '700', { id: 'O2' })],
        [line('2026-10-05', '', '400', { id: 'T1' }), line('2026-10-06', '', '599', { id: 'T2' })],
      ),
    );
    expect(short.suggestions).toEqual([]);
  });
});

describe('instalments with a repeat', () => {
  it('one invoice paid in parts, one part entered twice: the parts that add up are a group, the repeat a DUPLICATE', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'INV-5', '1000', { id: 'O1' })],
        [
          doc('2026-10-04', 'INV-5', '600', { id: 'T1' }),
          doc('2026-10-05', 'INV-5', '400', { id: 'T2' }),
          doc('2026-10-06', 'INV-5', '400', { id: 'T3' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([['ONE_TO_MANY', ['O1'], ['T1', 'T2'], '0']]);
    expect(r.differences.map((d) => [d.kind, d.theirIds])).toEqual([['DUPLICATE', ['T3']]]);
    expect(r.bridge.tied).toBe(true);
  });

  it('two different combinations under one reference are no group', () => {
    const r = reconcile(
      input(
        [doc('2026-10-03', 'INV-6', '1000', { id: 'O1' })],
        [
          doc('2026-10-04', 'INV-6', '600', { id: 'T1' }),
          doc('2026-10-05', 'INV-6', '400', { id: 'T2' }),
          doc('2026-10-06', 'INV-6', '400', { id: 'T3' }),
          doc('2026-10-07', 'INV-6', '200', { id: 'T4' }),
        ],
      ),
    );
    expect(r.groups.filter((g) => g.rule === 'ONE_TO_MANY' && g.evidence.startsWith('reference'))).toEqual(
      [],
    );
  });
});

describe('a reference field that lists documents', () => {
  it('a payment whose reference lists two invoices groups with those, where amounts alone are ambiguous (remittance advice)', () => {
    const r = reconcile(
      input(
        [line('2026-10-10', 'INV-501, INV-502', '-1500', { id: 'O1', kind: 'RECEIPT' })],
        [
          line('2026-10-11', 'INV-501', '-1000', { id: 'T1', kind: 'RECEIPT' }),
          line('2026-10-11', 'INV-502', '-500', { id: 'T2', kind: 'RECEIPT' }),
          line('2026-10-12', 'INV-777', '-1000', { id: 'T3', kind: 'RECEIPT' }),
          line('2026-10-12', 'INV-778', '-500', { id: 'T4', kind: 'RECEIPT' }),
        ],
      ),
    );
    expect(groups(r)).toEqual([['TEXT_REFERENCE', ['O1'], ['T1', 'T2'], '0']]);
    expect(r.groups[0].evidence).toBe(
      'our reference "INV-501, INV-502" ~ their references INV-501, INV-502, amounts add up to -1,500.00',
    );
  });

  it('one document number with slashes is not a list', () => {
    const r = reconcile(
      input(
        [line('2026-10-10', 'PAY/2020/0031', '-1000', { id: 'O1', kind: 'RECEIPT' })],
        [line('2026-10-11', 'PAY 2020 0031', '-1000', { id: 'T1', kind: 'RECEIPT' })],
      ),
    );
    expect(groups(r)).toEqual([['NORMALIZED_REFERENCE', ['O1'], ['T1'], '0']]);
  });
});

describe('credit notes netted against their invoice', () => {
  it('an invoice less the credit note that names it against the net amount on their statement is one group (Odoo, ERPNext)', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-1', '1000', { id: 'O1' }),
          doc('2026-10-08', 'CN-1', '-100', { id: 'O2', reference: 'INV-1', kind: 'CREDIT_NOTE' }),
        ],
        [doc('2026-10-04', 'INV-1', '900', { id: 'T1' })],
      ),
    );
    expect(groups(r)).toEqual([['ONE_TO_MANY', ['O1', 'O2'], ['T1'], '0']]);
    expect(r.groups[0].evidence).toBe(
      'document number INV-1: 1,000.00 less CN-1 100.00 naming it = 900.00 against 900.00',
    );
    expect(r.differences).toEqual([]);
  });

  it('a credit note small enough to pass for a fee is netted too, not left MISSING beside a tolerance match', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-1', '1000', { id: 'O1' }),
          doc('2026-10-08', 'CN-1', '-30', { id: 'O2', reference: 'INV-1', kind: 'CREDIT_NOTE' }),
        ],
        [doc('2026-10-04', 'INV-1', '970', { id: 'T1' })],
      ),
    );
    expect(groups(r)).toEqual([['ONE_TO_MANY', ['O1', 'O2'], ['T1'], '0']]);
    expect(r.differences).toEqual([]);
  });

  it('a payment naming the invoice is not netted: their statement would show it', () => {
    const r = reconcile(
      input(
        [
          doc('2026-10-03', 'INV-1', '1000', { id: 'O1' }),
          doc('2026-10-08', 'RC-1', '-100', { id: 'O2', reference: 'INV-1', kind: 'RECEIPT' }),
        ],
        [doc('2026-10-04', 'INV-1', '900', { id: 'T1' })],
      ),
    );
    expect(r.groups).toEqual([]);
  });
});

it('a credit note itself still matches its counterpart within tolerance', () => {
  const r = reconcile(
    input(
      [doc('2026-10-08', 'CN-1', '-100', { id: 'O1', reference: 'INV-1', kind: 'CREDIT_NOTE' })],
      [doc('2026-10-09', 'CN 1', '-99.5', { id: 'T1', kind: 'CREDIT_NOTE' })],
    ),
  );
  expect(groups(r)).toEqual([['NORMALIZED_REFERENCE', ['O1'], ['T1'], '0.5']]);
});
