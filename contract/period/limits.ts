/** Up to this many lines (both sides) a period is matched in a local activity (well under a second). */
export const LOCAL_MATCH_LINES = 5_000;
