import type { Prepared } from '../prepare';
import {
  creditedDocuments,
  describeDays,
  describeReferences,
  describeSameDocument,
  writtenAlike,
  type MatchState,
} from '../state';
import { money } from '../units';
import { netReversals } from './reversal';
import { twins } from './twins';

/**
 * Index of the customer's unplaced lines by a key, each list in canonical (date, id) order. A key
 * of undefined, '' or 0 (no document: `KeyNumbers` never gives 0) leaves the line out.
 */
function indexBy<K extends string | number>(
  lines: Prepared[],
  key: (line: Prepared) => K | undefined,
): Map<K, Prepared[]> {
  const index = new Map<K, Prepared[]>();
  for (const line of lines) {
    if (line.placed) continue; // most are, in the later rules: no key built for them
    const k = key(line);
    if (!k) continue;
    const list = index.get(k);
    if (list) list.push(line);
    else index.set(k, [line]);
  }
  return index;
}

/** The unplaced candidate of the line's currency and amount nearest in date (the first of equals). */
function nearestOfAmount(candidates: Prepared[] | undefined, line: Prepared): Prepared | undefined {
  let best: Prepared | undefined;
  for (const candidate of candidates ?? []) {
    if (candidate.placed || candidate.amountKey !== line.amountKey || candidate.currency !== line.currency)
      continue;
    if (!best || Math.abs(candidate.day - line.day) < Math.abs(best.day - line.day)) best = candidate;
  }
  return best;
}

/** Rule 1: the same reference, as written, and the same amount. */
export function exactReference(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  // By item (document and amount, a small integer): lines with the same text as written, currency
  // and amount have the same item whenever the text is the one normalised into `norm` (see
  // `rawIsNorm`), so the item's few lines, compared by text, are the same candidates in the same
  // order as an index by the text, without hashing one string per line. A line whose `norm` comes
  // from another field (its document number normalises to nothing) is looked up by its text.
  const items = itemChains(theirs);
  let byRaw: Map<string, Prepared[]> | undefined;
  for (const line of ours) {
    if (line.placed || !line.raw) continue;
    const match = rawIsNorm(line)
      ? nearestOfItem(items, theirs, line)
      : nearestOfAmount((byRaw ??= indexBy(theirs, (l) => l.raw || undefined)).get(line.raw), line);
    if (match)
      state.proposePair(
        'EXACT_REFERENCE',
        line,
        match,
        1,
        `${describeReferences(line, match, '=')}, amounts equal, ${describeDays(line, match)}`,
      );
  }
}

/**
 * The line's `norm` is its text as written (`raw`: the document number, else the reference),
 * normalised: two such lines with the same text have the same `norm`, hence, of one currency and
 * amount, the same `itemKey`. Not so when the document number normalises to nothing ("付款") and
 * `norm` is the reference's.
 */
function rawIsNorm(line: Prepared): boolean {
  return line.docNo !== '' ? line.docNorm !== '' : line.refNorm !== '';
}

/**
 * The open lines of each item, in line order, as chains of positions: `first[item]` is the first
 * line's position + 1 (0: none), `next[position]` the next one's + 1. Two integer arrays per
 * customer instead of a map and a list per item.
 */
interface ItemChains {
  first: Int32Array;
  next: Int32Array;
}

function itemChains(lines: Prepared[]): ItemChains {
  let last = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line.placed && line.itemKey > last) last = line.itemKey;
  }
  const first = new Int32Array(last + 1);
  const next = new Int32Array(lines.length);
  // Backwards, each put first: the chains come out in line order.
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i];
    if (line.placed || line.itemKey === 0) continue;
    next[i] = first[line.itemKey];
    first[line.itemKey] = i + 1;
  }
  return { first, next };
}

/**
 * Of the open lines of `line`'s item with its text as written, the one nearest in date (the first
 * of equals): `nearestOfAmount` over those of its text.
 */
function nearestOfItem(items: ItemChains, lines: Prepared[], line: Prepared): Prepared | undefined {
  const item = line.itemKey;
  if (item >= items.first.length) return undefined;
  let best: Prepared | undefined;
  for (let at = items.first[item]; at !== 0; at = items.next[at - 1]) {
    const candidate = lines[at - 1];
    if (candidate.placed || candidate.raw !== line.raw) continue;
    if (!best || Math.abs(candidate.day - line.day) < Math.abs(best.day - line.day)) best = candidate;
  }
  return best;
}

/** Rule 2: the same document once references are normalised (either reference field), and the same amount. */
export function normalizedReference(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  // By document: a document's few lines are compared by amount (the same candidates, in the same
  // order, as an index by document and amount, without numbering every line's items).
  // Documents are small numbers (`KeyNumbers`): an array indexed by them, not a map grown per customer.
  const index = byDocument(theirs);
  for (const line of ours) {
    if (line.placed || line.docKeys.length === 0) continue;
    // The nearest in date over every key's candidates, the first of equals in key then list order.
    let match: Prepared | undefined;
    for (const k of line.docKeys) {
      const found = nearestUnder(index[k], line, k);
      if (found && (!match || Math.abs(found.day - line.day) < Math.abs(match.day - line.day))) match = found;
    }
    if (match) {
      const norm = firstShared(line.norms, match.norms);
      state.proposePair(
        'NORMALIZED_REFERENCE',
        line,
        match,
        0.98,
        `${describeSameDocument(line, match, norm)}, amounts equal, ${describeDays(line, match)}`,
      );
    }
  }
  // The few lines left open, not every line again.
  sameDocumentWithinTolerance(state, ...state.openLines());
  netReversals(state, ...state.openLines());
}

/**
 * `nearestOfAmount` among the lines under document `k`: a line whose first document is `k`, as
 * the line's, has its amount exactly when it has its item (`itemKey`, the document and amount), an
 * integer compared instead of two texts.
 */
function nearestUnder(candidates: Prepared[] | undefined, line: Prepared, k: number): Prepared | undefined {
  if (candidates === undefined) return undefined;
  const item = k === line.docKeys[0] ? line.itemKey : 0;
  let best: Prepared | undefined;
  for (const candidate of candidates) {
    if (candidate.placed) continue;
    const sameAmount =
      item !== 0 && candidate.docKeys[0] === k
        ? candidate.itemKey === item
        : candidate.amountKey === line.amountKey && candidate.currency === line.currency;
    if (!sameAmount) continue;
    if (!best || Math.abs(candidate.day - line.day) < Math.abs(best.day - line.day)) best = candidate;
  }
  return best;
}

/** The unplaced lines under each of their documents, indexed by document number, in line order. */
function byDocument(lines: Prepared[]): Array<Prepared[] | undefined> {
  let last = 0;
  for (const line of lines) if (!line.placed) for (const k of line.docKeys) if (k > last) last = k;
  const index = new Array<Prepared[] | undefined>(last + 1);
  for (const line of lines) {
    if (line.placed) continue;
    for (const k of line.docKeys) {
      const list = index[k];
      if (list) list.push(line);
      else index[k] = [line];
    }
  }
  return index;
}

/** The first of `a` that `b` holds too. */
function firstShared(a: string[], b: string[]): string | undefined {
  for (const n of a) if (b.includes(n)) return n;
  return undefined;
}

/**
 * The same document once normalised ("INV-9002" and "INV 9002") with amounts apart within
 * tolerance (a bank fee, a rounding): a reference match with its residual, not a fuzzy one of
 * "0 edits". Only when the document is one open line of that sign on each side (or one line
 * entered twice, no field telling the two apart: the repeat is a DUPLICATE): several lines under
 * one document are a split (ONE_TO_MANY, MANY_TO_MANY), not a fee, and a document a credit note
 * names is netted with it (ONE_TO_MANY).
 */
function sameDocumentWithinTolerance(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  // A document an open credit note names is netted with it (ONE_TO_MANY), not matched with a gap.
  const credited = creditedDocuments(ours, theirs);
  // Open lines per document and sign, on each side: the key is the document's number, doubled,
  // plus one when negative.
  const open = (lines: Prepared[]) => {
    const byDoc = new Map<number, Prepared[]>();
    for (const line of lines) {
      if (line.placed) continue;
      for (const k of line.docKeys) {
        const key = k * 2 + (line.units < 0n ? 1 : 0);
        const list = byDoc.get(key);
        if (list) list.push(line);
        else byDoc.set(key, [line]);
      }
    }
    return byDoc;
  };
  const theirDocs = open(theirs);
  const ourDocs = open(ours);
  for (const line of ours) {
    if (line.placed || line.docKeys.length === 0) continue;
    const sign = line.units < 0n ? 1 : 0;
    let match: Prepared | undefined;
    let norm: string | undefined;
    let doc = 0;
    let unique = true;
    for (let n = 0; n < line.docKeys.length; n += 1) {
      const key = line.docKeys[n] * 2 + sign;
      const others = theirDocs.get(key);
      if (!others) continue;
      // A line entered twice (twins) is still one line: the repeat is left a DUPLICATE.
      if (!twins(others) || !twins(ourDocs.get(key)!)) unique = false;
      else if (match && match !== others[0]) unique = false;
      else {
        match = others[0];
        norm = line.norms[n];
        doc = line.docKeys[n];
      }
    }
    if (!unique || !match || match.placed || !state.withinTolerance([line], [match])) continue;
    if (credited.has(doc)) continue;
    const residual = state.residual([line], [match]);
    state.proposePair(
      'NORMALIZED_REFERENCE',
      line,
      match,
      0.94,
      // Written alike, only the amounts differ: "reference INV-20 = INV-20", not "the same once normalised".
      (writtenAlike(line, match, norm)
        ? `${describeReferences(line, match, '=', norm)}, `
        : `${describeReferences(line, match, '~', norm)} (the same once normalised), `) +
        `amounts differ by ${money(residual, line.currency)}, within tolerance, ${describeDays(line, match)}`,
    );
  }
}

export { indexBy };
