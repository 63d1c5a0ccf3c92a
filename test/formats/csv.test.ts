import fc from 'fast-check';
import { CsvParser, parseCsv, sniffDelimiter, type CsvRecord } from '../../formats/csv';
import { csvField, toCsv } from '../../imports/csv-writer';
import { FormatErrorCode as ImportErrorCode } from '../../formats/errors';

const cells = (records: CsvRecord[]): string[][] => records.map((r) => r.cells);

describe('CSV reader', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const { records, problem } = parseCsv('a,"b,c","say ""hi""","two\nlines"\r\nx,y,z,w\n');
    expect(problem).toBeNull();
    expect(cells(records)).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['x', 'y', 'z', 'w'],
    ]);
    // The second record starts on line 3: the first spans two lines.
    expect(records.map((r) => r.row)).toEqual([1, 3]);
  });

  it('handles LF, CRLF and bare CR line ends, and a last line without one', () => {
    expect(cells(parseCsv('a\nb\r\nc\rd').records)).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(parseCsv('a\nb\r\nc\rd').records.map((r) => r.row)).toEqual([1, 2, 3, 4]);
  });

  it('keeps empty fields and empty lines', () => {
    expect(cells(parseCsv('a,,c,\n\n,\n').records)).toEqual([['a', '', 'c', ''], [''], ['', '']]);
  });

  it('is lenient like Excel with stray quotes', () => {
    expect(cells(parseCsv('5" pipe,x\n"a"b,c\n').records)).toEqual([
      ['5" pipe', 'x'],
      ['ab', 'c'],
    ]);
  });

  it('reports a quote that is never closed, with its line', () => {
    const { records, problem } = parseCsv('a,b\nc,"never\nclosed\n');
    expect(cells(records)).toEqual([['a', 'b']]);
    expect(problem).toMatchObject({ code: ImportErrorCode.UNTERMINATED_QUOTE, line: 2 });
  });

  it('gives up on a quote never closed in a large file, quickly', () => {
    const parser = new CsvParser();
    const out: CsvRecord[] = [];
    parser.push('a,b\nc,"open\n', out);
    const line = 'x,y,z,1234.56\n'.repeat(4096);
    const started = Date.now();
    for (let i = 0; i < 200; i += 1) parser.push(line, out);
    const { problem } = parser.end(out);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(cells(out)).toEqual([['a', 'b']]);
    expect(problem).toMatchObject({ code: ImportErrorCode.UNTERMINATED_QUOTE, line: 2 });
  });

  it('uses another delimiter', () => {
    expect(cells(parseCsv('a\tb\t"c\td"\n', '\t').records)).toEqual([['a', 'b', 'c\td']]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const field = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', '元', ' '), maxLength: 6 }),
      fc.constantFrom('', 'x'),
    );
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        table,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, cuts, eol) => {
          const text =
            rows.map((row) => row.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join(eol) + eol;
          const whole = parseCsv(text);
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const parser = new CsvParser();
          const out: CsvRecord[] = [];
          let from = 0;
          for (const point of [...points, text.length]) {
            parser.push(text.slice(from, point), out);
            from = point;
          }
          const end = parser.end(out);
          expect(end.problem).toBeNull();
          expect(out).toEqual(whole.records);
          expect(cells(out)).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sniffs the delimiter', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(sniffDelimiter('a\tb\tc\n1\t2,5\t3')).toBe('\t');
    expect(sniffDelimiter('a;b;c\n"1;x";2;3')).toBe(';');
    expect(sniffDelimiter('single')).toBe(',');
  });
});

describe('CSV writer', () => {
  it('quotes only what needs quoting, and round-trips', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    const rows = [
      ['行号', 'a,b', 'x\ny'],
      ['1', '', '"'],
    ];
    const text = toCsv(rows);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(cells(parseCsv(text.slice(1)).records)).toEqual(rows);
  });
});
