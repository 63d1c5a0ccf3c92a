import { PlainCsvRows } from '../formats/csv-bytes';
import { readCsvFile } from '../formats/csv-file';
import { yearLastReading, type YearLastOrder } from '../formats/date';
import { FieldError, FormatErrorCode } from '../formats/errors';

// How `recon match` reads a file's dates written with the year last (05/11/2026): the file decides.
// A file whose dates all read either way is refused, never read month-first (or day-first) silently.

/** The order a file's dates were read in, and the row that showed it (a day or a month above 12). */
export interface DateOrderNote {
  file: string;
  order: YearLastOrder;
  row: number;
  text: string;
}

/** A date that reads day-first or month-first was met at `row`: the file must be scanned (see dateOrderOf). */
export class AmbiguousDateMet extends Error {
  override readonly name = 'AmbiguousDateMet';
  constructor(readonly row: number) {
    super(`an ambiguous date at row ${row}`);
  }
}

/** A file's dates: refused naming the row and field, ranked (ReadError.at) at the first ambiguous row. */
export class DateOrderError extends FieldError {
  constructor(
    where: { file: string; row: number },
    reason: string,
    readonly rankRow: number,
  ) {
    super(FormatErrorCode.AMBIGUOUS_DATE, { ...where, field: 'date' }, reason);
  }
}

interface Seen {
  row: number;
  text: string;
}

/** Collects the year-last dates of one file's date column: the first of each reading. */
class DateScan {
  private column = -1;
  private width = 0;
  private readonly first: Partial<Record<YearLastOrder | 'EITHER', Seen>> = {};

  take(row: number, width: number, cell: (index: number) => string): void {
    if (this.column < 0) {
      if (this.width > 0) return;
      this.width = width;
      for (let i = 0; i < width; i += 1)
        if (
          cell(i)
            .replace(/^\uFEFF/, '')
            .trim()
            .toLowerCase() === 'date'
        )
          this.column = i;
      return;
    }
    if (width !== this.width) return; // the reader refuses such a row itself
    const text = cell(this.column).trim();
    const reading = text === '' ? undefined : yearLastReading(text);
    if (reading !== undefined) this.first[reading] ??= { row, text };
  }

  /** The order the file shows, or a refusal naming the row (ranked at `metAt`, where the reader stopped). */
  decide(file: string, metAt: number): DateOrderNote {
    const { DMY: dmy, MDY: mdy, EITHER: either } = this.first;
    if (dmy && mdy) {
      const [earlier, later] = dmy.row < mdy.row ? [dmy, mdy] : [mdy, dmy];
      const [was, is] = earlier === dmy ? ['day-first', 'month-first'] : ['month-first', 'day-first'];
      throw new DateOrderError(
        { file, row: later.row },
        `"${later.text}" reads only ${is}, but row ${earlier.row}'s "${earlier.text}" only ${was}, so dates such as "${either?.text ?? '05/11/2026'}" cannot be read: write the dates as YYYY-MM-DD`,
        metAt,
      );
    }
    const shown = dmy ?? mdy;
    if (!shown) {
      const at = either ?? { row: metAt, text: '' };
      throw new DateOrderError(
        { file, row: at.row },
        `"${at.text}" could be day-first or month-first, and no date in the file has a day above 12 to tell which: write the dates as YYYY-MM-DD`,
        metAt,
      );
    }
    return { file, order: dmy ? 'DMY' : 'MDY', row: shown.row, text: shown.text };
  }
}

/**
 * The order of day and month in a file whose date at row `metAt` reads either way: every row's date
 * is looked at (not a matching thread's share only, so that every thread decides alike).
 */
export async function dateOrderOf(
  file: string,
  name: string,
  plain: { bytes: Buffer; start: number } | undefined,
  metAt: number,
): Promise<DateOrderNote> {
  const scan = new DateScan();
  if (plain) {
    const rows = new PlainCsvRows(plain.bytes, plain.start);
    const cell = (index: number) => rows.cell(index);
    while (rows.next()) scan.take(rows.row, rows.width, cell);
  } else {
    for await (const batch of readCsvFile(file, { delimiter: ',', onProblem: () => undefined }))
      for (const record of batch) scan.take(record.row, record.cells.length, (index) => record.cells[index]);
  }
  return scan.decide(name, metAt);
}

/** The sentence saying how a file's dates were read (the table's second line). */
export function describeDateOrder(note: DateOrderNote): string {
  const order = note.order === 'DMY' ? 'day-first (DD/MM/YYYY)' : 'month-first (MM/DD/YYYY)';
  return `${note.file}: dates read ${order}, as row ${note.row}'s "${note.text}" shows`;
}
