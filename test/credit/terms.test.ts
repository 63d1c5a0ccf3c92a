import { TermsKind } from '../../contract/credit/enums';
import { describeTerms, dueSchedule, monthEnd, validateTerms } from '../../credit/terms';
import { fromUnits, toUnits } from '../../formats/amount';

const net = (days: number) => ({ kind: TermsKind.NET, days, instalments: [] });
const eom = (days: number) => ({ kind: TermsKind.MONTH_END, days, instalments: [] });

describe('payment terms give each invoice its due dates', () => {
  it('net N days counts from the invoice date', () => {
    expect(dueSchedule(net(30), '2026-01-15', 100n)).toEqual([{ dueDate: '2026-02-14', units: 100n }]);
    expect(dueSchedule(net(0), '2026-12-31', 1n)).toEqual([{ dueDate: '2026-12-31', units: 1n }]);
  });

  it('month end + N (月结60天) counts from the last day of the invoice month', () => {
    expect(monthEnd('2026-02-10')).toBe('2026-02-28');
    expect(monthEnd('2028-02-10')).toBe('2028-02-29');
    expect(dueSchedule(eom(60), '2026-01-15', 5n)[0].dueDate).toBe('2026-04-01');
    expect(dueSchedule(eom(60), '2026-01-31', 5n)[0].dueDate).toBe('2026-04-01');
    expect(dueSchedule(eom(0), '2026-02-01', 5n)[0].dueDate).toBe('2026-02-28');
    expect(describeTerms(eom(60)).zh).toBe('月结60天');
  });

  it('instalments split the invoice to the cent, the last taking what remains', () => {
    const rule = validateTerms({
      kind: 'INSTALMENTS',
      instalments: [
        { percent: '33.33', days: 30 },
        { percent: '33.33', days: 60 },
        { percent: '33.34', days: 30, monthEnd: true },
      ],
    }).rule!;
    const parts = dueSchedule(rule, '2026-03-10', toUnits('100.01'));
    expect(parts.map((p) => [p.dueDate, fromUnits(p.units)])).toEqual([
      ['2026-04-09', '33.33'],
      ['2026-05-09', '33.33'],
      ['2026-04-30', '33.35'],
    ]);
    expect(parts.reduce((sum, p) => sum + p.units, 0n)).toBe(toUnits('100.01'));
  });

  it('refuses terms it cannot apply, naming the field', () => {
    const problems = (raw: Parameters<typeof validateTerms>[0]) =>
      validateTerms(raw).problems.map((p) => p.field);
    expect(problems({ kind: 'WEEKLY', days: 7 })).toEqual(['kind']);
    expect(problems({ kind: 'NET', days: -1 })).toEqual(['days']);
    expect(problems({ kind: 'NET', days: 1.5 })).toEqual(['days']);
    expect(problems({ kind: 'NET', days: 30, instalments: [{ percent: '100', days: 1 }] })).toEqual([
      'instalments',
    ]);
    expect(
      problems({
        kind: 'INSTALMENTS',
        instalments: [
          { percent: '50', days: 30 },
          { percent: '40', days: 60 },
        ],
      }),
    ).toEqual(['instalments']);
    expect(
      problems({
        kind: 'INSTALMENTS',
        instalments: [
          { percent: '0', days: 30 },
          { percent: '100.001', days: 60 },
        ],
      }),
    ).toEqual(['instalments[0].percent', 'instalments[1].percent']);
    expect(problems({ kind: 'INSTALMENTS', instalments: [{ percent: '100', days: 30 }] })).toEqual([
      'instalments',
    ]);
  });
});
