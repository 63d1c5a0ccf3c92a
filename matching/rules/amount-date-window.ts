import type { Prepared } from '../prepare';
import { describeDays, type MatchState } from '../state';
import { money } from '../units';
import { conflictingNumbers } from './conflicts';
import { indexBy } from './reference';
import { twins } from './twins';

/** At most this many candidates of one line are put before a clerk, nearest in date first. */
const MAX_CANDIDATES = 5;

/**
 * Rule 4: the same amount within the date window, applied only when the pairing is unique both
 * ways; otherwise every candidate (nearest first, at most 5) is suggested for a clerk, since amounts
 * alone cannot say which one it is. Then a pair within the window whose amounts differ within
 * tolerance, one of them without any document number (a payment less a bank fee, no reference
 * given), is suggested, never applied: nothing but the amount ties them.
 */
export function amountDateWindow(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  const window = state.settings.dateWindowDays;
  // By amount, the currency compared among the few lines of one (`near`): the same lines in the
  // same order as a key of both, without building one string per line.
  const key = (l: Prepared) => l.amountKey;
  const theirIndex = indexBy(theirs, key);
  const ourIndex = indexBy(ours, key);
  // A line whose own document is open on the other side belongs with that document (an
  // AMOUNT_MISMATCH or a fuzzy match), and a repeat of a matched line is a DUPLICATE: neither is
  // paired with another line by its amount alone.
  const reserved = state.reservedForReferences();
  const near = (list: Prepared[] | undefined, line: Prepared) =>
    (list ?? []).filter(
      (c) =>
        !c.placed && c.currency === line.currency && Math.abs(c.day - line.day) <= window && !reserved(c),
    );
  const byDistance = (line: Prepared) => (a: Prepared, b: Prepared) =>
    Math.abs(a.day - line.day) - Math.abs(b.day - line.day) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  // Nearest first. Most lists are empty: they are not handed to the sort (an empty array is of
  // another kind than one of lines, and the sort's optimised code was thrown away on meeting it).
  const nearest = (list: Prepared[] | undefined, line: Prepared) => {
    const found = near(list, line);
    return found.length > 1 ? found.sort(byDistance(line)) : found;
  };
  for (const line of ours) {
    if (line.placed || reserved(line)) continue;
    const candidates = nearest(theirIndex.get(key(line)), line);
    if (candidates.length === 0) continue;
    // Lines no field tells apart (a statement line entered twice) are one candidate: which of them
    // pairs does not matter, and the one left over repeats a matched line (a DUPLICATE).
    // Our lines of the amount near the first candidate: when it is the only one, they make it ambiguous.
    let rivals: Prepared[] = [];
    const unique =
      twins(candidates) && twins((rivals = near(ourIndex.get(key(candidates[0])), candidates[0])));
    for (const other of unique ? candidates.slice(0, 1) : candidates.slice(0, MAX_CANDIDATES)) {
      const days = Math.abs(other.day - line.day);
      // Each side names a document and they are not the same one (INV-5 against INV-6): the
      // references speak against the pair, so the amount alone is for a clerk to weigh.
      const conflict = conflictingNumbers(line, other);
      const base = unique ? (conflict ? 0.55 : 0.9) : conflict ? 0.45 : 0.5;
      const confidence = base - 0.01 * days;
      const evidence =
        `amount ${money(line.units, line.currency)} on both sides, ${describeDays(line, other)}` +
        (unique
          ? ''
          : candidates.length > 1
            ? `, ${candidates.length} candidates`
            : `, ${rivals.length} lines of ours of this amount`) +
        (conflict
          ? `, but the documents differ: our ${line.rawField} ${line.raw}, their ${other.rawField} ${other.raw}`
          : '');
      state.proposePair('AMOUNT_DATE_WINDOW', line, other, confidence, evidence);
    }
  }
  suggestNearAmounts(state, ours, theirs, nearest);
}

function suggestNearAmounts(
  state: MatchState,
  ours: Prepared[],
  theirs: Prepared[],
  near: (list: Prepared[], line: Prepared) => Prepared[],
): void {
  const open = (lines: Prepared[]) => lines.filter((l) => !l.placed && l.units !== 0n);
  const theirOpen = open(theirs);
  if (theirOpen.length === 0) return;
  for (const line of open(ours)) {
    const candidates = near(theirOpen, line).filter(
      (c) =>
        c.currency === line.currency &&
        c.units !== line.units &&
        c.units > 0n === line.units > 0n &&
        (line.norms.length === 0 || c.norms.length === 0) &&
        state.withinTolerance([line], [c]),
    );
    for (const other of candidates.slice(0, MAX_CANDIDATES)) {
      const days = Math.abs(other.day - line.day);
      const confidence = (candidates.length === 1 ? 0.6 : 0.45) - 0.01 * days;
      state.proposePair(
        'AMOUNT_DATE_WINDOW',
        line,
        other,
        confidence,
        `amounts ${money(line.units, line.currency)} and ${money(other.units, other.currency)} differ by ` +
          `${money(state.residual([line], [other]), line.currency)}, within tolerance, ${describeDays(line, other)}, ` +
          'no document number in common: amounts alone, for a clerk to confirm',
      );
    }
  }
}
