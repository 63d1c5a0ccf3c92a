import fc from 'fast-check';
import { dateOfDay, dayNumber, daysInMonth } from '../../formats/date';

// dayNumber and daysInMonth count with integers (the engine calls them for every line): they must
// agree with Date.UTC, the definition they replaced, on every date of years 1000–9999.
const DAY_MS = 86_400_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('day arithmetic without Date', () => {
  it('counts days since 1970-01-01 exactly as Date.UTC does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, rawDay) => {
          const day = Math.min(rawDay, daysInMonth(year, month));
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(dayNumber(text)).toBe(Math.floor(Date.UTC(year, month - 1, day) / DAY_MS));
          expect(dateOfDay(dayNumber(text))).toBe(text);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('knows the length of every month, leap years included', () => {
    for (let year = 1890; year <= 2410; year += 1)
      for (let month = 1; month <= 12; month += 1)
        expect([year, month, daysInMonth(year, month)]).toEqual([
          year,
          month,
          new Date(Date.UTC(year, month, 0)).getUTCDate(),
        ]);
    expect([daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2024, 2), daysInMonth(2026, 2)]).toEqual([
      28, 29, 29, 28,
    ]);
  });

  it('steps one day at a time across month, year and leap-day ends', () => {
    for (const [before, after] of [
      ['1969-12-31', '1970-01-01'],
      ['2024-02-28', '2024-02-29'],
      ['2024-02-29', '2024-03-01'],
      ['2100-02-28', '2100-03-01'],
      ['2026-12-31', '2027-01-01'],
    ])
      expect(dayNumber(after) - dayNumber(before)).toBe(1);
    expect(dayNumber('1970-01-01')).toBe(0);
  });
});
