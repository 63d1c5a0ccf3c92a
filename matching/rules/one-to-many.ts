import type { Prepared } from '../prepare';
import { reservedForReferences, sum, type MatchState } from '../state';
import { fromUnits } from '../units';
import { allowedResidual, toleranceRange } from '../settings';
import { indexBy } from './reference';
import { exactly, findSubsets } from './subset-sum';

/**
 * Rule 5: one payment for several invoices, or one invoice paid in instalments. First by a shared
 * reference whose lines add up (within tolerance); then by a bounded subset sum over the nearest
 * same-sign lines, applied only when exactly one subset fits.
 */
export function oneToMany(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  byReference(state, ours, theirs, 'ours');
  byReference(state, theirs, ours, 'theirs');
  bySubsetSum(state, ours, theirs, 'ours');
  bySubsetSum(state, theirs, ours, 'theirs');
}

function place(
  state: MatchState,
  one: Prepared,
  many: Prepared[],
  oneSide: 'ours' | 'theirs',
  confidence: number,
  evidence: string,
) {
  const [ours, theirs] = oneSide === 'ours' ? [[one], many] : [many, [one]];
  state.propose('ONE_TO_MANY', ours, theirs, confidence, evidence);
}

function byReference(state: MatchState, ones: Prepared[], others: Prepared[], oneSide: 'ours' | 'theirs') {
  const index = indexBy(others, (l) => (l.norm ? l.docKeys[0] : undefined));
  for (const one of ones) {
    if (one.placed || !one.norm) continue;
    const many = (index.get(one.docKeys[0]) ?? []).filter(
      (l) => !l.placed && l.units > 0n === one.units > 0n,
    );
    if (many.length < 2 || many.length > state.settings.maxGroupSize) continue;
    const [ours, theirs] = oneSide === 'ours' ? [[one], many] : [many, [one]];
    if (!state.withinTolerance(ours, theirs)) continue;
    const residual = state.residual(ours, theirs);
    place(
      state,
      one,
      many,
      oneSide,
      residual === 0n ? 0.95 : 0.9,
      `reference ${one.raw} shared by ${many.length} lines adding up to ${fromUnits(sum(many))}`,
    );
  }
}

function bySubsetSum(state: MatchState, ones: Prepared[], others: Prepared[], oneSide: 'ours' | 'theirs') {
  const { dateWindowDays, subsetPoolSize } = state.settings;
  const reserved = reservedForReferences(
    oneSide === 'ours' ? ones : others,
    oneSide === 'ours' ? others : ones,
  );
  for (const one of ones) {
    if (one.placed || one.units === 0n || reserved(one)) continue;
    // Others are in (day, id) order: a binary search finds the date window, so each target looks
    // at its neighbourhood only, never the whole side.
    const window: Prepared[] = [];
    for (
      let i = firstOnOrAfter(others, one.day - dateWindowDays * 2);
      i < others.length && others[i].day <= one.day + dateWindowDays * 2;
      i += 1
    ) {
      window.push(others[i]);
    }
    const pool = window
      .filter(
        (l) => !l.placed && l.currency === one.currency && l.units > 0n === one.units > 0n && !reserved(l),
      )
      .sort((a, b) => Math.abs(a.day - one.day) - Math.abs(b.day - one.day) || (a.id < b.id ? -1 : 1))
      .slice(0, subsetPoolSize);
    if (pool.length < 2) continue;
    proposeSubset(state, one, pool, oneSide);
  }
}

/**
 * Exact sums first; only when none fits, sums within tolerance (the residual becomes a TOLERANCE
 * line). A fit is applied only when it is proven the only one: two fits, or a search cut off by
 * its budget, leave suggestions for a clerk.
 */
function proposeSubset(state: MatchState, one: Prepared, pool: Prepared[], oneSide: 'ours' | 'theirs') {
  const { maxGroupSize } = state.settings;
  let search = findSubsets(pool, exactly(one.units), maxGroupSize);
  let exact = true;
  if (search.solutions.length === 0) {
    const range = toleranceRange(state.settings, one.currency, one.units);
    if (range.low === range.high) return;
    search = findSubsets(pool, range, maxGroupSize);
    exact = false;
  }
  const { solutions, exhausted } = search;
  if (solutions.length === 0) return;
  const unique = solutions.length === 1 && !exhausted;
  const caveat =
    solutions.length > 1
      ? ' (another combination fits too)'
      : exhausted
        ? ' (the search was cut off before another combination could be ruled out)'
        : '';
  for (const found of solutions.slice(0, 2)) {
    const many = [...found].sort((a, b) => a.day - b.day || (a.id < b.id ? -1 : 1));
    const [ours, theirs] = oneSide === 'ours' ? [[one], many] : [many, [one]];
    const evidence = exact
      ? `${many.length} lines add up exactly to ${fromUnits(one.units)}`
      : `${many.length} lines add up to ${fromUnits(sum(many))} against ${fromUnits(one.units)}: residual ${fromUnits(
          state.residual(ours, theirs),
        )} within the tolerance of ${fromUnits(allowedResidual(state.settings, one.currency, sum(ours), sum(theirs)))}`;
    // A fit not proven unique is a clerk's call: a suggestion, never applied.
    place(state, one, many, oneSide, unique ? (exact ? 0.85 : 0.8) : 0.45, `${evidence}${caveat}`);
  }
}

function firstOnOrAfter(sorted: Prepared[], day: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
