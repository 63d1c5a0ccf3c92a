/**
 * Which differences a set of lines settles. Ledger entry ids and statement line ids are separate
 * sequences (entry 3 and statement line 3 are different lines), so each side is compared with its
 * own ids, never one mixed set.
 */
export interface LineIds {
  ledgerEntryIds: Iterable<string>;
  statementLineIds: Iterable<string>;
}

interface DifferenceLines {
  ourIds: readonly string[];
  theirIds: readonly string[];
}

function sides(lines: LineIds) {
  const ours = new Set(lines.ledgerEntryIds);
  const theirs = new Set(lines.statementLineIds);
  return (d: DifferenceLines) => [
    ...d.ourIds.map((id) => ours.has(id)),
    ...d.theirIds.map((id) => theirs.has(id)),
  ];
}

/** Differences with at least one of their lines among `lines` (a hand match takes them over). */
export function differencesTouching<D extends DifferenceLines>(
  differences: readonly D[],
  lines: LineIds,
): D[] {
  const member = sides(lines);
  return differences.filter((d) => member(d).some(Boolean));
}

/** Differences all of whose lines are among `lines` (an accepted suggestion settles them). */
export function differencesCoveredBy<D extends DifferenceLines>(
  differences: readonly D[],
  lines: LineIds,
): D[] {
  const member = sides(lines);
  return differences.filter((d) => {
    const found = member(d);
    return found.length > 0 && found.every(Boolean);
  });
}
