import type { Prepared } from '../prepare';
import type { MatchState } from '../state';

/**
 * What reverses what: a credit note or adjustment of negative amount a document of positive amount
 * (an invoice); a receipt or adjustment of positive amount a payment received (a cheque returned
 * unpaid, a payment cancelled: Odoo's reverted payment).
 */
const REVERSALS = [
  { documentPositive: true, kinds: new Set(['CREDIT_NOTE', 'ADJUSTMENT']) },
  { documentPositive: false, kinds: new Set(['RECEIPT', 'ADJUSTMENT']) },
] as const;

/**
 * A reversal and re-bill on one side only: a document, a credit note or adjustment of exactly its
 * opposite amount naming it (by reference or in its description), and neither seen open on the
 * other side (the customer only ever received the corrected document). The pair nets to zero on
 * its side: one group of the two lines with nothing against it, never two MISSING lines.
 * Runs after the reference rules matched the corrected document, so only what is left is netted.
 */
export function netReversals(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  for (const reversing of REVERSALS) {
    netSide(state, ours, theirs, reversing);
    netSide(state, theirs, ours, reversing);
  }
}

/** Every document (`docKeys`, `textRefKeys`) an open line carries or names. */
function openDocuments(lines: Prepared[]): Set<number> {
  const docs = new Set<number>();
  for (const line of lines) {
    if (line.placed) continue;
    for (const key of line.docKeys) docs.add(key);
    for (const key of line.textRefKeys) docs.add(key);
  }
  return docs;
}

function netSide(
  state: MatchState,
  side: Prepared[],
  other: Prepared[],
  { documentPositive, kinds }: (typeof REVERSALS)[number],
): void {
  const positive = (line: Prepared) => line.units > 0n;
  // Reversals: open lines of a reversing kind and the other sign than the document, by the document
  // they name (not their own).
  const reversals = new Map<number, Prepared[]>();
  for (const line of side) {
    if (line.placed || line.units === 0n || positive(line) === documentPositive || !kinds.has(line.kind))
      continue;
    // The documents named, each once (a document's number stands for its currency and norm).
    const named = new Set<number>();
    for (let n = 0; n < line.norms.length; n += 1)
      if (line.norms[n] !== line.docNorm) named.add(line.docKeys[n]);
    for (let n = 0; n < line.textRefs.length; n += 1)
      if (line.textRefs[n] !== line.docNorm) named.add(line.textRefKeys[n]);
    for (const key of named) {
      const list = reversals.get(key);
      if (list) list.push(line);
      else reversals.set(key, [line]);
    }
  }
  if (reversals.size === 0) return;
  // Open documents by their own number (a line with a document number has it first in `norms`).
  const documents = new Map<number, Prepared[]>();
  for (const line of side) {
    if (line.placed || line.units === 0n || positive(line) !== documentPositive) continue;
    if (!line.docNorm || !reversals.has(line.docKeys[0])) continue;
    const key = line.docKeys[0];
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
    const how = reversal.docKeys.includes(key)
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
