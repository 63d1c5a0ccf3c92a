import fc from 'fast-check';
import { isCanonicalAmount, MAX_INTEGER_DIGITS, parseAmount, toUnits } from '../../formats/amount';
import { parseCsv, MAX_RECORD_CHARS } from '../../formats/csv';
import { PlainCsvRows, plainCsvStart, RecordMarks } from '../../formats/csv-bytes';
import { decodeBuffer } from '../../formats/encoding';

// The byte cursor must give the shared reader's records (cells and row numbers) for every file it
// takes, and refuse (undefined) every file the shared reader would read otherwise.
const recordsOf = (bytes: Buffer, whole = false) => {
  const start = plainCsvStart(bytes);
  if (start === undefined) return undefined;
  const rows = new PlainCsvRows(bytes, start);
  if (whole) rows.decodeRecordsWhole();
  const records: Array<{ row: number; cells: string[] }> = [];
  while (rows.next())
    records.push({ row: rows.row, cells: Array.from({ length: rows.width }, (_, i) => rows.cell(i)) });
  return records;
};

const shared = (bytes: Buffer) => {
  const { records, problem } = parseCsv(decodeBuffer(bytes));
  expect(problem).toBeNull();
  return records.map((r) => ({ row: r.row, cells: r.cells }));
};

it('reads quote-free UTF-8 exactly as the shared reader does (cells, rows, line ends, BOM)', () => {
  const unit = fc.constantFrom('a', 'Z', '7', ',', ' ', '\n', '\r', '\r\n', '元', 'é', '\t', '😀', '\uFEFF');
  fc.assert(
    fc.property(fc.boolean(), fc.string({ unit, maxLength: 60 }), (bom, text) => {
      const bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf8');
      expect(recordsOf(bytes)).toEqual(shared(bytes));
      expect(recordsOf(bytes, true)).toEqual(shared(bytes));
    }),
    { numRuns: 3000 },
  );
});

it('comes back to a marked record, in any order, with the same cells, without scanning it again', () => {
  const unit = fc.constantFrom('a', '7', ',', ' ', '\n', '\r\n', '元', '😀');
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 60 }), fc.integer({ min: 0, max: 1000 }), (text, turn) => {
      const bytes = Buffer.from(text, 'utf8');
      const rows = new PlainCsvRows(bytes, 0);
      const marks = new RecordMarks();
      const read: Array<{ mark: number; at: number; cells: string[]; ascii: boolean[] }> = [];
      const cells = (r: PlainCsvRows) => Array.from({ length: r.width }, (_, i) => r.cell(i));
      // cellIs compares bytes only in ASCII records: the flag must come back too.
      const ascii = (r: PlainCsvRows) => Array.from({ length: r.width }, (_, i) => r.cellIs(i, r.cell(i)));
      while (rows.next())
        read.push({ mark: rows.mark(marks), at: rows.recordStart, cells: cells(rows), ascii: ascii(rows) });
      // Also cutting an ASCII record's cells from its text decoded whole (its text must change with it).
      for (const whole of [false, true]) {
        const again = new PlainCsvRows(bytes, 0);
        if (whole) again.decodeRecordsWhole();
        for (const record of read.map((_, n) => read[(n + turn) % read.length]).reverse()) {
          again.restore(marks, record.mark);
          expect({ at: again.recordStart, cells: cells(again), ascii: ascii(again) }).toEqual({
            at: record.at,
            cells: record.cells,
            ascii: record.ascii,
          });
        }
      }
    }),
    { numRuns: 2000 },
  );
});

it('keeps marks across its chunks of memory (a million-line file)', () => {
  const line = (n: number) => `${n},C${n % 97},2026-10-01,INV-${n},,desc ${n},invoice,${n}.5,CNY\n`;
  const count = 250_000; // 11 numbers a record: about 2.75M, three chunks
  const bytes = Buffer.from(Array.from({ length: count }, (_, n) => line(n)).join(''));
  const rows = new PlainCsvRows(bytes, 0);
  const marks = new RecordMarks();
  const kept: number[] = [];
  while (rows.next()) kept.push(rows.mark(marks));
  expect(marks.chunks.length).toBe(3);
  const again = new PlainCsvRows(bytes, 0);
  for (const n of [0, 95_325, 95_326, 190_650, 190_651, count - 1]) {
    again.restore(marks, kept[n]);
    expect(`${Array.from({ length: again.width }, (_, i) => again.cell(i)).join(',')}\n`).toBe(line(n));
  }
});

it('reads a cell as yyyymmdd exactly when it is yyyy-mm-dd in ASCII digits', () => {
  const unit = fc.constantFrom('2', '0', '9', '-', ' ', '/', 'a', '٣', '元');
  const dated = fc.tuple(
    fc.stringMatching(/^\d{4}$/),
    fc.stringMatching(/^\d{2}$/),
    fc.stringMatching(/^\d{2}$/),
  );
  const cell = fc.oneof(
    fc.string({ unit, maxLength: 12 }),
    dated.map((parts) => parts.join('-')),
  );
  fc.assert(
    fc.property(cell, fc.boolean(), (text, other) => {
      // Another cell beyond ASCII makes the record non-ASCII: the key reads bytes either way.
      const rows = new PlainCsvRows(Buffer.from(`${text},${other ? '客户' : 'x'}\n`), 0);
      rows.next();
      const plain = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text);
      expect(rows.isoDateKey(0)).toBe(plain ? Number(text.replace(/-/g, '')) : -1);
    }),
    { numRuns: 3000 },
  );
});

it('compares a cell with a text without decoding it, in ASCII and other rows', () => {
  const rows = new PlainCsvRows(Buffer.from('C001, x,C001\n客户,C001\n'), 0);
  rows.next();
  expect([
    rows.cellIs(0, 'C001'),
    rows.cellIs(1, 'x'),
    rows.cellIs(2, 'C001'),
    rows.cellIs(2, 'C00'),
  ]).toEqual([true, false, true, false]);
  rows.next();
  expect([rows.cellIs(0, '客户'), rows.cellIs(1, 'C001'), rows.cellIs(0, 'C001')]).toEqual([
    true,
    true,
    false,
  ]);
  expect(rows.next()).toBe(false);
});

it('says a cell is a text exactly when its decoded text is that text (ASCII or not, either side)', () => {
  const unit = fc.constantFrom('a', 'C', '0', '1', ' ', '元', 'é', '😀', '\u00a0');
  const cell = fc.string({ unit, maxLength: 6 });
  fc.assert(
    fc.property(fc.array(cell, { minLength: 1, maxLength: 5 }), cell, (cells, other) => {
      const rows = new PlainCsvRows(Buffer.from(`${cells.join(',')}\n`), 0);
      rows.next();
      for (let i = 0; i < rows.width; i += 1)
        for (const text of [...cells, other]) expect(rows.cellIs(i, text)).toBe(rows.cell(i) === text);
    }),
    { numRuns: 2000 },
  );
});

it('leaves to the shared reader files with a quote, not UTF-8, or a line it would give up on', () => {
  expect(plainCsvStart(Buffer.from('a,"b"\n'))).toBeUndefined();
  expect(plainCsvStart(Buffer.from([0x61, 0x2c, 0xc4, 0xe3, 0x0a]))).toBeUndefined(); // GBK 你
  expect(plainCsvStart(Buffer.from('\uFEFFa,b\n'))).toBe(3);
  expect(plainCsvStart(Buffer.from(`a\n${'x'.repeat(MAX_RECORD_CHARS + 1)}\nb\n`))).toBeUndefined();
  expect(plainCsvStart(Buffer.from(`a\n${'x'.repeat(MAX_RECORD_CHARS)}\nb\n`))).toBe(0);
  // The long line last, without its LF; or after a long run of short lines.
  expect(plainCsvStart(Buffer.from(`a\n${'x'.repeat(MAX_RECORD_CHARS + 1)}`))).toBeUndefined();
  expect(plainCsvStart(Buffer.from(`a\n${'x'.repeat(MAX_RECORD_CHARS)}`))).toBe(0);
  const short = 'a,b\r\n'.repeat(MAX_RECORD_CHARS / 2);
  expect(plainCsvStart(Buffer.from(`${short}${'x'.repeat(MAX_RECORD_CHARS + 1)}\n${short}`))).toBeUndefined();
  expect(plainCsvStart(Buffer.from(`${short}${'x'.repeat(MAX_RECORD_CHARS)}\n${short}`))).toBe(0);
  expect(recordsOf(Buffer.alloc(0))).toEqual([]);
});

it('finds repeated cells, trimmed as String.prototype.trim does, as a Set of the texts would', () => {
  const unit = fc.constantFrom('a', 'B', '1', ' ', '\t', '\u00a0', '\u3000', '\uFEFF', '元', '😀', '\u2009');
  fc.assert(
    fc.property(fc.array(fc.string({ unit, maxLength: 5 }), { maxLength: 40 }), (cells) => {
      const rows = new PlainCsvRows(Buffer.from(cells.map((c) => `${c},x\n`).join('')), 0);
      const texts = new Set<string>();
      for (const cell of cells) {
        rows.next();
        const trimmed = cell.trim();
        rows.keyOf(0);
        expect([rows.keyIsBlank(), rows.keySeen()]).toEqual([trimmed === '', texts.has(trimmed)]);
        texts.add(trimmed);
      }
    }),
    { numRuns: 2000 },
  );
  // Enough keys to grow the table several times: each seen once, then all again.
  const ids = Array.from({ length: 20_000 }, (_, i) => `INV-${i}`);
  const rows = new PlainCsvRows(Buffer.from([...ids, ...ids].map((id) => `${id}\n`).join('')), 0);
  const seen: boolean[] = [];
  while (rows.next()) seen.push((rows.keyOf(0), rows.keySeen()));
  expect([seen.slice(0, 20_000).some(Boolean), seen.slice(20_000).every(Boolean)]).toEqual([false, true]);
  // The same with the table sized beforehand, too small and big enough (it never grows then).
  for (const expected of [100, 50_000]) {
    const sized = new PlainCsvRows(Buffer.from([...ids, ...ids].map((id) => `${id}\n`).join('')), 0);
    sized.expectKeys(expected);
    const again: boolean[] = [];
    while (sized.next()) again.push((sized.keyOf(0), sized.keySeen()));
    expect(again).toEqual(seen);
  }
});

it('reads an amount as canonical on its bytes exactly when parseAmount gives its text back as it is', () => {
  const unit = fc.constantFrom('0', '1', '9', '-', '.', ' ', '+', 'e', '元', '１'); // no delimiter: one cell
  const digits = (n: number) => '7'.repeat(n);
  const amounts = fc.oneof(
    fc.string({ unit, maxLength: 12 }),
    // Around the most whole digits and decimals.
    fc
      .tuple(fc.boolean(), fc.integer({ min: 14, max: 18 }), fc.integer({ min: 0, max: 6 }))
      .map(
        ([minus, whole, decimals]) =>
          `${minus ? '-' : ''}${digits(whole)}${decimals ? `.${digits(decimals)}` : ''}`,
      ),
  );
  fc.assert(
    fc.property(amounts, (text) => {
      const rows = new PlainCsvRows(Buffer.from(`x,${text}\n`), 0);
      rows.next();
      const parsed = parseAmount(text);
      const whole = text.replace(/^-/, '').split('.')[0].length;
      expect(rows.isCanonicalAmount(1)).toBe(
        isCanonicalAmount(text) && whole <= MAX_INTEGER_DIGITS && parsed.ok && parsed.value === text,
      );
      // What the reader relies on: canonical on the bytes, the same text as parsed.
      if (rows.isCanonicalAmount(1)) expect(parsed).toEqual({ ok: true, value: text });
      // Units read on the bytes: toUnits' for a canonical amount of at most 11 whole digits, else NaN.
      const units = rows.canonicalUnits(1);
      if (rows.isCanonicalAmount(1) && whole <= 11) expect(BigInt(units)).toBe(toUnits(text));
      else expect(units).toBeNaN();
    }),
    { numRuns: 5000 },
  );
  const canonical = (text: string) => {
    const rows = new PlainCsvRows(Buffer.from(`${text}\n`), 0);
    rows.next();
    return rows.isCanonicalAmount(0);
  };
  const texts = ['0', '-0', '0.0', '-0.5', '12.50', '12.5', '007', '.5', '5.', '1.2345', '1.23456', ' 1'];
  expect(texts.filter(canonical)).toEqual(['0', '-0.5', '12.5', '1.2345']);
  const units = (text: string) => {
    const rows = new PlainCsvRows(Buffer.from(`${text}\n`), 0);
    rows.next();
    return rows.canonicalUnits(0);
  };
  expect(texts.map(units)).toEqual([0, NaN, NaN, -5000, NaN, 125000, NaN, NaN, NaN, 12345, NaN, NaN]);
});
