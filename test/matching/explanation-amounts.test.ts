import { reconcile } from '../../matching';
import { input, line } from '../support/match-lines';

// #19 leftover (a): explanations printed raw amounts ("1234.5 is in our books") beside a CLI and
// reports that print "1,234.50". Amounts in sentences now follow the currency's minor units.
describe('amounts inside evidence and explanations', () => {
  it('are grouped and padded to two decimals for CNY, while the amount fields stay exact text', () => {
    const r = reconcile(
      input(
        [
          line('2026-10-05', 'INV-1', '1234.5', { id: 'O1' }),
          line('2026-10-06', 'INV-2', '1000', { id: 'O2' }),
        ],
        [line('2026-10-07', 'INV-2', '2500', { id: 'T1' })],
      ),
    );
    expect(r.differences.map((d) => [d.kind, d.amount, d.explanation])).toEqual([
      [
        'AMOUNT_MISMATCH',
        '1500',
        'INV-2: 1,000.00 in our books, 2,500.00 in theirs (1,500.00, beyond the tolerance of 50.00)',
      ],
      ['MISSING_IN_THEIRS', '-1234.5', 'INV-1 1,234.50 is in our books, not on their statement'],
    ]);
  });

  it('follow the currency: no decimals for JPY, three for KWD, exact digits beyond them kept', () => {
    const jpy = reconcile(input([line('2026-10-05', 'INV-1', '1234567', { id: 'O1', currency: 'JPY' })], []));
    expect(jpy.differences[0].explanation).toBe('INV-1 1,234,567 is in our books, not on their statement');
    const kwd = reconcile(input([], [line('2026-10-05', 'INV-1', '1.25', { id: 'T1', currency: 'KWD' })]));
    expect(kwd.differences[0].explanation).toBe('INV-1 1.250 is on their statement, not in our books');
    const opening = reconcile(input([], [], { ourOpening: '0', theirOpening: '10.5' }));
    expect(opening.differences.map((d) => [d.amount, d.explanation])).toEqual([
      ['10.5', 'opening balances differ by 10.50'],
    ]);
  });

  it('name the residual of a tolerance group in the same form', () => {
    const r = reconcile(
      input(
        [line('2026-10-05', 'INV-9', '12000', { id: 'O1' })],
        [line('2026-10-05', 'INV 9', '11990.5', { id: 'T1' })],
      ),
    );
    expect(r.differences.map((d) => [d.kind, d.amount, d.explanation])).toEqual([
      [
        'TOLERANCE',
        '-9.5',
        'residual -9.50 accepted within tolerance (reference INV-9 ~ INV 9 (the same once normalised), amounts differ by -9.50, within tolerance, same day)',
      ],
    ]);
  });
});
