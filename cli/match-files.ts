import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../imports/csv-reader';
import { AmountFormatError, fromUnits, toUnits, type MatchLine } from '../matching';

export const COLUMNS = [
  'id',
  'customer',
  'date',
  'doc_no',
  'reference',
  'description',
  'kind',
  'amount',
  'currency',
] as const;
const BALANCE_KINDS = new Set(['opening_balance', 'closing_balance']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MatchFileError extends Error {
  readonly code = 'INVALID_MATCH_FILE';
  constructor(file: string, row: number, field: string, reason: string) {
    super(`${path.basename(file)} row ${row}, ${field}: ${reason}`);
  }
}

export interface CustomerSide {
  lines: MatchLine[];
  opening?: string;
  closing?: string;
  currency?: string;
}

/** Reads one side's CSV: lines per customer, plus any opening_balance / closing_balance rows. */
export function readSideFile(file: string): Map<string, CustomerSide> {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const { records, problem } = parseCsv(text);
  if (problem) throw new MatchFileError(file, problem.line, '(record)', problem.message);
  const [header, ...rows] = records;
  if (!header) throw new MatchFileError(file, 1, '(header)', 'the file is empty');
  const names = header.cells.map((c) => c.trim().toLowerCase());
  for (const column of COLUMNS) {
    if (!names.includes(column))
      throw new MatchFileError(file, header.row, column, `missing column (expected ${COLUMNS.join(',')})`);
  }
  const at = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const sides = new Map<string, CustomerSide>();
  const seen = new Set<string>();
  for (const record of rows) {
    if (record.cells.every((c) => c.trim() === '')) continue;
    const cell = (c: (typeof COLUMNS)[number]) => (record.cells[at[c]] ?? '').trim();
    const fail = (field: string, reason: string): never => {
      throw new MatchFileError(file, record.row, field, reason);
    };
    const customer = cell('customer') || fail('customer', 'is required');
    const side = sides.get(customer) ?? { lines: [] };
    sides.set(customer, side);
    let amount: string;
    try {
      amount = fromUnits(toUnits(cell('amount')));
    } catch (error) {
      if (error instanceof AmountFormatError)
        fail('amount', `not a decimal amount: ${JSON.stringify(cell('amount'))}`);
      throw error;
    }
    const currency = cell('currency').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency))
      fail('currency', `not a currency code: ${JSON.stringify(cell('currency'))}`);
    if (side.currency && side.currency !== currency) {
      fail(
        'currency',
        `${currency} differs from ${side.currency} earlier for customer ${customer}, and no exchange rate is given`,
      );
    }
    side.currency = currency;
    const kind = cell('kind');
    if (BALANCE_KINDS.has(kind.toLowerCase())) {
      if (kind.toLowerCase() === 'opening_balance') side.opening = amount!;
      else side.closing = amount!;
      continue;
    }
    const id = cell('id') || fail('id', 'is required');
    if (seen.has(id)) fail('id', `${id} appears twice`);
    seen.add(id);
    const date = cell('date');
    if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      fail('date', `not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
    side.lines.push({
      id,
      date,
      ...(cell('doc_no') ? { docNo: cell('doc_no') } : {}),
      ...(cell('reference') ? { reference: cell('reference') } : {}),
      ...(cell('description') ? { description: cell('description') } : {}),
      kind: kind || 'OTHER',
      amount: amount!,
      currency,
    });
  }
  return sides;
}

/** Closing balance: given, else opening + the lines. */
export function closingOf(
  side: CustomerSide | undefined,
  openingFallback: string,
): { opening: string; closing: string } {
  const opening = side?.opening ?? openingFallback;
  const closing =
    side?.closing ??
    fromUnits((side?.lines ?? []).reduce((sum, l) => sum + toUnits(l.amount), toUnits(opening)));
  return { opening, closing };
}
