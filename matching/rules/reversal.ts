import type { Prepared } from '../prepare';
import type { MatchState } from '../state';

const REVERSING_KINDS = new Set(['CREDIT_NOTE', 'ADJUSTMENT']);

/**
 * A reversal and re-bill on one side only: a document, a credit note or adjustment of exactly its
 * opposite amount naming it (by reference or in its description), and neither seen open on the
 * other side (the customer only ever received the corrected document). The pair nets to zero on
 * its side: one group of the two lines with nothing against it, never two MISSING lines.
 * Runs after the reference rules matched the corrected document, so only what is left is netted.
 */
export function netReversals(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  netSide(state, ours, theirs);
  netSide(state, theirs, ours);
}

/** `currency|norm` of every document an open line carries or names. */
function openDocuments(lines: Prepared[]): Set<string> {
  const docs = new Set<string>();
  for (const line of lines) {
    if (line.placed) continue;
    for (const key of line.docKeys) docs.add(key);
    for (const ref of line.textRefs) docs.add(`${line.currency}|${ref}`);
  }
  return docs;
}

function netSide(state: MatchState, side: Prepared[], other: Prepared[]): void {
  // Reversals: open negative credit notes or adjustments, by the document they name (not their own).
  const reversals = new Map<string, Prepared[]>();
  for (const line of side) {
    if (line.placed || line.units >= 0n || !REVERSING_KINDS.has(line.kind)) continue;
    const named = new Set<string>();
    for (const norm of line.norms) if (norm !== line.docNorm) named.add(norm);
    for (const ref of line.textRefs) if (ref !== line.docNorm) named.add(ref);
    for (const norm of named) {
      const key = `${line.currency}|${norm}`;
      const list = reversals.get(key);
      if (list) list.push(line);
      else reversals.set(key, [line]);
    }
  }
  if (reversals.size === 0) return;
  // Open documents by their own number.
  const documents = new Map<string, Prepared[]>();
  for (const line of side) {
    if (
      line.placed ||
      line.units <= 0n ||
      !line.docNorm ||
      !reversals.has(`${line.currency}|${line.docNorm}`)
    )
      continue;
    const key = `${line.currency}|${line.docNorm}`;
    const list = documents.get(key);
    if (list) list.push(line);
    else documents.set(key, [line]);
  }
  if (documents.size === 0) return;
  const elsewhere = openDocuments(other);
  for (const [key, candidates] of reversals) {
    const originals = (documents.get(key) ?? []).filter((l) => !l.placed);
    const open = candidates.filter((l) => !l.placed);
    // Exactly one document and one reversal: several make it ambiguous which cancels which.
    if (originals.length !== 1 || open.length !== 1) continue;
    const [document, reversal] = [originals[0], open[0]];
    if (document.units + reversal.units !== 0n) continue; // a partial credit is not a reversal
    // Either line seen on the other side: it is theirs to match, not to net away.
    if ([...document.docKeys, ...reversal.docKeys].some((k) => elsewhere.has(k))) continue;
    const pair = [document, reversal].sort((a, b) => side.indexOf(a) - side.indexOf(b));
    const whose = document.side === 'ours' ? 'our' : 'their';
    const how = reversal.norms.some((n) => `${reversal.currency}|${n}` === key)
      ? `its reference ${reversal.reference || reversal.raw}`
      : `its description "${reversal.description}"`;
    const otherName = document.side === 'ours' ? 'their statement' : 'our ledger';
    state.propose(
      'NORMALIZED_REFERENCE',
      document.side === 'ours' ? pair : [],
      document.side === 'ours' ? [] : pair,
      0.95,
      `${whose} ${document.docNo || document.raw} reversed in full by ${reversal.docNo || reversal.raw || reversal.id} ` +
        `(${how} names it): the pair nets to zero, and ${otherName} has neither`,
    );
  }
}
