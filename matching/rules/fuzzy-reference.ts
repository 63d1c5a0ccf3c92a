import { editDistance } from '../normalize-reference';
import type { Prepared } from '../prepare';
import { creditedDocuments, describeDays, describeReferences, type MatchState } from '../state';
import { money } from '../units';
import { allowedResidual } from '../settings';

/**
 * Rule 4: references a few edits apart and amounts within tolerance (a bank fee, a typo in the
 * reference). Applied when one candidate fits; several make suggestions.
 */
export function fuzzyReference(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  const { fuzzyMaxEdits, fuzzyMinLength } = state.settings;
  const pool = theirs
    .filter((l) => !l.placed && l.norm.length > 0)
    .sort((a, b) => (a.units < b.units ? -1 : a.units > b.units ? 1 : 0));
  if (pool.length === 0) return;
  // How many open lines of theirs carry each reference: a shared one is a split (rule 5's), not a fee.
  const sharing = new Map<string, number>();
  for (const other of theirs)
    if (!other.placed && other.norm) sharing.set(other.norm, (sharing.get(other.norm) ?? 0) + 1);
  // A line whose own document is open on the other side is compared with that document only: a
  // reference a few edits away is another document (its AMOUNT_MISMATCH is decided later).
  const openDocs = (lines: Prepared[]) => {
    const docs = new Set<number>();
    for (const l of lines) if (!l.placed) for (const k of l.docKeys) docs.add(k);
    return docs;
  };
  const credited = creditedDocuments(ours, theirs);
  const theirDocs = openDocs(theirs);
  const ourDocs = openDocs(ours);
  const ownDocOpen = (l: Prepared, docs: Set<number>) => l.docKeys.some((k) => docs.has(k));
  for (const line of ours) {
    if (line.placed || line.norm.length === 0) continue;
    const mineOpen = ownDocOpen(line, theirDocs);
    const slack = allowedResidual(state.settings, line.currency, line.units, line.units) * 2n;
    const candidates: Array<{ other: Prepared; edits: number; mine: string; theirs: string }> = [];
    for (
      let i = lowerBound(pool, line.units - slack);
      i < pool.length && pool[i].units <= line.units + slack;
      i += 1
    ) {
      const other = pool[i];
      if (other.placed || other.currency !== line.currency) continue;
      let edits = fuzzyMaxEdits + 1;
      let mine = line.norm;
      let theirs = other.norm;
      // The documents of `mine` and `theirs` (the first of each line's norms is its `norm`).
      // Plain assignments, not destructured from an array: this runs for every pair in the window.
      let mineDoc = line.docKeys[0];
      let theirsDoc = other.docKeys[0];
      for (let x = 0; x < line.norms.length; x += 1)
        for (let y = 0; y < other.norms.length; y += 1) {
          const d = editDistance(line.norms[x], other.norms[y], fuzzyMaxEdits);
          if (d < edits) {
            edits = d;
            mine = line.norms[x];
            theirs = other.norms[y];
            mineDoc = line.docKeys[x];
            theirsDoc = other.docKeys[y];
          }
        }
      if (edits > fuzzyMaxEdits || !state.withinTolerance([line], [other])) continue;
      // Edits only between references long enough to carry a typo, and never past the own document.
      if (edits > 0 && (mine.length < fuzzyMinLength || theirs.length < fuzzyMinLength)) continue;
      if (edits > 0 && (mineOpen || ownDocOpen(other, ourDocs))) continue;
      if (state.residual([line], [other]) !== 0n && (sharing.get(other.norm) ?? 0) > 1) continue;
      // A gap on a document a credit note names is that credit note (netted by ONE_TO_MANY), not a fee.
      if (state.residual([line], [other]) !== 0n && (credited.has(mineDoc) || credited.has(theirsDoc)))
        continue;
      candidates.push({ other, edits, mine, theirs });
    }
    if (candidates.length === 0) continue;
    candidates.sort(
      (a, b) => a.edits - b.edits || Math.abs(a.other.day - line.day) - Math.abs(b.other.day - line.day),
    );
    const { other, edits, mine, theirs } = candidates[0];
    const residual = state.residual([line], [other]);
    // Unambiguous when alone, or clearly closer in reference than the runner-up.
    const unique = candidates.length === 1 || candidates[1].edits > edits;
    // Bend one thing only: a few edits with equal amounts (a typo), or the same document with a
    // tolerated gap (a bank fee). Both at once is a clerk's call.
    const bendsBoth = edits > 0 && residual !== 0n;
    const confidence = (unique && !bendsBoth ? 0.92 : 0.55) - 0.04 * edits - (residual === 0n ? 0 : 0.04);
    const evidence =
      `${describeReferences(line, other, '~', mine, theirs)} (${edits === 0 ? 'the same' : `${edits} edit${edits === 1 ? '' : 's'} apart`} once normalised), ` +
      `${residual === 0n ? 'amounts equal' : `amounts differ by ${money(residual, line.currency)}, within tolerance`}, ${describeDays(line, other)}`;
    state.proposePair('FUZZY_REFERENCE', line, other, confidence, evidence);
  }
}

function lowerBound(sorted: Prepared[], units: bigint): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].units < units) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
