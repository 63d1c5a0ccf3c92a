import { normalizeReference } from './normalize-reference';
import { hasSlashList, referencesInText } from './text-references';
import type { MatchLine } from './types';
import { AmountError, dayNumber, fromUnits, isCanonicalAmount, toUnits } from './units';
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
  /** `currency|norm` for each of `norms`: the line's documents as index keys, built once. */
  docKeys: string[];
  /** `currency|norm|amount` when the line has a normalised reference, else '': its item's key. */
  itemKey: string;
  /** `currency|norm|amount` for each of `norms` (the first is `itemKey`). */
  itemKeys: string[];
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
 * `references` remembers normalised references across calls: the engine passes one map for both
 * sides of a customer, where the same text often stands on both (an exact match).
 */
export function prepare(
  lines: MatchLine[],
  side: Side,
  references: Map<string, string> = new Map(),
): Prepared[] {
  const normalized = (text: string) => {
    if (text === '') return '';
    let norm = references.get(text);
    if (norm === undefined) references.set(text, (norm = normalizeReference(text)));
    return norm;
  };
  const seen = new Set<string>();
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
  const prepared = lines.map((line) => {
    if (seen.has(line.id)) throw new LineInputError(side, line.id, 'id', 'appears twice');
    seen.add(line.id);
    const day = dayOf(line);
    let units: bigint;
    try {
      units = toUnits(line.amount);
    } catch (error) {
      if (error instanceof AmountError) throw new LineInputError(side, line.id, 'amount', error.message);
      throw error;
    }
    const docNo = (line.docNo ?? '').trim();
    const reference = (line.reference ?? '').trim();
    const docNorm = normalized(docNo);
    // Our ledger often writes the document number as the reference too: the same text, one lookup.
    const refNorm = reference === docNo ? docNorm : normalized(reference);
    const description = line.description ?? '';
    const norm = docNorm || refNorm;
    const norms = docNorm && refNorm && docNorm !== refNorm ? [docNorm, refNorm] : norm ? [norm] : NONE;
    const amountKey = isCanonicalAmount(line.amount) ? line.amount : fromUnits(units);
    const currency = line.currency;
    const docKeys = norms.length === 0 ? NONE : norms.map((n) => `${currency}|${n}`);
    const itemKeys = norms.length === 0 ? NONE : docKeys.map((k) => `${k}|${amountKey}`);
    return {
      id: line.id,
      side,
      day,
      date: line.date,
      raw: docNo || reference,
      rawField: docNo ? ('document number' as const) : reference ? ('reference' as const) : ('' as const),
      // A reference that normalises to nothing (e.g. "付款") still counts via the other field.
      norm,
      docNorm,
      refNorm,
      docNo,
      reference,
      description,
      // Only a description with digits can name a document: most lines skip the scan.
      textRefs: textReferences(description, reference),
      norms,
      units,
      amountKey,
      docKeys,
      itemKey: norm ? itemKeys[0] : '',
      itemKeys,
      currency,
      kind: line.kind,
      placed: false,
    };
  });
  // Canonical order, whatever the input order: the result must not depend on it.
  const numbers = trailingNumbers(prepared);
  if (numbers) {
    // Ids of one prefix and a number ("C7-O15"): their natural order is the numbers' order.
    const numbered = prepared.map((line, n) => ({ line, number: numbers[n] }));
    numbered.sort(
      (a, b) =>
        a.line.day - b.line.day ||
        a.number - b.number ||
        (a.line.id < b.line.id ? -1 : a.line.id > b.line.id ? 1 : 0),
    );
    return numbered.map((k) => k.line);
  }
  // The natural order key is computed once per line, not in every comparison.
  // Digit runs padded to the longest run among these ids sort exactly as padded to 24 (shorter keys
  // compare faster); a run longer than 24 keeps the usual width.
  const longest = longestDigitRun(prepared);
  const width = longest > 24 ? 24 : longest;
  const keyed = prepared.map((line) => ({ line, key: naturalKey(line.id, width) }));
  keyed.sort(
    (a, b) =>
      a.line.day - b.line.day ||
      compareKeys(a.key, b.key) ||
      (a.line.id < b.line.id ? -1 : a.line.id > b.line.id ? 1 : 0),
  );
  return keyed.map((k) => k.line);
}

const NONE: string[] = [];

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

/** One of LIST's separators in the text: most references have none, and skip the pattern. */
function hasListSeparator(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    // , ; & and their full-width forms ， ； and 、
    if (c === 0x2c || c === 0x3b || c === 0x26 || c === 0xff0c || c === 0xff1b || c === 0x3001) return true;
  }
  return false;
}

/**
 * Documents a line names besides its own references: those in its description, and those a
 * reference field lists. Only text with digits can name one: most lines skip the scan.
 */
function textReferences(description: string, reference: string): string[] {
  const fromDescription = /\d/.test(description) ? referencesInText(description) : NONE;
  if (!(hasListSeparator(reference) && LIST.test(reference)) && !hasSlashList(reference))
    return fromDescription;
  return [...new Set([...fromDescription, ...referencesInText(reference)])];
}

/** "L9" before "L10": digit runs compare as numbers, so identical lines keep the order people gave them. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i += 1) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    if (numeric && x.replace(/^0+/, '').length !== y.replace(/^0+/, '').length) {
      return x.replace(/^0+/, '').length - y.replace(/^0+/, '').length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** A string that sorts like naturalCompare: digit runs without leading zeros, padded to a fixed width. */
export function naturalKey(id: string, width = 24): string {
  let key = '';
  let i = 0;
  while (i < id.length) {
    const code = id.charCodeAt(i);
    if (code < 48 || code > 57) {
      let j = i + 1;
      while (j < id.length && (id.charCodeAt(j) < 48 || id.charCodeAt(j) > 57)) j += 1;
      key += id.slice(i, j);
      i = j;
      continue;
    }
    let j = i;
    while (j < id.length && id.charCodeAt(j) >= 48 && id.charCodeAt(j) <= 57) j += 1;
    let first = i;
    while (first < j - 1 && id.charCodeAt(first) === 48) first += 1; // a run of zeros keeps one
    key += id.slice(first, j).padStart(width, '0');
    i = j;
  }
  return key;
}

/**
 * When every id is one prefix (the same text, not ending in a digit) and a run of 1 to 15 digits
 * ("C000007-O15"), each id's number: naturalKey then differs between ids only in that run, padded,
 * so the ids sort by natural key as their numbers sort (exact: below 2^53). Else undefined.
 */
export function trailingNumbers(lines: ReadonlyArray<{ id: string }>): Float64Array | undefined {
  const numbers = new Float64Array(lines.length);
  let prefix: string | undefined;
  for (let n = 0; n < lines.length; n += 1) {
    const id = lines[n].id;
    let start = id.length;
    while (start > 0 && id.charCodeAt(start - 1) >= 48 && id.charCodeAt(start - 1) <= 57) start -= 1;
    if (start === id.length || id.length - start > 15) return undefined;
    if (prefix === undefined) prefix = id.slice(0, start);
    else if (start !== prefix.length || !id.startsWith(prefix)) return undefined;
    let value = 0;
    for (let i = start; i < id.length; i += 1) value = value * 10 + (id.charCodeAt(i) - 48);
    numbers[n] = value;
  }
  return numbers;
}

/** The longest run of digits in the lines' ids, leading zeros left out (a run of zeros counts one). */
function longestDigitRun(lines: Prepared[]): number {
  let longest = 0;
  for (const { id } of lines) {
    let i = 0;
    while (i < id.length) {
      if (id.charCodeAt(i) < 48 || id.charCodeAt(i) > 57) {
        i += 1;
        continue;
      }
      let j = i;
      while (j < id.length && id.charCodeAt(j) >= 48 && id.charCodeAt(j) <= 57) j += 1;
      let first = i;
      while (first < j - 1 && id.charCodeAt(first) === 48) first += 1;
      if (j - first > longest) longest = j - first;
      i = j;
    }
  }
  return longest;
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
