import { FormatErrorCode as ImportErrorCode } from '../../formats/errors';
import { parseDate, yearLastReading, type DateFormat } from '../../formats/date';

const iso = (input: Parameters<typeof parseDate>[0], format?: DateFormat): string => {
  const parsed = parseDate(input, format);
  if (!parsed.ok) throw new Error(`${String(input)}: ${parsed.code} ${parsed.reason}`);
  return parsed.value;
};
const code = (input: Parameters<typeof parseDate>[0], format?: DateFormat): ImportErrorCode | null => {
  const parsed = parseDate(input, format);
  return parsed.ok ? null : parsed.code;
};

describe('parseDate', () => {
  it.each([
    ['2026-01-05', '2026-01-05'],
    ['2026/1/5', '2026-01-05'],
    ['2026.1.5', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    ['2026年01月05日', '2026-01-05'],
    ['２０２６年１月５日', '2026-01-05'],
    ['20260105', '2026-01-05'],
    ['2026-01-05 00:00:00', '2026-01-05'],
    ['2026/1/5 9:30', '2026-01-05'],
    ['2026-01-05T10:00:00Z', '2026-01-05'],
    ['46027', '2026-01-05'],
  ])('%s -> %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  it('reads Excel serial numbers, including around the phantom 1900-02-29', () => {
    expect(iso(46027)).toBe('2026-01-05');
    expect(iso(46027.75)).toBe('2026-01-05');
    expect(iso(1)).toBe('1900-01-01');
    expect(iso(59)).toBe('1900-02-28');
    expect(iso(61)).toBe('1900-03-01');
    expect(code(60)).toBe(ImportErrorCode.INVALID_DATE);
    expect(iso('45000', 'EXCEL_SERIAL')).toBe('2023-03-15');
  });

  it('takes date cells as their calendar day', () => {
    expect(iso(new Date(Date.UTC(2026, 0, 5)))).toBe('2026-01-05');
  });

  it('needs a format for day-first and month-first dates', () => {
    expect(code('05/01/2026')).toBe(ImportErrorCode.AMBIGUOUS_DATE);
    expect(iso('05/01/2026', 'DMY')).toBe('2026-01-05');
    expect(iso('01/05/2026', 'MDY')).toBe('2026-01-05');
    expect(iso('5.1.2026', 'DMY')).toBe('2026-01-05');
  });

  it('reads an ambiguous date in the order its file showed, and leaves other forms as they are', () => {
    expect(parseDate('05/01/2026', 'AUTO', 'DMY')).toEqual({ ok: true, value: '2026-01-05' });
    expect(parseDate('05/01/2026', 'AUTO', 'MDY')).toEqual({ ok: true, value: '2026-05-01' });
    expect(parseDate('2026-05-01', 'AUTO', 'MDY')).toEqual({ ok: true, value: '2026-05-01' });
    expect(parseDate('13/01/2026', 'AUTO', 'MDY')).toEqual({ ok: true, value: '2026-01-13' });
  });

  it.each([
    ['16/11/2026', 'DMY'],
    ['11/16/2026', 'MDY'],
    ['05/11/2026', 'EITHER'],
    ['５/１１/２０２６ 09:30', 'EITHER'],
    ['05/05/2026', undefined],
    ['2026-11-05', undefined],
    ['31/13/2026', undefined],
  ])('yearLastReading(%s) is %s', (text, reading) => {
    expect(yearLastReading(text)).toBe(reading);
  });

  it.each([
    ['', ImportErrorCode.MISSING_VALUE],
    ['2026-02-30', ImportErrorCode.INVALID_DATE],
    ['2026-13-01', ImportErrorCode.INVALID_DATE],
    ['tomorrow', ImportErrorCode.INVALID_DATE],
    ['0026-01-05', ImportErrorCode.INVALID_DATE],
    ['2026', ImportErrorCode.INVALID_DATE],
  ])('%j is refused with %s', (input, expected) => {
    expect(code(input)).toBe(expected);
  });

  it('refuses year-first dates when the template says day-first', () => {
    expect(code('2026-01-05', 'DMY')).toBe(ImportErrorCode.INVALID_DATE);
    expect(code(null)).toBe(ImportErrorCode.MISSING_VALUE);
  });
});
