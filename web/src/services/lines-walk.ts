/** Where a side's lines go on: which state of the walk, and after which row of it. */
export interface LinesCursor {
  /** Index into the states being walked; past the end when every line is loaded. */
  stateIndex: number;
  after: string | null;
}

/** One state's first page, its rows with their cursors. */
export interface StatePage<Line> {
  edges: ReadonlyArray<{ cursor: string; node: Line }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * The first `wanted` lines of a walk over the states in order (unmatched, suggested, matched),
 * from each state's first page read at once, and where the walk goes on: after the last row kept,
 * or at the next state when a state was used up. Pure.
 */
export function takeInStateOrder<Line>(
  pages: ReadonlyArray<StatePage<Line>>,
  wanted: number,
  firstStateIndex = 0,
): { lines: Line[]; cursor: LinesCursor } {
  const lines: Line[] = [];
  for (const [offset, page] of pages.entries()) {
    const stateIndex = firstStateIndex + offset;
    const room = wanted - lines.length;
    const kept = page.edges.slice(0, room);
    lines.push(...kept.map((edge) => edge.node));
    if (kept.length < page.edges.length)
      return { lines, cursor: { stateIndex, after: kept[kept.length - 1]?.cursor ?? null } };
    if (page.pageInfo.hasNextPage)
      return {
        lines,
        cursor: { stateIndex, after: page.pageInfo.endCursor ?? kept[kept.length - 1]?.cursor ?? null },
      };
    if (lines.length >= wanted) return { lines, cursor: { stateIndex: stateIndex + 1, after: null } };
  }
  return { lines, cursor: { stateIndex: firstStateIndex + pages.length, after: null } };
}
