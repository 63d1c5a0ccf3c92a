import type { Prepared } from '../prepare';
import { describeDays, describeReferences, type MatchState } from '../state';

/** Index of the customer's unplaced lines by a key, each list in canonical (date, id) order. */
function indexBy(lines: Prepared[], key: (line: Prepared) => string | undefined): Map<string, Prepared[]> {
  const index = new Map<string, Prepared[]>();
  for (const line of lines) {
    const k = key(line);
    if (line.placed || !k) continue;
    const list = index.get(k);
    if (list) list.push(line);
    else index.set(k, [line]);
  }
  return index;
}

function nearest(candidates: Prepared[] | undefined, line: Prepared): Prepared | undefined {
  let best: Prepared | undefined;
  for (const candidate of candidates ?? []) {
    if (candidate.placed) continue;
    if (!best || Math.abs(candidate.day - line.day) < Math.abs(best.day - line.day)) best = candidate;
  }
  return best;
}

/** Rule 1: the same reference, as written, and the same amount. */
export function exactReference(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  const key = (l: Prepared) => (l.raw ? `${l.currency}|${l.raw}|${l.amountKey}` : undefined);
  const index = indexBy(theirs, key);
  for (const line of ours) {
    if (line.placed || !key(line)) continue;
    const match = nearest(index.get(key(line)!), line);
    if (match)
      state.propose(
        'EXACT_REFERENCE',
        [line],
        [match],
        1,
        `${describeReferences(line, match, '=')}, amounts equal, ${describeDays(line, match)}`,
      );
  }
}

/** Rule 2: the same document once references are normalised (either reference field), and the same amount. */
export function normalizedReference(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  const index = new Map<string, Prepared[]>();
  for (const line of theirs) {
    if (line.placed) continue;
    for (const k of line.itemKeys) {
      const list = index.get(k);
      if (list) list.push(line);
      else index.set(k, [line]);
    }
  }
  for (const line of ours) {
    if (line.placed || line.itemKeys.length === 0) continue;
    // The nearest in date over every key's candidates, the first of equals in key then list order.
    let match: Prepared | undefined;
    for (const k of line.itemKeys) {
      const found = nearest(index.get(k), line);
      if (found && (!match || Math.abs(found.day - line.day) < Math.abs(match.day - line.day))) match = found;
    }
    if (match) {
      const norm = line.norms.find((n) => match.norms.includes(n));
      state.propose(
        'NORMALIZED_REFERENCE',
        [line],
        [match],
        0.98,
        `${describeReferences(line, match, '~', norm)}, amounts equal, ${describeDays(line, match)}`,
      );
    }
  }
}

export { indexBy };
