import type { Prepared } from '../prepare';

/** Step budget per target: the search is bounded whatever the pool looks like. */
const STEP_BUDGET = 20_000;

/**
 * Subsets of `pool` (2..maxSize lines) whose amounts add up exactly to `target`. Stops after two
 * solutions (two already means "ambiguous") or when the budget runs out.
 */
export function findSubsets(
  pool: Prepared[],
  target: bigint,
  maxSize: number,
): { solutions: Prepared[][]; exhausted: boolean } {
  // Largest magnitudes first prunes fastest; all amounts share the target's sign.
  const items = [...pool].sort((a, b) =>
    abs(b.units) > abs(a.units) ? 1 : abs(b.units) < abs(a.units) ? -1 : a.id < b.id ? -1 : 1,
  );
  const suffix: bigint[] = new Array(items.length + 1).fill(0n);
  for (let i = items.length - 1; i >= 0; i -= 1) suffix[i] = suffix[i + 1] + abs(items[i].units);
  const goal = abs(target);
  const solutions: Prepared[][] = [];
  const chosen: Prepared[] = [];
  let steps = 0;
  let exhausted = false;

  const search = (start: number, remaining: bigint): void => {
    if (solutions.length >= 2 || exhausted) return;
    if (remaining === 0n) {
      if (chosen.length >= 2) solutions.push([...chosen]);
      return;
    }
    if (chosen.length === maxSize || suffix[start] < remaining) return;
    for (let i = start; i < items.length; i += 1) {
      if (++steps > STEP_BUDGET) {
        exhausted = true;
        return;
      }
      const value = abs(items[i].units);
      if (value > remaining) continue;
      chosen.push(items[i]);
      search(i + 1, remaining - value);
      chosen.pop();
      if (solutions.length >= 2 || exhausted) return;
    }
  };
  search(0, goal);
  return { solutions, exhausted };
}

const abs = (v: bigint) => (v < 0n ? -v : v);
