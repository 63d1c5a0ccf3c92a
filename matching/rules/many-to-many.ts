import type { Prepared } from '../prepare';
import type { MatchState } from '../state';
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
}
