import type { Prepared } from '../prepare';
import { sum, type MatchState } from '../state';
import { money } from '../units';
import { allowedResidual, toleranceRange } from '../settings';
import { conflictingGroup } from './conflicts';
import { exactly, findSubsets, type SumRange } from './subset-sum';

/**
 * Rule 5: one payment for several invoices, or one invoice paid in instalments. First by a shared
 * reference whose lines add up (within tolerance); then by a bounded subset sum over the nearest
 * same-sign lines, applied only when exactly one subset fits.
 */
export function oneToMany(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  byReference(state, ours, theirs, 'ours');
  byReference(state, theirs, ours, 'theirs');
  nettedByCredits(state, ours, theirs, 'ours');
  nettedByCredits(state, theirs, ours, 'theirs');
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
  // Every reference a line carries: a receipt numbered RC-3 that names INV-400 is found under both.
  const index = indexByEvery(others);
  const own = indexByEvery(ones);
  for (const one of ones) {
    if (one.placed || !one.norm) continue;
    for (const key of one.docKeys) {
      const many = (index.get(key) ?? []).filter((l) => !l.placed && l.units > 0n === one.units > 0n);
      if (many.length < 2 || many.length > state.settings.maxGroupSize) continue;
      // Leaving a repeated part out is for one line against its parts, never when this side has
      // more lines under the reference (those are MANY_TO_MANY's).
      const alone = (own.get(key) ?? []).filter((l) => !l.placed).length === 1;
      const parts = alone
        ? partsAddingUp(state, one, many, oneSide)
        : state.withinTolerance(...together(one, many, oneSide))
          ? many
          : undefined;
      if (!parts) continue;
      const [ours, theirs] = oneSide === 'ours' ? [[one], parts] : [parts, [one]];
      const residual = state.residual(ours, theirs);
      const left = many.length - parts.length;
      const raw = key === one.docKeys[0] ? one.raw : one.reference;
      place(
        state,
        one,
        parts,
        oneSide,
        residual === 0n ? 0.95 : 0.9,
        `reference ${raw} shared by ${parts.length} lines adding up to ${money(sum(parts), one.currency)}` +
          (residual === 0n
            ? ''
            : ` against ${money(one.units, one.currency)}: residual ${money(residual, one.currency)} within tolerance`) +
          (left ? ` (${left} more under it left over: a part entered twice)` : ''),
      );
      break;
    }
  }
}

/**
 * Open lines by each of their documents (`currency|norm`). Every use filters out placed lines, and a
 * placed line never opens again: most lines are placed by the time this runs, and are left out.
 */
function indexByEvery(lines: Prepared[]): Map<number, Prepared[]> {
  const index = new Map<number, Prepared[]>();
  for (const line of lines) {
    if (line.placed) continue;
    for (const key of line.docKeys) {
      const list = index.get(key);
      if (list) list.push(line);
      else index.set(key, [line]);
    }
  }
  return index;
}

/**
 * The lines under one reference that add up to the one line: all of them; else, when one part is
 * entered twice (600 + 400 + 400 against 1000), the only combination of distinct amounts that fits,
 * its earliest lines (the repeat is left over, a DUPLICATE). Two different combinations: none.
 */
/** Kinds that reduce the document they name: netted against it, as a statement shows it. */
const CREDITS = new Set(['CREDIT_NOTE', 'ADJUSTMENT']);

/**
 * One line against its document on the other side less the credit notes that name it (1,000 and a
 * credit note of −100 against 900 on their statement: the customer netted them). Only when every
 * line of the other sign under the document is a credit note or an adjustment, and the one line is
 * alone under its document on its side.
 */
function nettedByCredits(
  state: MatchState,
  ones: Prepared[],
  others: Prepared[],
  oneSide: 'ours' | 'theirs',
) {
  const byDoc = (lines: Prepared[]) => {
    const index = new Map<number, Prepared[]>();
    for (const line of lines) {
      if (line.placed) continue;
      for (const k of line.docKeys) {
        const list = index.get(k);
        if (list) list.push(line);
        else index.set(k, [line]);
      }
    }
    return index;
  };
  // Most customers have no open credit note by now: nothing to index.
  if (!others.some((l) => !l.placed && CREDITS.has(l.kind) && l.docKeys.length > 0)) return;
  const index = byDoc(others);
  const own = byDoc(ones);
  for (const one of ones) {
    if (one.placed || !one.norm || one.units === 0n) continue;
    const key = one.docKeys[0];
    if ((own.get(key) ?? []).filter((l) => !l.placed).length !== 1) continue;
    const lines = (index.get(key) ?? []).filter((l) => !l.placed);
    if (lines.length < 2 || lines.length > state.settings.maxGroupSize) continue;
    const credits = lines.filter((l) => l.units > 0n !== one.units > 0n);
    if (credits.length === 0 || credits.length === lines.length || !credits.every((l) => CREDITS.has(l.kind)))
      continue;
    if (!state.withinTolerance(...together(one, lines, oneSide))) continue;
    const residual = state.residual(...together(one, lines, oneSide));
    const gross = lines.filter((l) => !credits.includes(l));
    place(
      state,
      one,
      lines,
      oneSide,
      residual === 0n ? 0.92 : 0.88,
      `${one.rawField || 'reference'} ${one.raw}: ${money(sum(gross), one.currency)} less ${credits.map((l) => `${l.raw || l.id} ${money(-l.units, one.currency)}`).join(', ')} ` +
        `naming it = ${money(sum(lines), one.currency)} against ${money(one.units, one.currency)}${residual === 0n ? '' : `, residual ${money(residual, one.currency)} within tolerance`}`,
    );
  }
}

const together = (one: Prepared, many: Prepared[], oneSide: 'ours' | 'theirs'): [Prepared[], Prepared[]] =>
  oneSide === 'ours' ? [[one], many] : [many, [one]];

function partsAddingUp(
  state: MatchState,
  one: Prepared,
  many: Prepared[],
  oneSide: 'ours' | 'theirs',
): Prepared[] | undefined {
  const fits = (lines: Prepared[]) => state.withinTolerance(...together(one, lines, oneSide));
  if (fits(many)) return many;
  const amounts = new Set(many.map((l) => l.amountKey));
  if (amounts.size === many.length) return undefined; // no repeat: no part to leave out
  let found: Prepared[] | undefined;
  const signatures = new Set<string>();
  for (let mask = 1; mask < (1 << many.length) - 1; mask += 1) {
    const lines = many.filter((_, i) => mask & (1 << i));
    if (lines.length < 2 || !fits(lines)) continue;
    const signature = lines
      .map((l) => l.amountKey)
      .sort()
      .join(' ');
    if (signatures.has(signature)) continue;
    signatures.add(signature);
    if (signatures.size > 1) return undefined;
    found = lines;
  }
  // The first mask with a signature takes the earliest lines of each amount (many is in date order).
  return found;
}

function bySubsetSum(state: MatchState, ones: Prepared[], others: Prepared[], oneSide: 'ours' | 'theirs') {
  const { dateWindowDays, subsetPoolSize } = state.settings;
  const reserved = state.reservedForReferences();
  for (const one of ones) {
    if (one.placed || one.units === 0n || reserved(one)) continue;
    // Others are in (day, id) order: a binary search finds the date window, so each target looks
    // at its neighbourhood only, never the whole side; only the open lines it may take are kept.
    const window: Prepared[] = [];
    for (
      let i = firstOnOrAfter(others, one.day - dateWindowDays * 2);
      i < others.length && others[i].day <= one.day + dateWindowDays * 2;
      i += 1
    ) {
      const l = others[i];
      if (!l.placed && l.currency === one.currency && l.units > 0n === one.units > 0n && !reserved(l))
        window.push(l);
    }
    const pool = window
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
  let range = exactly(one.units);
  let search = findSubsets(pool, range, maxGroupSize);
  let exact = true;
  if (search.solutions.length === 0) {
    range = toleranceRange(state.settings, one.currency, one.units);
    if (range.low === range.high) return;
    search = findSubsets(pool, range, maxGroupSize);
    exact = false;
  }
  const { solutions, exhausted } = search;
  if (solutions.length === 0) return;
  // A single open line of the window that fits as well (left to a clerk by the date-window rule)
  // is another way to explain the target: the combination is not proven the only one.
  const single = solutions.length === 1 && !exhausted && singleFit(state, one, pool, range);
  const unique = solutions.length === 1 && !exhausted && !single;
  const caveat =
    solutions.length > 1
      ? ' (another combination fits too)'
      : exhausted
        ? ' (the search was cut off before another combination could be ruled out)'
        : single
          ? ` (a single line of ${money(single.units, single.currency)} fits too)`
          : '';
  for (const found of solutions.slice(0, 2)) {
    const many = [...found].sort((a, b) => a.day - b.day || (a.id < b.id ? -1 : 1));
    const [ours, theirs] = oneSide === 'ours' ? [[one], many] : [many, [one]];
    const evidence = exact
      ? `${many.length} lines add up exactly to ${money(one.units, one.currency)}`
      : `${many.length} lines add up to ${money(sum(many), one.currency)} against ${money(one.units, one.currency)}: residual ${money(
          state.residual(ours, theirs),
          one.currency,
        )} within the tolerance of ${money(allowedResidual(state.settings, one.currency, sum(ours), sum(theirs)), one.currency)}`;
    // Each side names a different document (INV-300 against INV-301 + INV-302): the references
    // speak against the amounts, as for a 1:1 pair, so it is for a clerk to weigh.
    const conflict = conflictingGroup(ours, theirs);
    // A fit not proven unique, or against the references, is a clerk's call: a suggestion, never applied.
    const confidence = !unique ? 0.45 : conflict ? 0.5 : exact ? 0.85 : 0.8;
    place(state, one, many, oneSide, confidence, `${evidence}${caveat}${conflict ? `, ${conflict}` : ''}`);
  }
}

/** A pool line inside the date window whose amount alone falls in the range, if any. */
function singleFit(
  state: MatchState,
  one: Prepared,
  pool: Prepared[],
  range: SumRange,
): Prepared | undefined {
  const window = state.settings.dateWindowDays;
  return pool.find((l) => {
    const size = l.units < 0n ? -l.units : l.units;
    return Math.abs(l.day - one.day) <= window && size >= range.low && size <= range.high;
  });
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
