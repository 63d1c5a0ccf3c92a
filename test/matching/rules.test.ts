import { normalizeReference, reconcile } from '../../matching';
import { input, kinds, line } from '../support/match-lines';

describe('reference normalisation', () => {
  it('treats INV-2026-0001, inv20260001 and 发票号：２０２６０００１ as one document', () => {
    const forms = [
      'INV-2026-0001',
      'inv20260001',
      '发票号：２０２６０００１',
      'No. 2026-0001',
      '#20260001',
      '单号 ２０２６-０００１',
    ];
    expect(new Set(forms.map(normalizeReference))).toEqual(new Set(['20260001']));
  });
});

describe('the rules', () => {
  it('1 exact reference and amount', () => {
    const r = reconcile(input([line('2026-10-03', 'INV-7', '100.00')], [line('2026-10-05', 'INV-7', '100')]));
    expect(r.groups).toEqual([
      expect.objectContaining({ rule: 'EXACT_REFERENCE', confidence: 1, residual: '0' }),
    ]);
    expect(r.groups[0].evidence).toBe('reference INV-7 = INV-7, amounts equal, 2 days apart');
  });

  it('2 normalised reference (full-width, prefix) and amount', () => {
    const r = reconcile(
      input(
        [line('2026-10-03', 'INV-2026-0001', '1200.50')],
        [line('2026-10-03', '发票号：２０２６０００１', '1200.5')],
      ),
    );
    expect(r.groups.map((g) => g.rule)).toEqual(['NORMALIZED_REFERENCE']);
    expect(r.bridge.tied).toBe(true);
  });

  it('3 amount within the date window when unique both ways, else a suggestion', () => {
    const unique = reconcile(input([line('2026-10-10', 'A', '777.77')], [line('2026-10-12', '', '777.77')]));
    expect(unique.groups.map((g) => g.rule)).toEqual(['AMOUNT_DATE_WINDOW']);
    const ambiguous = reconcile(
      input(
        [line('2026-10-10', 'A', '500.00')],
        [line('2026-10-11', 'X', '500.00'), line('2026-10-12', 'Y', '500.00')],
      ),
    );
    expect(ambiguous.groups).toEqual([]);
    // Every candidate is put before the clerk, nearest first; none is applied.
    expect(ambiguous.suggestions.map((s) => [s.rule, s.evidence])).toEqual([
      ['AMOUNT_DATE_WINDOW', 'amount 500.00 on both sides, 1 day apart, 2 candidates'],
      ['AMOUNT_DATE_WINDOW', 'amount 500.00 on both sides, 2 days apart, 2 candidates'],
    ]);
    expect(ambiguous.suggestions.every((s) => s.confidence < 0.8)).toBe(true);
    const outside = reconcile(
      input([line('2026-10-01', 'A', '777.77')], [line('2026-10-20', 'B', '777.77')]),
    );
    expect(outside.groups).toEqual([]);
  });

  it('4 fuzzy: a reference typo with equal amounts applies, a bank fee on the same document is a normalised match; both at once is suggested', () => {
    // 15 days apart: beyond the date window, so only the reference can pair them.
    const typo = reconcile(
      input(
        [line('2026-10-20', 'PAY-20261234', '-9985.00')],
        [line('2026-10-05', 'PAY-20261284', '-9985.00')],
      ),
    );
    expect(typo.groups.map((g) => [g.rule, g.residual])).toEqual([['FUZZY_REFERENCE', '0']]);
    const fee = reconcile(
      input(
        [line('2026-10-20', 'INV-2026-0201', '-9985.00')],
        [line('2026-10-19', 'Payment for INV-2026-0201', '-10000.00')],
      ),
    );
    // The same document once normalised: a reference match with its residual, not a fuzzy "0 edits".
    expect(fee.groups.map((g) => g.rule)).toEqual(['NORMALIZED_REFERENCE']);
    expect(fee.differences).toEqual([expect.objectContaining({ kind: 'TOLERANCE', amount: '-15' })]);
    expect(fee.bridge).toMatchObject({ tied: true, unexplained: '0' });
    const both = reconcile(
      input(
        [line('2026-10-20', 'PAY-20261234', '-9985.00')],
        [line('2026-10-19', 'PAY-20261284', '-10000.00')],
      ),
    );
    expect(both.groups).toEqual([]);
    expect(both.suggestions).toEqual([expect.objectContaining({ rule: 'FUZZY_REFERENCE' })]);
  });

  it('5 one payment for several invoices, by shared reference and by subset sum', () => {
    const shared = reconcile(
      input(
        [line('2026-10-20', 'PMT-1', '-10000')],
        [
          line('2026-10-20', 'PMT-1', '-3200'),
          line('2026-10-20', 'PMT-1', '-4800'),
          line('2026-10-20', 'PMT-1', '-2000'),
        ],
      ),
    );
    expect(shared.groups).toEqual([
      expect.objectContaining({ rule: 'ONE_TO_MANY', theirIds: expect.arrayContaining([]) }),
    ]);
    expect(shared.groups[0].theirIds).toHaveLength(3);
    const subset = reconcile(
      input(
        // No number of its own: lines of one kind numbered differently on each side are a suggestion.
        [line('2026-10-20', '', '-5500')],
        [
          line('2026-10-18', 'a1', '-1000'),
          line('2026-10-19', 'b2', '-2500'),
          line('2026-10-20', 'c3', '-3000'),
          line('2026-10-21', 'd4', '-700'),
        ],
      ),
    );
    expect(subset.groups).toEqual([expect.objectContaining({ rule: 'ONE_TO_MANY' })]);
    expect(subset.groups[0].theirIds).toHaveLength(2); // 2500 + 3000
    expect(kinds(subset)).toEqual(['MISSING_IN_OURS', 'MISSING_IN_OURS']);
  });

  it('5 an instalment plan: one invoice paid in parts (many-to-one)', () => {
    const r = reconcile(
      input(
        [line('2026-10-05', 'INV-9', '-600'), line('2026-10-15', 'INV-9', '-400')],
        [line('2026-10-16', 'INV-9', '-1000')],
      ),
    );
    expect(r.groups).toEqual([expect.objectContaining({ rule: 'ONE_TO_MANY', ourIds: expect.any(Array) })]);
    expect(r.groups[0].ourIds).toHaveLength(2);
  });

  it('6 many-to-many under one reference with equal totals', () => {
    const r = reconcile(
      input(
        [line('2026-10-05', 'PO-55', '300'), line('2026-10-06', 'PO-55', '700')],
        [
          line('2026-10-07', 'PO-55', '250'),
          line('2026-10-08', 'PO-55', '250'),
          line('2026-10-09', 'PO-55', '500'),
        ],
      ),
    );
    expect(r.groups.map((g) => g.rule)).toEqual(['MANY_TO_MANY']);
  });

  it('runs only the rules the customer enabled, in their order', () => {
    const r = reconcile({
      ...input([line('2026-10-10', 'A', '777.77')], [line('2026-10-12', 'ZZ', '777.77')]),
      rules: { rules: ['EXACT_REFERENCE'] },
    });
    expect(r.groups).toEqual([]);
    expect(kinds(r)).toEqual(['MISSING_IN_OURS', 'MISSING_IN_THEIRS']);
  });
});

describe('difference kinds', () => {
  it('MISSING_IN_THEIRS and MISSING_IN_OURS, signed for the bridge', () => {
    const r = reconcile(input([line('2026-10-05', 'INV-1', '100')], [line('2026-10-06', 'CN-9', '-40')]));
    expect(r.differences.map((d) => [d.kind, d.amount])).toEqual(
      expect.arrayContaining([
        ['MISSING_IN_THEIRS', '-100'],
        ['MISSING_IN_OURS', '-40'],
      ]),
    );
    expect(r.bridge).toMatchObject({
      ourClosing: '100',
      computedTheirClosing: '-40',
      theirClosing: '-40',
      tied: true,
    });
  });

  it('AMOUNT_MISMATCH pairs the same document with different amounts', () => {
    const r = reconcile(
      input([line('2026-10-21', 'INV-0304', '6666')], [line('2026-10-21', 'inv 0304', '6606')]),
    );
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'AMOUNT_MISMATCH', amount: '-60' })]);
  });

  it('DUPLICATE: a line entered twice on one side', () => {
    const r = reconcile(
      input(
        [line('2026-10-27', 'INV-3', '1500')],
        [line('2026-10-27', 'INV-3', '1500'), line('2026-10-27', 'INV-3', '1500')],
      ),
    );
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'DUPLICATE', amount: '1500' })]);
  });

  it('TIMING: a receipt dated at the period end, not yet on their side', () => {
    const r = reconcile(input([line('2026-10-31', 'PMT-55102', '-20000', { kind: 'RECEIPT' })], []));
    expect(r.differences).toEqual([expect.objectContaining({ kind: 'TIMING', amount: '20000' })]);
  });

  it('UNEXPLAINED opening gap, and a bridge that does not tie says by exactly how much', () => {
    const base = input([line('2026-10-05', 'INV-1', '100')], [line('2026-10-05', 'INV-1', '100')], {
      theirOpening: '0.01',
    });
    expect(reconcile(base).differences).toEqual([
      expect.objectContaining({ kind: 'UNEXPLAINED', amount: '0.01' }),
    ]);
    const broken = reconcile({ ...base, theirClosing: '123.45' });
    expect(broken.bridge).toMatchObject({ tied: false, unexplained: '23.44' });
  });

  it('refuses malformed input naming the line and field', () => {
    expect(() => reconcile(input([line('2026-13-45x', 'A', '1', { id: 'bad' })], []))).toThrow(
      'ours line bad: date must be YYYY-MM-DD',
    );
    const bad = { ...input([], []), theirs: [line('2026-10-01', 'A', '1.23456', { id: 'x' })] };
    expect(() => reconcile(bad)).toThrow(/theirs line x: amount/);
  });
});

describe('settings', () => {
  it('refuses unknown keys, naming the nearest valid one (#18.3)', () => {
    const { validateRuleSettings } = jest.requireActual<typeof import('../../matching')>('../../matching');
    expect(() => validateRuleSettings({ amountTolerance: {} })).toThrow(
      /amountTolerance is an unknown setting; did you mean "tolerances"/,
    );
    expect(() => validateRuleSettings({ dateWindowDay: 3 })).toThrow(/did you mean "dateWindowDays"/);
    expect(() => validateRuleSettings({ tolerances: { CNY: { absolute: '1', percentage: '0' } } })).toThrow(
      /tolerances\.CNY\.percentage is an unknown setting; did you mean "percent"/,
    );
    expect(() => validateRuleSettings({ tolerances: { rmb: { absolute: '1', percent: '0' } } })).toThrow(
      /tolerances\.rmb must be a currency code/,
    );
    expect(() => reconcile(input([], [], { rules: { timingDay: 2 } as never }))).toThrow(
      /did you mean "timingDays"/,
    );
  });
});
