import type { Prepared } from '../prepare';
import { sum, type MatchState } from '../state';
import { referencesInText } from '../text-references';
import { money } from '../units';

/**
 * Rule TEXT_REFERENCE: a line whose reference finds nothing, but whose description names documents
 * of the other side; or lines of the other side whose descriptions name this line's document. The
 * lines named add up to it within tolerance: one group (1:1, 1:N or N:1). Groups that add up
 * exactly are made first: our receipt of 990 and the write-off of 10 booked beside it, both naming
 * the invoices, against the customer's 1,000 is one group, never the receipt within tolerance and
 * the write-off left over as a difference that only cancels the tolerance line.
 */
export function textReference(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  const names = documentsNamed(ours, theirs);
  for (const exactOnly of [true, false]) {
    byText(state, ours, theirs, 'ours', exactOnly, names);
    byText(state, theirs, ours, 'theirs', exactOnly, names);
  }
}

/** The documents a line names besides its own: `textRefs`, or those its wordy reference holds. */
type Names = (line: Prepared) => string[];

// A reference of words around a number ("TRF/INV-7001/ACME", "ACME INV-7001 OCT", a bank's transfer
// reference holding our invoice number): a word of 3+ letters after the number, or two words before it.
const WORDY_REFERENCE = /\d[\s/_.:-]*[a-z]{3,}|[a-z]{2,}[\s/_]+[a-z]{2,}[\s#:.-]*\d/i;

/**
 * The documents named inside the references of open lines that name none in their descriptions,
 * as peers' "reference contains" rules read them; each line's own numbers left out. Only lines still
 * open by now are looked at, and only references of words and a number are scanned.
 */
function documentsNamed(ours: Prepared[], theirs: Prepared[]): Names {
  let found: Map<Prepared, string[]> | undefined;
  for (const lines of [ours, theirs])
    for (const line of lines) {
      if (line.placed || line.textRefs.length > 0 || line.reference === '') continue;
      if (!WORDY_REFERENCE.test(line.reference)) continue;
      const refs = referencesInText(line.reference).filter((ref) => !line.norms.includes(ref));
      if (refs.length > 0) (found ??= new Map()).set(line, refs);
    }
  if (!found) return (line) => line.textRefs;
  const named = found;
  return (line) => named.get(line) ?? line.textRefs;
}

function byText(
  state: MatchState,
  ones: Prepared[],
  others: Prepared[],
  oneSide: 'ours' | 'theirs',
  exactOnly: boolean,
  names: Names,
) {
  // Most lines name no document in their descriptions: the other side's documents are indexed only
  // when one of this side's open lines does.
  const naming = ones.some((l) => !l.placed && names(l).length > 0);
  const byNorm = new Map<string, Prepared[]>();
  for (const line of others) {
    if (line.placed || !naming) continue;
    for (const norm of line.norms) {
      const list = byNorm.get(norm);
      if (list) list.push(line);
      else byNorm.set(norm, [line]);
    }
  }
  // Lines of the other side that name a document in their descriptions, by that document.
  const namedBy = new Map<string, Prepared[]>();
  for (const line of others) {
    if (line.placed || names(line).length === 0) continue;
    for (const ref of names(line)) {
      const list = namedBy.get(ref);
      if (list) list.push(line);
      else namedBy.set(ref, [line]);
    }
  }
  if (!naming && namedBy.size === 0) return;
  for (const one of ones) {
    if (one.placed) continue;
    // Names nothing and is named by nothing: no candidates (the sets below would stay empty).
    const oneNames = names(one);
    if (oneNames.length === 0 && !one.norms.some((norm) => namedBy.has(norm))) continue;
    // What this line's description names, on the other side.
    const named = new Set<Prepared>();
    for (const ref of oneNames) for (const line of byNorm.get(ref) ?? []) named.add(line);
    // The other side's lines whose descriptions name this line's document.
    const naming = new Set<Prepared>();
    for (const norm of one.norms) for (const line of namedBy.get(norm) ?? []) naming.add(line);
    for (const [candidates, how] of [
      [named, 'named in its description'],
      [naming, 'whose descriptions name it'],
    ] as const) {
      let many = [...candidates].filter(
        (l) => !l.placed && l.currency === one.currency && l.units > 0n === one.units > 0n,
      );
      if (many.length === 0) continue;
      const together = (lines: Prepared[]): [Prepared[], Prepared[]] =>
        oneSide === 'ours' ? [[one], lines] : [lines, [one]];
      // Lines naming one document that do not add up to this line: partial payments of it, each on
      // both sides (our receipts referencing the invoice, theirs naming it in the description): the
      // one with this line's amount, nearest in date, as when both descriptions name it.
      const of = many.length;
      if (many.length > state.settings.maxGroupSize || !state.withinTolerance(...together(many))) {
        const equal = nearestEqual(one, many);
        if (!equal || of === 1) continue;
        many = [equal];
      }
      const [o, t] = together(many);
      const residual = state.residual(o, t);
      if (exactOnly && residual !== 0n) continue;
      const byDescription = how === 'named in its description';
      const naming = namingText(byDescription ? one : many[0]);
      const [ownSide, otherSide] = oneSide === 'ours' ? ['our', 'their'] : ['their', 'our'];
      const field = byDescription
        ? `${ownSide} ${naming.field}`
        : `${otherSide} ${naming.field}${many.length > 1 ? 's' : ''}`;
      // The fields the named documents were found in: a receipt found by the invoice its reference
      // names is cited by that reference, not by its own number.
      const named = byDescription
        ? `${otherSide} ${foundIn(many, oneNames)}`
        : `${ownSide} ${foundIn([one], many.flatMap(names))}`;
      const evidence =
        `${field} "${naming.text}"`.slice(0, 160) +
        `${!byDescription && many.length > 1 ? ` (${many.length} lines)` : ''} ~ ${named}, ` +
        (residual === 0n
          ? `amounts add up to ${money(sum(many), one.currency)}`
          : `amounts ${money(sum(o), one.currency)} and ${money(sum(t), one.currency)} differ by ${money(residual, one.currency)}, within tolerance`) +
        (many.length < of
          ? ` (${of} lines carry the document: the one of this amount, nearest in date)`
          : '');
      if (state.propose('TEXT_REFERENCE', o, t, residual === 0n ? 0.93 : 0.88, evidence)) break;
    }
    if (!one.placed && oneNames.length > 0) sameNamedDocument(state, one, namedBy, oneSide, exactOnly, names);
  }
}

/**
 * Both descriptions name the same document ("收款 INV 9001" and "货款 发票号 9001": each side's
 * receipt for one invoice). The lines of the other side naming it add up to this line within
 * tolerance: one group; else the one of them with this line's amount, nearest in date (partial
 * payments of one invoice, each on both sides). With `exactOnly`, only a group without residual.
 */
function sameNamedDocument(
  state: MatchState,
  one: Prepared,
  namedBy: Map<string, Prepared[]>,
  oneSide: 'ours' | 'theirs',
  exactOnly: boolean,
  names: Names,
): void {
  const shared = new Map<Prepared, string>();
  for (const ref of names(one))
    for (const line of namedBy.get(ref) ?? [])
      if (!line.placed && line.currency === one.currency && line.units > 0n === one.units > 0n)
        if (!shared.has(line)) shared.set(line, ref);
  if (shared.size === 0) return;
  let many = [...shared.keys()];
  const together = (lines: Prepared[]): [Prepared[], Prepared[]] =>
    oneSide === 'ours' ? [[one], lines] : [lines, [one]];
  if (many.length > state.settings.maxGroupSize || !state.withinTolerance(...together(many))) {
    const equal = nearestEqual(one, many);
    if (!equal) return;
    many = [equal];
  }
  const [o, t] = together(many);
  const residual = state.residual(o, t);
  if (exactOnly && residual !== 0n) return;
  const [ourLine, theirLine] = oneSide === 'ours' ? [one, many[0]] : [many[0], one];
  const [mine, theirs] = [namingText(ourLine), namingText(theirLine)];
  // Every document both descriptions name, not only the first: the evidence cites what was compared.
  const bothName = names(one).filter((ref, i, all) => all.indexOf(ref) === i && names(many[0]).includes(ref));
  if (bothName.length === 0) bothName.push(shared.get(many[0])!);
  const evidence =
    `our ${mine.field}${o.length > 1 ? 's' : ''} "${mine.text.slice(0, 80)}" and their ${theirs.field}${t.length > 1 ? 's' : ''} "${theirs.text.slice(0, 80)}" name the same ${bothName.length > 1 ? 'documents' : 'document'} (${bothName.join(', ')}), ` +
    (residual === 0n
      ? `amounts add up to ${money(sum(o), one.currency)}`
      : `amounts ${money(sum(o), one.currency)} and ${money(sum(t), one.currency)} differ by ${money(residual, one.currency)}, within tolerance`);
  state.propose('TEXT_REFERENCE', o, t, residual === 0n ? 0.93 : 0.88, evidence);
}

/** Of `lines`, the one of `one`'s amount nearest to it in date (the first of those, in their order). */
function nearestEqual(one: Prepared, lines: Prepared[]): Prepared | undefined {
  let best: Prepared | undefined;
  for (const l of lines)
    if (l.units === one.units && (!best || Math.abs(l.day - one.day) < Math.abs(best.day - one.day)))
      best = l;
  return best;
}

/** The text that named documents: the description, else the reference field's list. */
function namingText(line: Prepared): { field: 'description' | 'reference'; text: string } {
  return referencesInText(line.description).length > 0 || line.reference === ''
    ? { field: 'description', text: line.description }
    : { field: 'reference', text: line.reference };
}

/** "reference INV-301" / "references INV-301, INV-302": each line's field holding one of `refs`. */
function foundIn(lines: Prepared[], refs: string[]): string {
  const wanted = new Set(refs);
  const fields = lines.map((l) =>
    l.docNorm && wanted.has(l.docNorm)
      ? { field: 'document number', text: l.docNo }
      : l.refNorm && wanted.has(l.refNorm)
        ? { field: 'reference', text: l.reference }
        : { field: l.rawField || 'document', text: l.raw || l.id },
  );
  const field = fields.every((f) => f.field === fields[0].field) ? fields[0].field : 'document';
  const plural = lines.length > 1 ? (field === 'reference' ? 'references' : `${field}s`) : field;
  return `${plural} ${fields.map((f) => f.text).join(', ')}`;
}
