import { bucketOf, computeAging, daysBetween } from '../../reports/aging';
import type { AgingItem } from '../../reports/types';

const asOf = '2026-03-31';
const item = (docNo: string, dueDate: string | null, amount: string, customerCode = 'C1'): AgingItem => ({
  customerCode,
  customerName: `${customerCode} 公司`,
  docNo,
  docDate: '2025-12-01',
  dueDate,
  amount,
});

describe('aging', () => {
  it('counts calendar days, across month ends and leap days', () => {
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-04-01', '2026-03-31')).toBe(-1);
  });

  it.each([
    [-5, 'CURRENT'],
    [0, 'CURRENT'],
    [1, 'D1_30'],
    [30, 'D1_30'],
    [31, 'D31_60'],
    [60, 'D31_60'],
    [61, 'D61_90'],
    [90, 'D61_90'],
    [91, 'D90_PLUS'],
    [400, 'D90_PLUS'],
  ])('%i days past due is %s', (days, bucket) => {
    expect(bucketOf(days)).toBe(bucket);
  });

  it('puts items due on the boundary dates into the right buckets and sums exactly', () => {
    const report = computeAging(
      [
        item('due-today', '2026-03-31', '100.10'), // 0 days: current
        item('future', '2026-04-30', '0.20'), // not yet due: current
        item('1-day', '2026-03-30', '1'), // 1
        item('30-days', '2026-03-01', '30'), // 30
        item('31-days', '2026-02-28', '31'), // 31
        item('60-days', '2026-01-30', '60'), // 60
        item('61-days', '2026-01-29', '61'), // 61
        item('90-days', '2025-12-31', '90'), // 90
        item('91-days', '2025-12-30', '91'), // 91
        item('no-due-date', null, '-5.5', 'C2'), // from the document date, 2025-12-01: 120 days
      ],
      asOf,
      { company: { name: '测试公司' }, currency: 'CNY' },
    );
    const bucketOfDoc = Object.fromEntries(
      (report.items ?? []).map((i) => [i.docNo, [i.daysPastDue, i.bucket]]),
    );
    expect(bucketOfDoc).toEqual({
      'due-today': [0, 'CURRENT'],
      future: [-30, 'CURRENT'],
      '1-day': [1, 'D1_30'],
      '30-days': [30, 'D1_30'],
      '31-days': [31, 'D31_60'],
      '60-days': [60, 'D31_60'],
      '61-days': [61, 'D61_90'],
      '90-days': [90, 'D61_90'],
      '91-days': [91, 'D90_PLUS'],
      'no-due-date': [120, 'D90_PLUS'],
    });
    expect(report.rows).toEqual([
      {
        customerCode: 'C1',
        customerName: 'C1 公司',
        buckets: ['100.3', '31', '91', '151', '91'],
        total: '464.3',
      },
      { customerCode: 'C2', customerName: 'C2 公司', buckets: ['0', '0', '0', '0', '-5.5'], total: '-5.5' },
    ]);
    expect(report.totals).toEqual(['100.3', '31', '91', '151', '85.5']);
    expect(report.total).toBe('458.8');
  });
});
