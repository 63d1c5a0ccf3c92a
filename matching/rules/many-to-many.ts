import type { Prepared } from '../prepare';
import { sum, type MatchState } from '../state';
import { money } from '../units';
import { conflictingGroup } from './conflicts';
import { indexBy } from './reference';

/** Rule 6: several lines on each side under one reference whose totals agree: one group, unambiguous by construction. */
export function manyToMany(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  const key = (l: Prepared) => (l.norm ? l.docKeys[0] : undefined);
  const theirIndex = indexBy(theirs, key);
  const ourIndex = indexBy(ours, key);
  for (const [k, ourLines] of ourIndex) {
    const theirLines = theirIndex.get(k)?.filter((l) => !l.placed) ?? [];
    const mine = ourLines.filter((l) => !l.placed);
    if (mine.length === 0 || theirLines.length === 0 || (mine.length < 2 && theirLines.length < 2)) continue;
    if (mine.length + theirLines.length > state.settings.maxGroupSize * 2) continue;
    if (!state.withinTolerance(mine, theirLines)) continue;
    state.propose(
      'MANY_TO_MANY',
      mine,
      theirLines,
      0.9,
      `reference ${mine[0].raw}: ${mine.length} lines of ours and ${theirLines.length} of theirs with equal totals`,
    );
  }
  sharedReferences(state, ours, theirs);
  leftoversAddingUp(state, ours, theirs);
}

/**
 * Lines with numbers of their own under one shared reference (our invoices INV-1, INV-2, INV-3 of
 * order PO-9 against the customer's two lines under PO-9, Blnk's many-to-many by reference): the
 * lines of one sign under that reference, when their totals agree, are one group. Keyed above by
 * their own numbers they never met, and were paired as "the same document" beyond tolerance.
 */
function sharedReferences(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  const key = (l: Prepared) =>
    l.placed || !l.refNorm ? undefined : `${l.currency}|${l.refNorm}|${l.units < 0n ? '-' : '+'}`;
  const theirIndex = indexBy(theirs, key);
  for (const [k, ourLines] of indexBy(ours, key)) {
    const mine = ourLines.filter((l) => !l.placed);
    const theirLines = theirIndex.get(k)?.filter((l) => !l.placed) ?? [];
    if (mine.length < 2 || theirLines.length < 2) continue;
    if (mine.length + theirLines.length > state.settings.maxGroupSize * 2) continue;
    // Only where a line's own number differs from the reference: else the pass above had them.
    if (![...mine, ...theirLines].some((l) => l.docNorm && l.docNorm !== l.refNorm)) continue;
    if (!state.withinTolerance(mine, theirLines)) continue;
    const currency = mine[0].currency;
    const totals =
      state.residual(mine, theirLines) === 0n
        ? `with equal totals ${money(sum(mine), currency)}`
        : `totals ${money(sum(mine), currency)} and ${money(sum(theirLines), currency)}, within tolerance`;
    state.propose(
      'MANY_TO_MANY',
      mine,
      theirLines,
      0.85,
      `reference ${mine[0].reference} shared by ${mine.length} lines of ours (${mine.map((l) => l.docNo || l.id).join(', ')}) and ${theirLines.length} of theirs, ${totals}`,
    );
  }
}

/**
 * What is left of one sign and currency on each side, a few lines dated close together with no
 * reference in common, adds up exactly (BlackLine's N:M: 300 + 700 against 400 + 600). Amounts
 * alone never prove which line is which, so it is a suggestion for a clerk, never applied.
 */
function leftoversAddingUp(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  const open = (lines: Prepared[], keep: (line: Prepared) => boolean) => {
    const by = new Map<string, Prepared[]>();
    for (const line of lines) {
      if (line.placed || line.units === 0n || !keep(line)) continue;
      const key = `${line.currency}|${line.units < 0n ? '-' : '+'}`;
      const list = by.get(key);
      if (list) list.push(line);
      else by.set(key, [line]);
    }
    return by;
  };
  const { maxGroupSize, dateWindowDays } = state.settings;
  const fits = (mine: Prepared[], other: Prepared[] | undefined): other is Prepared[] =>
    other !== undefined &&
    mine.length >= 2 &&
    other.length >= 2 &&
    mine.length <= maxGroupSize &&
    other.length <= maxGroupSize;
  // Most customers have no such leftovers: the reserved-line sets are built only when one may fit.
  const may = twoOnEachSide(ours, theirs);
  if (may === false) return;
  if (may === undefined) {
    const anyLeft = open(theirs, () => true);
    if (
      ![...open(ours, () => true)].some(
        ([key, mine]) => mine.length >= 2 && (anyLeft.get(key)?.length ?? 0) >= 2,
      )
    )
      return;
  }
  const reserved = state.reservedForReferences();
  const theirOpen = open(theirs, (l) => !reserved(l));
  for (const [key, mine] of open(ours, (l) => !reserved(l))) {
    const other = theirOpen.get(key);
    if (!fits(mine, other)) continue;
    const days = [...mine, ...other].map((l) => l.day);
    if (Math.max(...days) - Math.min(...days) > 2 * dateWindowDays) continue;
    if (state.residual(mine, other) !== 0n) continue;
    const conflict = conflictingGroup(mine, other);
    state.propose(
      'MANY_TO_MANY',
      mine,
      other,
      conflict ? 0.5 : 0.6,
      `${mine.length} lines of ours and ${other.length} of theirs left open, no reference in common, add up to ${money(sum(mine), mine[0].currency)} each: amounts alone, for a clerk to confirm` +
        (conflict ? `, ${conflict}` : ''),
    );
  }
}

/**
 * Whether, lines in one currency, some sign has two open lines of non-zero amount on each side:
 * counted, without the index by currency and sign. Undefined for lines in several currencies.
 */
function twoOnEachSide(ours: Prepared[], theirs: Prepared[]): boolean | undefined {
  let currency: string | undefined;
  // Open lines of ours positive, ours negative, theirs positive, theirs negative.
  const counts = [0, 0, 0, 0];
  for (let side = 0; side < 2; side += 1)
    for (const line of side === 0 ? ours : theirs) {
      if (line.placed || line.units === 0n) continue;
      if (currency === undefined) currency = line.currency;
      else if (line.currency !== currency) return undefined;
      counts[side * 2 + (line.units < 0n ? 1 : 0)] += 1;
    }
  return (counts[0] >= 2 && counts[2] >= 2) || (counts[1] >= 2 && counts[3] >= 2);
}
