import { dayNumber } from '../../formats/date';
import { LineInputError, prepare } from '../../matching/prepare';
import type { MatchLine } from '../../matching/types';

// prepare() remembers the day numbers of the dates it has checked across calls (bounded): the
// remembered answers must be those of dayNumber, and a bad date must still be refused once the
// memory has been filled and forgotten.
const line = (id: string, date: string): MatchLine => ({
  id,
  date,
  kind: 'INVOICE',
  amount: '1',
  currency: 'CNY',
});

it('gives every line its own day number across customers, and still refuses a bad date after many', () => {
  const start = dayNumber('2000-01-01');
  const dates = Array.from({ length: 5000 }, (_, n) =>
    new Date((start + n * 3) * 86_400_000).toISOString().slice(0, 10),
  );
  for (let chunk = 0; chunk < dates.length; chunk += 500) {
    const lines = dates.slice(chunk, chunk + 500).map((date, n) => line(`L${chunk + n}`, date));
    for (const prepared of prepare(lines, 'ours')) expect(prepared.day).toBe(dayNumber(prepared.date));
  }
  // Seen again after being forgotten, and seen while remembered: the same numbers.
  const again = prepare([line('A', dates[0]), line('B', dates[4999])], 'theirs');
  expect(again.map((l) => l.day)).toEqual([dayNumber(dates[0]), dayNumber(dates[4999])]);
  expect(() => prepare([line('X', '2026-02-30')], 'ours')).toThrow(LineInputError);
  expect(() => prepare([line('Y', '2026-2-3')], 'ours')).toThrow(LineInputError);
});
