import { KeyNumbers } from './keys';
import { LIST_SEPARATOR, SLASH, lastReferenceMarks, normalizeReference } from './normalize-reference';
import { hasSlashList, referencesInText } from './text-references';
import type { MatchLine } from './types';
import { AmountError, dayNumber, fromUnits, isCanonicalAmount, toUnits } from './units';
import { canonicalOrder, mayRepeatIds, trailingNumbers } from './line-order';
import { isIsoDate } from '../formats/date';

export type Side = 'ours' | 'theirs';

/** A line as the rules see it: amount in exact units, date as a day number, reference normalised. */
export interface Prepared {
  id: string;
  side: Side;
  day: number;
  date: string;
  raw: string;
  /** Which field `raw` is: evidence names the fields it compared. */
  rawField: 'document number' | 'reference' | '';
  /** The primary reference, normalised (document number, else reference). */
  norm: string;
  docNorm: string;
  refNorm: string;
  docNo: string;
  reference: string;
  description: string;
  /** Document numbers named in the description ("payment INV 0101, 0102"), normalised. */
  textRefs: string[];
  /** Every normalised reference the line carries: a receipt's own number and the invoice it pays. */
  norms: string[];
  units: bigint;
  /** The amount as canonical text ("-12.5"): keys of indexes, never re-derived from the BigInt. */
  amountKey: string;
  /** The document (currency and norm, `KeyNumbers`) of each of `norms`: index keys, numbered once. */
  docKeys: number[];
  /** The item (document and amount, `KeyNumbers`) of the first of `norms`, else 0. */
  itemKey: number;
  /** The document of each of `textRefs`, in the line's currency. */
  textRefKeys: number[];
  currency: string;
  kind: string;
  /** Placed in a group or a difference. */
  placed: boolean;
}

export class LineInputError extends Error {
  readonly code = 'INVALID_LINE';
  constructor(side: Side, id: string, field: string, reason: string) {
    super(`${side} line ${id}: ${field} ${reason}`);
  }
}

/**
 * `keys` numbers documents and items: one instance for both sides, so their keys compare. No cache
 * of normalised references: normalising one (one pass) is cheaper than hashing it to look it up.
 */
export function prepare(lines: MatchLine[], side: Side, keys: KeyNumbers = new KeyNumbers()): Prepared[] {
  const preparer = new LinePreparer(side, keys);
  const dayOf = (line: MatchLine): number => {
    let day = DAYS.get(line.date);
    if (day === undefined) {
      if (!isIsoDate(line.date))
        throw new LineInputError(side, line.id, 'date', 'must be YYYY-MM-DD, a calendar date');
      if (DAYS.size >= 4096) DAYS.clear();
      DAYS.set(line.date, (day = dayNumber(line.date)));
    }
    return day;
  };
  let at = 0;
  const prepareLine = (line: MatchLine, n: number): Prepared => {
    at = n;
    const day = dayOf(line);
    let units: bigint;
    try {
      units = toUnits(line.amount);
    } catch (error) {
      if (error instanceof AmountError) throw new LineInputError(side, line.id, 'amount', error.message);
      throw error;
    }
    const amountKey = isCanonicalAmount(line.amount) ? line.amount : fromUnits(units);
    return preparer.line(
      line.id,
      line.date,
      day,
      trimmed(line.docNo),
      trimmed(line.reference),
      line.description ?? '',
      line.kind,
      amountKey,
      units,
      line.currency,
    );
  };
  let prepared: Prepared[];
  try {
    prepared = lines.map(prepareLine);
  } catch (error) {
    // A line at fault: an id repeated before or on it is still what is reported, as when each
    // line's id was checked first.
    refuseRepeatedIds(lines, side, at);
    throw error;
  }
  return inCanonicalOrder(prepared, side);
}

/**
 * Lines a reader made with a LinePreparer (their fields checked as `prepare` checks them), in input
 * order, as `prepare` gives them: in canonical order, a repeated id refused. A reader that decodes
 * its rows straight into Prepared lines makes no MatchLine of its own for `prepare` to copy.
 */
export function prepareDecoded(prepared: Prepared[]): Prepared[] {
  return prepared.length === 0 ? prepared : inCanonicalOrder(prepared, prepared[0].side);
}

function inCanonicalOrder(prepared: Prepared[], side: Side): Prepared[] {
  const numbers = trailingNumbers(prepared);
  if (mayRepeatIds(numbers)) refuseRepeatedIds(prepared, side, prepared.length - 1);
  // Canonical order, whatever the input order: the result must not depend on it.
  return canonicalOrder(prepared, numbers);
}

/**
 * Makes one side's Prepared lines, its documents and items numbered in `keys`: the one place a
 * line's fields become what the rules see, for `prepare` and for a reader that decodes rows
 * straight into Prepared lines (then `prepareDecoded`).
 */
export class LinePreparer {
  constructor(
    readonly side: Side,
    readonly keys: KeyNumbers,
  ) {}

  /**
   * A line of fields checked already: text fields trimmed (empty when absent), `day` the date's day
   * number, `units` the amount's and `amountKey` its canonical text.
   */
  line(
    id: string,
    date: string,
    day: number,
    docNo: string,
    reference: string,
    description: string,
    kind: string,
    amountKey: string,
    units: bigint,
    currency: string,
  ): Prepared {
    const keys = this.keys;
    const docNorm = normalizeReference(docNo);
    // Our ledger often writes the document number as the reference too: the same text, normalised
    // once (its list marks are the reference's).
    const refNorm = reference === docNo ? docNorm : normalizeReference(reference);
    const referenceMarks = lastReferenceMarks();
    const norm = docNorm || refNorm;
    const { norms, keys: docKeys } = keys.documentsOf(currency, docNorm, refNorm);
    // Only a description with digits can name a document: most lines skip the scan.
    const textRefs = textReferences(description, reference, referenceMarks);
    const textRefKeys = textRefs.length === 0 ? NO_KEYS : textRefs.map((n) => keys.document(currency, n));
    return {
      id,
      side: this.side,
      day,
      date,
      raw: docNo || reference,
      rawField: docNo ? ('document number' as const) : reference ? ('reference' as const) : ('' as const),
      // A reference that normalises to nothing (e.g. "付款") still counts via the other field.
      norm,
      docNorm,
      refNorm,
      docNo,
      reference,
      description,
      textRefs,
      norms,
      units,
      amountKey,
      docKeys,
      itemKey: norm ? keys.item(docKeys[0], amountKey) : 0,
      textRefKeys,
      currency,
      kind,
      placed: false,
    };
  }
}

/**
 * The field without surrounding white space: most cells have none (a printable ASCII character at
 * each end), and are kept as they are rather than copied by `trim`.
 */
function trimmed(text: string | undefined): string {
  if (text === undefined || text === '') return '';
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f ? text : text.trim();
}

const NONE: string[] = [];
const NO_KEYS: number[] = [];

/**
 * Day numbers of the valid dates seen (at most 4,096, then forgotten): a month has a few dozen dates
 * among thousands of lines, and its customers share them, so each is checked and counted once per
 * run rather than once per customer (the date pattern was ~2 % of a matching thread).
 */
const DAYS = new Map<string, number>();

// A reference field that lists documents ("INV-501, INV-502", "发票 501、502"): a list separator
// between digits, or numbers of one length joined by "/" ("INV 101/102"). One document's number
// ("PAY/2020/0031") is not a list.
const LIST = /\d[^,，、;；&]*[,，、;；&]\s*\D{0,12}\d/;

/**
 * Documents a line names besides its own references: those in its description, and those a
 * reference field lists. Only text with digits can name one: most lines skip the scan.
 */
function textReferences(description: string, reference: string, marks: number): string[] {
  const fromDescription = hasDigit(description) ? referencesInText(description) : NONE;
  const lists =
    ((marks & LIST_SEPARATOR) !== 0 && LIST.test(reference)) ||
    ((marks & SLASH) !== 0 && hasSlashList(reference));
  if (!lists) return fromDescription;
  return [...new Set([...fromDescription, ...referencesInText(reference)])];
}

/** /\d/.test(text), without a call into the pattern for each line's (short or empty) description. */
function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

/** Throws for the first line (of `lines[0..last]`, in input order) whose id an earlier line has. */
function refuseRepeatedIds(lines: ReadonlyArray<{ id: string }>, side: Side, last: number): void {
  const seen = new Set<string>();
  for (let n = 0; n <= last && n < lines.length; n += 1) {
    if (seen.has(lines[n].id)) throw new LineInputError(side, lines[n].id, 'id', 'appears twice');
    seen.add(lines[n].id);
  }
}
